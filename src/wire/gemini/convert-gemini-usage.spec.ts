import { describe, expect, it } from 'vitest';
import { decodeGeminiUsage, encodeGeminiUsage } from './convert-gemini-usage';

describe('convert-gemini-usage', () => {
  it('takes cached tokens out of the prompt and adds thoughts to the output', () => {
    expect(decodeGeminiUsage({ promptTokenCount: 1000, cachedContentTokenCount: 800, candidatesTokenCount: 50, thoughtsTokenCount: 30, totalTokenCount: 1080 })).toEqual({
      inputTokens: 200,
      cacheReadTokens: 800,
      cacheWriteTokens: 0,
      outputTokens: 80,
      reasoningTokens: 30,
    });
  });

  it('reads an early stream chunk that has no candidatesTokenCount yet', () => {
    expect(decodeGeminiUsage({ promptTokenCount: 15, totalTokenCount: 15 })).toEqual({
      inputTokens: 15,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('encodes the inverse with a consistent total', () => {
    const metadata = { promptTokenCount: 1000, cachedContentTokenCount: 800, candidatesTokenCount: 50, thoughtsTokenCount: 30, totalTokenCount: 1080 };
    expect(encodeGeminiUsage(decodeGeminiUsage(metadata))).toEqual(metadata);
  });

  it('folds toolUsePromptTokenCount into the prompt on the way back: the total stays right', () => {
    const encoded = encodeGeminiUsage(decodeGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 18 }));
    expect(encoded).toEqual({ promptTokenCount: 15, candidatesTokenCount: 3, totalTokenCount: 18 });
  });

  it('encodes partial usage (a stream that only knows the input so far)', () => {
    expect(encodeGeminiUsage({ inputTokens: 7 })).toEqual({ promptTokenCount: 7, candidatesTokenCount: 0, totalTokenCount: 7 });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeOpenAiChatUsage, encodeOpenAiChatUsage } from './convert-openai-chat-usage';

describe('convert-openai-chat-usage', () => {
  it('takes cached and cache-write tokens out of prompt_tokens, keeps reasoning inside completion_tokens', () => {
    expect(
      decodeOpenAiChatUsage({
        prompt_tokens: 1149,
        completion_tokens: 353,
        total_tokens: 1502,
        prompt_tokens_details: { cached_tokens: 1024, cache_write_tokens: 25 },
        completion_tokens_details: { reasoning_tokens: 100 },
      }),
    ).toEqual({ inputTokens: 100, cacheReadTokens: 1024, cacheWriteTokens: 25, outputTokens: 353, reasoningTokens: 100 });
  });

  it('puts them back so prompt_tokens and total_tokens match what OpenAI would report', () => {
    expect(encodeOpenAiChatUsage({ inputTokens: 125, cacheReadTokens: 1024, cacheWriteTokens: 0, outputTokens: 353, reasoningTokens: 0 })).toEqual({
      prompt_tokens: 1149,
      completion_tokens: 353,
      total_tokens: 1502,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('copes with missing, null and nonsense numbers', () => {
    const zero = { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 };
    expect(decodeOpenAiChatUsage(null)).toEqual(zero);
    expect(decodeOpenAiChatUsage({ prompt_tokens: '5', completion_tokens: -1, prompt_tokens_details: null })).toEqual(zero);
    expect(decodeOpenAiChatUsage({ prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 20 } }).inputTokens).toBe(0);
  });
});

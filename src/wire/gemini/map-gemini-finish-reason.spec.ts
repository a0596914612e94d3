import { describe, expect, it } from 'vitest';
import { decodeGeminiFinishReason, encodeGeminiFinishReason } from './map-gemini-finish-reason';

describe('decodeGeminiFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['IMAGE_SAFETY', 'content_filter'],
    ['OTHER', 'other'],
    ['LANGUAGE', 'other'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    ['SOMETHING_NEW', 'other'],
  ])('%s → %s', (gemini, ir) => {
    expect(decodeGeminiFinishReason(gemini, false)).toBe(ir);
  });

  it('reads STOP after function calls as tool_calls, which OpenAI and Anthropic clients loop on', () => {
    expect(decodeGeminiFinishReason('STOP', true)).toBe('tool_calls');
    expect(decodeGeminiFinishReason('MAX_TOKENS', true)).toBe('length');
  });
});

describe('encodeGeminiFinishReason', () => {
  it.each([
    ['stop', 'STOP'],
    ['tool_calls', 'STOP'],
    ['stop_sequence', 'STOP'],
    ['length', 'MAX_TOKENS'],
    ['content_filter', 'SAFETY'],
    ['other', 'OTHER'],
    ['error', 'MALFORMED_FUNCTION_CALL'],
  ] as const)('%s → %s', (ir, gemini) => {
    expect(encodeGeminiFinishReason(ir)).toBe(gemini);
  });
});

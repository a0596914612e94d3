import type { IrFinishReason } from '../ir';
import type { GeminiFinishReason } from './gemini-types';

/**
 * The one Gemini ↔ IR finish-reason table (https://ai.google.dev/api/generate-content#FinishReason).
 * Decoding reads every row; encoding takes the FIRST row of an IR reason, so the canonical
 * Gemini value of each IR reason comes first.
 */
const FINISH_REASONS: ReadonlyArray<readonly [GeminiFinishReason, IrFinishReason]> = [
  ['STOP', 'stop'],
  ['MAX_TOKENS', 'length'],
  ['SAFETY', 'content_filter'],
  ['RECITATION', 'content_filter'],
  ['BLOCKLIST', 'content_filter'],
  ['PROHIBITED_CONTENT', 'content_filter'],
  ['SPII', 'content_filter'],
  ['IMAGE_SAFETY', 'content_filter'],
  ['IMAGE_PROHIBITED_CONTENT', 'content_filter'],
  ['IMAGE_RECITATION', 'content_filter'],
  ['OTHER', 'other'],
  ['LANGUAGE', 'other'],
  ['IMAGE_OTHER', 'other'],
  ['NO_IMAGE', 'other'],
  ['MALFORMED_FUNCTION_CALL', 'error'],
  ['UNEXPECTED_TOOL_CALL', 'error'],
  ['TOO_MANY_TOOL_CALLS', 'error'],
  ['MISSING_THOUGHT_SIGNATURE', 'error'],
  ['MALFORMED_RESPONSE', 'error'],
];

const DECODE = new Map<string, IrFinishReason>(FINISH_REASONS);
const ENCODE = new Map<IrFinishReason, GeminiFinishReason>();
for (const [gemini, ir] of FINISH_REASONS) if (!ENCODE.has(ir)) ENCODE.set(ir, gemini);

/**
 * Gemini says STOP also when the model stopped to call functions; the IR says `tool_calls` then,
 * because OpenAI and Anthropic clients drive their tool loops from that reason.
 */
export function decodeGeminiFinishReason(reason: string, hasFunctionCalls: boolean): IrFinishReason {
  const decoded = DECODE.get(reason) ?? 'other';
  return decoded === 'stop' && hasFunctionCalls ? 'tool_calls' : decoded;
}

/** `tool_calls` and `stop_sequence` are STOP in Gemini, which reports neither separately. */
export function encodeGeminiFinishReason(reason: IrFinishReason): GeminiFinishReason {
  return ENCODE.get(reason) ?? 'STOP';
}

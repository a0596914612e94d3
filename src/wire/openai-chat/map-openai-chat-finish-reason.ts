import type { IrFinishReason } from '../ir';
import type { OpenAiChatFinishReason } from './openai-chat-types';

/**
 * The one finish-reason table, read in both directions: decoding takes the first row whose wire
 * value matches, encoding the first row whose IR value matches, so row order decides preference.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 *
 * - `function_call` is the legacy name of `tool_calls`.
 * - Chat Completions has no `stop_sequence`, `error` or `other`; all three leave as `stop`
 *   (OpenAI itself says `stop` when a stop sequence matched).
 * - `error` arrives from OpenRouter when its upstream failed mid-generation; it is only ever
 *   decoded, since the `stop` row above it wins when encoding.
 */
const FINISH_REASONS: ReadonlyArray<readonly [OpenAiChatFinishReason | 'error', IrFinishReason]> = [
  ['stop', 'stop'],
  ['length', 'length'],
  ['tool_calls', 'tool_calls'],
  ['content_filter', 'content_filter'],
  ['function_call', 'tool_calls'],
  ['stop', 'stop_sequence'],
  ['stop', 'error'],
  ['stop', 'other'],
  ['error', 'error'],
];

/** Wire → IR; a reason this table does not know becomes `other`. */
export function decodeOpenAiChatFinishReason(reason: unknown): IrFinishReason {
  const row = FINISH_REASONS.find(([wire]) => wire === reason);
  return row ? row[1] : 'other';
}

/** IR → wire. */
export function encodeOpenAiChatFinishReason(reason: IrFinishReason): OpenAiChatFinishReason {
  const row = FINISH_REASONS.find(([, ir]) => ir === reason);
  return row && row[0] !== 'error' ? row[0] : 'stop';
}

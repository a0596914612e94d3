import type { IrFinishReason } from '../ir';
import type { AnthropicMessagesStopReason } from './anthropic-messages-types';

/**
 * THE stop_reason table (https://docs.anthropic.com/en/api/messages#response-stop-reason).
 * Decoding takes the first row whose Anthropic value matches; encoding takes the first row whose
 * IR value matches, so rows that only make sense one way sit below the row that wins.
 */
const FINISH_REASON_ROWS: ReadonlyArray<readonly [AnthropicMessagesStopReason, IrFinishReason]> = [
  ['end_turn', 'stop'],
  ['max_tokens', 'length'],
  ['tool_use', 'tool_calls'],
  ['stop_sequence', 'stop_sequence'],
  ['refusal', 'content_filter'],
  ['pause_turn', 'other'],
  // Decode only: running out of context window is a length stop to every other client.
  ['model_context_window_exceeded', 'length'],
  // Encode only: Anthropic has no error stop reason; the error itself travels as an error event.
  ['end_turn', 'error'],
];

export function decodeAnthropicMessagesFinishReason(stopReason: unknown): IrFinishReason {
  return FINISH_REASON_ROWS.find(([wire]) => wire === stopReason)?.[1] ?? 'other';
}

export function encodeAnthropicMessagesFinishReason(reason: IrFinishReason): AnthropicMessagesStopReason {
  return FINISH_REASON_ROWS.find(([, ir]) => ir === reason)?.[0] ?? 'end_turn';
}

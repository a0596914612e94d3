import { describe, expect, it } from 'vitest';
import { decodeAnthropicMessagesFinishReason, encodeAnthropicMessagesFinishReason } from './map-anthropic-messages-finish-reason';

describe('map-anthropic-messages-finish-reason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['stop_sequence', 'stop_sequence'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'other'],
  ] as const)('%s ↔ %s both ways', (wire, ir) => {
    expect(decodeAnthropicMessagesFinishReason(wire)).toBe(ir);
    expect(encodeAnthropicMessagesFinishReason(ir)).toBe(wire);
  });

  it('model_context_window_exceeded is a length stop; an unknown reason is other', () => {
    expect(decodeAnthropicMessagesFinishReason('model_context_window_exceeded')).toBe('length');
    expect(decodeAnthropicMessagesFinishReason('brand_new_reason')).toBe('other');
  });

  it('the IR error finish has no Anthropic stop reason and ends the turn', () => {
    expect(encodeAnthropicMessagesFinishReason('error')).toBe('end_turn');
  });
});

import { describe, expect, it } from 'vitest';
import type { IrFinishReason } from '../ir';
import { decodeOpenAiChatFinishReason, encodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason';

describe('map-openai-chat-finish-reason', () => {
  it('decodes every Chat Completions finish reason', () => {
    expect(['stop', 'length', 'tool_calls', 'function_call', 'content_filter', 'error'].map(decodeOpenAiChatFinishReason)).toEqual([
      'stop',
      'length',
      'tool_calls',
      'tool_calls',
      'content_filter',
      'error',
    ]);
  });

  it('decodes an unknown or missing reason as other', () => {
    expect(decodeOpenAiChatFinishReason('eos')).toBe('other');
    expect(decodeOpenAiChatFinishReason(null)).toBe('other');
  });

  it('encodes every IR reason to a value the openai SDK types allow', () => {
    const reasons: IrFinishReason[] = ['stop', 'length', 'tool_calls', 'content_filter', 'stop_sequence', 'error', 'other'];
    expect(reasons.map(encodeOpenAiChatFinishReason)).toEqual(['stop', 'length', 'tool_calls', 'content_filter', 'stop', 'stop', 'stop']);
  });
});

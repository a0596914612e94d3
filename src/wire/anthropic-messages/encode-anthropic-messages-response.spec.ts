import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import type { IrResponse } from '../ir';
import { decodeAnthropicMessagesResponse } from './decode-anthropic-messages-response';
import { encodeAnthropicMessagesResponse } from './encode-anthropic-messages-response';

/** The fields of a recorded Message that Plexus reproduces (the rest is provider bookkeeping). */
function essentials(message: Record<string, any>) {
  return {
    id: message.id,
    type: message.type,
    role: message.role,
    model: message.model,
    content: message.content.map(({ caller: _caller, ...block }: Record<string, unknown>) => block),
    stop_reason: message.stop_reason,
    stop_sequence: message.stop_sequence,
    usage: {
      input_tokens: message.usage.input_tokens,
      cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
      cache_read_input_tokens: message.usage.cache_read_input_tokens,
      output_tokens: message.usage.output_tokens,
    },
  };
}

describe('encodeAnthropicMessagesResponse round trips of recorded responses', () => {
  it.each(['message-text.json', 'message-parallel-tool-use.json', 'message-thinking-tool-use.json', 'message-cache-creation.json', 'message-cache-read.json'])(
    '%s → IR → Anthropic keeps content, stop reason and usage',
    (file) => {
      const original = fixtureJson('anthropic-messages', file);
      const encoded = encodeAnthropicMessagesResponse(decodeAnthropicMessagesResponse(original), original.model);
      expect(encoded).toEqual(essentials(original));
    },
  );

  it('the model shown is the one the client asked for', () => {
    const original = fixtureJson('anthropic-messages', 'message-text.json');
    expect(encodeAnthropicMessagesResponse(decodeAnthropicMessagesResponse(original), 'my-alias').model).toBe('my-alias');
  });
});

describe('encodeAnthropicMessagesResponse from other providers', () => {
  const response = (overrides: Partial<IrResponse>): IrResponse => ({
    id: 'chatcmpl-1',
    model: 'gpt-4o',
    content: [],
    finishReason: 'stop',
    usage: { inputTokens: 10, cacheReadTokens: 90, cacheWriteTokens: 0, outputTokens: 20, reasoningTokens: 0 },
    ...overrides,
  });

  it('OpenAI tool calls: empty text skipped, arguments as input, tool_use stop reason, usage split kept', () => {
    const encoded = encodeAnthropicMessagesResponse(
      response({ content: [{ type: 'text', text: '' }, { type: 'tool-call', id: 'call_1', name: 'add', arguments: { a: 2, b: 3 } }], finishReason: 'tool_calls' }),
      'alias',
    );
    expect(encoded.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'add', input: { a: 2, b: 3 } }]);
    expect(encoded.stop_reason).toBe('tool_use');
    expect(encoded.usage).toEqual({ input_tokens: 10, cache_read_input_tokens: 90, cache_creation_input_tokens: 0, output_tokens: 20 });
  });

  it('unsigned reasoning becomes a thinking block with an empty signature; reasoning tokens are reported', () => {
    const encoded = encodeAnthropicMessagesResponse(
      response({ content: [{ type: 'reasoning', text: 'thought' }, { type: 'text', text: 'answer' }], usage: { inputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 30, reasoningTokens: 25 } }),
      'alias',
    );
    expect(encoded.content).toEqual([
      { type: 'thinking', thinking: 'thought', signature: '' },
      { type: 'text', text: 'answer' },
    ]);
    expect(encoded.usage).toMatchObject({ output_tokens: 30, output_tokens_details: { thinking_tokens: 25 } });
  });

  it('Gemini signatures on text and tool calls are dropped on purpose', () => {
    const encoded = encodeAnthropicMessagesResponse(
      response({ content: [{ type: 'text', text: 'hi', signature: 'gemini-sig-1' }, { type: 'tool-call', id: 'c', name: 'f', arguments: {}, signature: 'gemini-sig-2' }] }),
      'alias',
    );
    expect(JSON.stringify(encoded)).not.toContain('gemini-sig');
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['other', 'pause_turn'],
    ['error', 'end_turn'],
  ] as const)('finish %s → stop_reason %s', (finishReason, stopReason) => {
    expect(encodeAnthropicMessagesResponse(response({ finishReason }), 'alias').stop_reason).toBe(stopReason);
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError } from '../ir';
import { decodeAnthropicMessagesResponse } from './decode-anthropic-messages-response';

const decodeFixture = (file: string) => decodeAnthropicMessagesResponse(fixtureJson('anthropic-messages', file));

describe('decodeAnthropicMessagesResponse on recorded responses', () => {
  it('message-text.json: text, stop, usage', () => {
    expect(decodeFixture('message-text.json')).toEqual({
      id: 'msg_01KrnBffuzxt8ttHq7iiZe7n',
      model: 'claude-sonnet-4-20250514',
      content: [{ type: 'text', text: 'Olá! \n\n(That\'s "hello" in Portuguese. You could also say "Oi!" for a more casual "hi!")' }],
      finishReason: 'stop',
      usage: { inputTokens: 16, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 34, reasoningTokens: 0 },
    });
  });

  it('message-parallel-tool-use.json: text then two tool calls with parsed arguments', () => {
    const response = decodeFixture('message-parallel-tool-use.json');
    expect(response.content).toEqual([
      { type: 'text', text: "I'll add and multiply the numbers 2 and 3 for you." },
      { type: 'tool-call', id: 'toolu_01StBeRxDEwsqcc3arbDgpS9', name: 'add', arguments: { a: 2, b: 3 } },
      { type: 'tool-call', id: 'toolu_01AC6WQhj2iRkdYHgTAGMpVQ', name: 'multiply', arguments: { a: 2, b: 3 } },
    ]);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 507, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 137, reasoningTokens: 0 });
  });

  it('message-thinking-tool-use.json: thinking text and signature unmodified, then the weather call', () => {
    const response = decodeFixture('message-thinking-tool-use.json');
    const original = fixtureJson('anthropic-messages', 'message-thinking-tool-use.json');
    expect(response.content).toEqual([
      { type: 'reasoning', text: original.content[0].thinking, signature: original.content[0].signature },
      { type: 'tool-call', id: 'toolu_014azqsWLU8Djh6RhmBGRC2u', name: 'weather', arguments: { location: 'Florence, Italy' } },
    ]);
    expect(response.content[0]).toMatchObject({ text: expect.stringMatching(/^The user is asking about the weather in Florence, Italy\./), signature: expect.stringMatching(/^Es8DCkYICxgCKkBROcM3/) });
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 424, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 118, reasoningTokens: 0 });
  });

  it('message-cache-creation.json: cache writes counted apart from the 10 uncached input tokens', () => {
    expect(decodeFixture('message-cache-creation.json').usage).toEqual({ inputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 7351, outputTokens: 4, reasoningTokens: 0 });
  });

  it('message-cache-read.json: cache reads counted apart from the 10 uncached input tokens', () => {
    const response = decodeFixture('message-cache-read.json');
    expect(response.usage).toEqual({ inputTokens: 10, cacheReadTokens: 7351, cacheWriteTokens: 0, outputTokens: 4, reasoningTokens: 0 });
    expect(response.content).toEqual([{ type: 'text', text: 'OK' }]);
  });
});

describe('decodeAnthropicMessagesResponse details', () => {
  const base = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', usage: { input_tokens: 1, output_tokens: 2 } };

  it('keeps the matched stop sequence and maps every stop reason', () => {
    expect(decodeAnthropicMessagesResponse({ ...base, content: [], stop_reason: 'stop_sequence', stop_sequence: '###' })).toMatchObject({ finishReason: 'stop_sequence', stopSequence: '###' });
    expect(decodeAnthropicMessagesResponse({ ...base, content: [], stop_reason: 'refusal', stop_sequence: null }).finishReason).toBe('content_filter');
  });

  it('redacted thinking becomes opaque reasoning; citations and server-tool blocks are dropped on purpose', () => {
    const response = decodeAnthropicMessagesResponse({
      ...base,
      stop_reason: 'end_turn',
      content: [
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'cited', citations: [{ type: 'web_search_result_location', url: 'https://x' }] },
      ],
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: '', redactedData: 'opaque' },
      { type: 'text', text: 'cited' },
    ]);
  });

  it('reads thinking_tokens of newer API versions as reasoning tokens', () => {
    const response = decodeAnthropicMessagesResponse({ ...base, content: [], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 50, output_tokens_details: { thinking_tokens: 40 } } });
    expect(response.usage).toMatchObject({ outputTokens: 50, reasoningTokens: 40 });
  });

  it('a body that is not a Message is a WireValidationError, not a TypeError', () => {
    expect(() => decodeAnthropicMessagesResponse('<html>')).toThrow(WireValidationError);
    expect(() => decodeAnthropicMessagesResponse({ id: 'x' })).toThrow('content: must be an array');
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import type { IrStreamEvent, IrUsage } from '../ir';
import { SseEventSplitter } from '../sse/sse-event-splitter';
import { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream-decoder';

function decodeFixture(file: string): IrStreamEvent[] {
  const splitter = new SseEventSplitter();
  const decoder = new AnthropicMessagesStreamDecoder();
  const sseEvents = [...splitter.feed(fixtureText('anthropic-messages', file)), ...splitter.end()];
  return [...sseEvents.flatMap((event) => decoder.push(event)), ...decoder.end()];
}

/** What a client would assemble from the IR events: the folding every encoder relies on. */
function assemble(events: IrStreamEvent[]) {
  let text = '';
  let reasoning = '';
  const signatures: string[] = [];
  const toolCalls: Array<{ index: number; id: string; name: string; json: string; ended: boolean }> = [];
  let usage: Partial<IrUsage> = {};
  for (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    if (event.type === 'reasoning-delta') reasoning += event.text;
    if (event.type === 'reasoning-signature') signatures.push(event.signature);
    if (event.type === 'tool-call-start') toolCalls.push({ index: event.index, id: event.id, name: event.name, json: '', ended: false });
    if (event.type === 'tool-call-delta') toolCalls[event.index].json += event.argumentsDelta;
    if (event.type === 'tool-call-end') toolCalls[event.index].ended = true;
    if (event.type === 'usage') usage = { ...usage, ...event.usage };
  }
  const finishes = events.filter((event) => event.type === 'finish');
  const tools = toolCalls.map((call) => ({ index: call.index, id: call.id, name: call.name, arguments: JSON.parse(call.json), ended: call.ended }));
  return { text, reasoning, signatures, tools, usage, finishes };
}

describe('AnthropicMessagesStreamDecoder on recorded streams', () => {
  it('stream-text.sse: text, stop, usage totals from message_start and message_delta', () => {
    const events = decodeFixture('stream-text.sse');
    expect(events[0]).toEqual({ type: 'message-start', id: 'msg_01R8GdyyLQUhUfyjqSCMbnWg', model: 'claude-sonnet-4-20250514' });
    expect(events.filter((event) => event.type === 'message-start')).toHaveLength(1);
    const result = assemble(events);
    expect(result.text).toBe(
      'Olá! (That\'s "hi" in Portuguese)\n\nYou could also say "Oi!" which is a more casual way to say hi in Portuguese.',
    );
    expect(result.finishes).toEqual([{ type: 'finish', reason: 'stop' }]);
    // message_start: input 16, output 5 so far; message_delta repeats input 16 and says output 38.
    expect(result.usage).toEqual({ inputTokens: 16, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 38 });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('stream-text.sse: the first usage event carries the input known at message_start', () => {
    const usageEvents = decodeFixture('stream-text.sse').filter((event) => event.type === 'usage');
    expect(usageEvents[0]).toEqual({ type: 'usage', usage: { inputTokens: 16, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 5 } });
  });

  it('stream-parallel-tool-use.sse: two tool calls with their own 0-based index and parsed arguments', () => {
    const events = decodeFixture('stream-parallel-tool-use.sse');
    const result = assemble(events);
    expect(result.text).toBe("I'll add and multiply the numbers 2 and 3 for you.");
    expect(result.tools).toEqual([
      { index: 0, id: 'toolu_01UYxUYC2zRPY8wiutnF48eP', name: 'add', arguments: { a: 2, b: 3 }, ended: true },
      { index: 1, id: 'toolu_01VaRx1jpWCvPhi7L4kywAcd', name: 'multiply', arguments: { a: 2, b: 3 }, ended: true },
    ]);
    expect(result.finishes).toEqual([{ type: 'finish', reason: 'tool_calls' }]);
    expect(result.usage).toEqual({ inputTokens: 502, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 137 });
    // Bracketing: every delta of tool 1 sits between its start and its end.
    const types = events.map((event) => ('index' in event ? `${event.type}:${event.index}` : event.type));
    expect(types.indexOf('tool-call-end:0')).toBeLessThan(types.indexOf('tool-call-start:1'));
    expect(types.lastIndexOf('tool-call-delta:1')).toBeLessThan(types.indexOf('tool-call-end:1'));
  });

  it('stream-thinking-tool-use.sse: thinking text and signature unmodified, then the weather call', () => {
    const result = assemble(decodeFixture('stream-thinking-tool-use.sse'));
    expect(result.reasoning).toBe(
      'The user is asking for weather information for Florence, Italy. I have access to a weather function that takes a location parameter. ' +
        'The user has provided the location as "Florence, Italy" which is specific enough for the weather function. ' +
        'I have all the required parameters to make the function call.',
    );
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatch(/^EtYDCkYICxgCKkAVHEWRYo6RgSMs4ZZDX4gW16kdfp2EIXftcLesVephGa/);
    expect(result.signatures[0]).toMatch(/CK9rVl4VeDhPFVAYAQ==$/);
    expect(result.tools).toEqual([
      { index: 0, id: 'toolu_01Js4AMfx5qpTLhwTusnvT68', name: 'weather', arguments: { location: 'Florence, Italy' }, ended: true },
    ]);
    expect(result.finishes).toEqual([{ type: 'finish', reason: 'tool_calls' }]);
    expect(result.usage).toEqual({ inputTokens: 424, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 119 });
  });

  it('stream-thinking-text.sse: thinking then text; message_delta with output only keeps the input of message_start', () => {
    const result = assemble(decodeFixture('stream-thinking-text.sse'));
    expect(result.reasoning.startsWith('Let me count the occurrences of the letter \'r\' in the word "strawberry".')).toBe(true);
    expect(result.reasoning.endsWith('So the letter \'r\' appears 3 times in the word "strawberry".')).toBe(true);
    expect(result.signatures).toEqual([
      'ErUBCkYIARgCIkCepoF8CXqdCGI7O1AAkEcxvta5WeUn1g3tOabtne7C0veTgb4mBCBB/rl13SMG1wijfpaq06s2Tu8sf6J9CmeKEgw2ovIZoQGsrJ81ZIEaDEPNWl0TXzR0+AuTSiIw1rXwhHTbINnuGKC/Su7yTL+e28Njv5HYbyOBLG98oCsnMgeglPWWKlmhd9ik0TcXKh3wmkIqarugd7LuaWUDdtxyL9V0IJKnul7nuNx8Yg==',
    ]);
    expect(result.text).toBe('The letter \'r\' appears 3 times in the word "strawberry".');
    expect(result.usage).toEqual({ inputTokens: 52, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 216 });
    expect(result.finishes).toEqual([{ type: 'finish', reason: 'stop' }]);
  });

  it('stream-cache-read.sse: cache reads from message_start survive a message_delta that only has output', () => {
    const result = assemble(decodeFixture('stream-cache-read.sse'));
    expect(result.text.startsWith('Here are concise summaries of the three articles:\n\n1. OpenLLMetry')).toBe(true);
    expect(result.text.endsWith('pays off in the long run.')).toBe(true);
    // input_tokens 4 already excludes the 1165 tokens read from the cache.
    expect(result.usage).toEqual({ inputTokens: 4, cacheReadTokens: 1165, cacheWriteTokens: 0, outputTokens: 221 });
  });

  it('stream-error-overloaded.sse: event: error becomes one IR error and nothing else', () => {
    expect(decodeFixture('stream-error-overloaded.sse')).toEqual([
      { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' } },
    ]);
  });
});

describe('AnthropicMessagesStreamDecoder edge cases', () => {
  const messageStart = { event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 3, output_tokens: 1 } } }) };

  it('a stream cut before message_delta ends with an error instead of a silent finish', () => {
    const decoder = new AnthropicMessagesStreamDecoder();
    decoder.push(messageStart);
    decoder.push({ event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}' });
    decoder.push({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hal"}}' });
    const owed = decoder.end();
    expect(owed).toHaveLength(1);
    expect(owed[0]).toMatchObject({ type: 'error', error: { kind: 'connection_error' } });
  });

  it('unparsable data becomes an error and stops decoding', () => {
    const decoder = new AnthropicMessagesStreamDecoder();
    decoder.push(messageStart);
    expect(decoder.push({ event: 'content_block_delta', data: '{"type":' })).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'server_error', status: 502 }) },
    ]);
    expect(decoder.push({ event: 'message_stop', data: '{"type":"message_stop"}' })).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('redacted thinking is passed on opaque', () => {
    const decoder = new AnthropicMessagesStreamDecoder();
    decoder.push(messageStart);
    expect(
      decoder.push({ event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}' }),
    ).toEqual([{ type: 'redacted-reasoning', data: 'EmwKAhgB' }]);
  });

  it('a newer message_delta that repeats input and cache totals replaces them instead of adding', () => {
    const decoder = new AnthropicMessagesStreamDecoder();
    decoder.push({ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'msg_1', model: 'm', usage: { input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 50, output_tokens: 1 } } }) });
    const events = decoder.push({
      event: 'message_delta',
      data: JSON.stringify({
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: '###' },
        usage: { input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 50, output_tokens: 42, output_tokens_details: { thinking_tokens: 30 } },
      }),
    });
    expect(events).toEqual([
      { type: 'usage', usage: { inputTokens: 10, cacheReadTokens: 100, cacheWriteTokens: 50, outputTokens: 42, reasoningTokens: 30 } },
      { type: 'finish', reason: 'stop_sequence', stopSequence: '###' },
    ]);
  });

  it('content before any message_start still yields message-start first', () => {
    const decoder = new AnthropicMessagesStreamDecoder();
    decoder.push({ event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}' });
    const events = decoder.push({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}' });
    expect(events.map((event) => event.type)).toEqual(['message-start', 'text-delta']);
  });
});

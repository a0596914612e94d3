import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import type { IrStreamEvent } from '../ir';
import { SseEventSplitter } from '../sse/sse-event-splitter';
import { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream-decoder';
import { AnthropicMessagesStreamEncoder } from './anthropic-messages-stream-encoder';

const CLIENT_MODEL = 'claude-client-alias';

function encode(events: IrStreamEvent[]): string {
  const encoder = new AnthropicMessagesStreamEncoder({ model: CLIENT_MODEL });
  return events.map((event) => encoder.push(event)).join('') + encoder.end();
}

function decodeFixture(file: string): IrStreamEvent[] {
  const splitter = new SseEventSplitter();
  const decoder = new AnthropicMessagesStreamDecoder();
  const sseEvents = [...splitter.feed(fixtureText('anthropic-messages', file)), ...splitter.end()];
  return [...sseEvents.flatMap((event) => decoder.push(event)), ...decoder.end()];
}

/** The official SDK's own stream reader reassembles what a real Anthropic client would see. */
async function readWithSdk(encoded: string) {
  const client = new Anthropic({
    apiKey: 'x',
    baseURL: 'http://local.test',
    maxRetries: 0,
    fetch: async () => new Response(encoded, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.messages.stream({ model: CLIENT_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
  return stream.finalMessage();
}

function eventNames(encoded: string): string[] {
  return [...encoded.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
}

describe('AnthropicMessagesStreamEncoder fed by the decoder of each recorded stream', () => {
  it('stream-text.sse reassembles to the same text, stop reason and usage', async () => {
    const message = await readWithSdk(encode(decodeFixture('stream-text.sse')));
    expect(message.id).toBe('msg_01R8GdyyLQUhUfyjqSCMbnWg');
    expect(message.model).toBe(CLIENT_MODEL);
    expect(message.content).toEqual([
      {
        type: 'text',
        text: 'Olá! (That\'s "hi" in Portuguese)\n\nYou could also say "Oi!" which is a more casual way to say hi in Portuguese.',
      },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 16, output_tokens: 38, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it('stream-parallel-tool-use.sse reassembles text and both tool_use blocks with parsed input', async () => {
    const message = await readWithSdk(encode(decodeFixture('stream-parallel-tool-use.sse')));
    expect(message.content).toEqual([
      { type: 'text', text: "I'll add and multiply the numbers 2 and 3 for you." },
      { type: 'tool_use', id: 'toolu_01UYxUYC2zRPY8wiutnF48eP', name: 'add', input: { a: 2, b: 3 } },
      { type: 'tool_use', id: 'toolu_01VaRx1jpWCvPhi7L4kywAcd', name: 'multiply', input: { a: 2, b: 3 } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 502, output_tokens: 137 });
  });

  it('stream-thinking-tool-use.sse keeps thinking text and signature byte for byte', async () => {
    const events = decodeFixture('stream-thinking-tool-use.sse');
    const message = await readWithSdk(encode(events));
    const signature = events.find((event) => event.type === 'reasoning-signature');
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: expect.stringMatching(/^The user is asking for weather information for Florence, Italy\..*make the function call\.$/),
      signature: signature?.type === 'reasoning-signature' ? signature.signature : 'missing',
    });
    expect(message.content[1]).toEqual({ type: 'tool_use', id: 'toolu_01Js4AMfx5qpTLhwTusnvT68', name: 'weather', input: { location: 'Florence, Italy' } });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 424, output_tokens: 119 });
  });

  it('stream-thinking-text.sse reassembles thinking then text', async () => {
    const message = await readWithSdk(encode(decodeFixture('stream-thinking-text.sse')));
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]).toMatchObject({ signature: expect.stringMatching(/^ErUBCkYIARgCIkCepoF8/) });
    expect(message.content[1]).toMatchObject({ text: 'The letter \'r\' appears 3 times in the word "strawberry".' });
    expect(message.usage).toMatchObject({ input_tokens: 52, output_tokens: 216 });
  });

  it('stream-cache-read.sse keeps cache reads apart from input', async () => {
    const message = await readWithSdk(encode(decodeFixture('stream-cache-read.sse')));
    expect(message.usage).toMatchObject({ input_tokens: 4, cache_read_input_tokens: 1165, cache_creation_input_tokens: 0, output_tokens: 221 });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('stream-error-overloaded.sse makes finalMessage() reject with the overloaded error', async () => {
    const encoded = encode(decodeFixture('stream-error-overloaded.sse'));
    expect(eventNames(encoded)).toEqual(['error']);
    await expect(readWithSdk(encoded)).rejects.toMatchObject({ type: 'overloaded_error', message: expect.stringContaining('Overloaded') });
  });
});

describe('AnthropicMessagesStreamEncoder fed with other providers’ event shapes', () => {
  it('OpenAI shape: finish before usage; the held finish goes out with the late usage', async () => {
    const encoded = encode([
      { type: 'message-start', id: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ' there' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 20, cacheReadTokens: 6, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0 } },
    ]);
    expect(eventNames(encoded)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const message = await readWithSdk(encoded);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 20, cache_read_input_tokens: 6, output_tokens: 2 });
  });

  it('OpenAI shape: parallel tool calls ended only at the finish keep every argument fragment', async () => {
    const message = await readWithSdk(
      encode([
        { type: 'message-start', id: 'chatcmpl-2', model: 'gpt-4o' },
        { type: 'tool-call-start', index: 0, id: 'call_add', name: 'add' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":' },
        { type: 'tool-call-start', index: 1, id: 'call_mul', name: 'multiply' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a":2,' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '2,"b":3}' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '"b":3}' },
        { type: 'finish', reason: 'tool_calls' },
        { type: 'tool-call-end', index: 0 },
        { type: 'tool-call-end', index: 1 },
        { type: 'usage', usage: { inputTokens: 80, outputTokens: 40 } },
      ]),
    );
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_add', name: 'add', input: { a: 2, b: 3 } },
      { type: 'tool_use', id: 'call_mul', name: 'multiply', input: { a: 2, b: 3 } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 80, output_tokens: 40 });
  });

  it('Anthropic shape: usage split between start and end, nothing counted twice', async () => {
    const message = await readWithSdk(
      encode([
        { type: 'message-start', id: 'msg_x', model: 'claude' },
        { type: 'usage', usage: { inputTokens: 100, cacheReadTokens: 900, cacheWriteTokens: 50, outputTokens: 1 } },
        { type: 'text-delta', text: 'ok' },
        { type: 'usage', usage: { outputTokens: 12 } },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    expect(message.usage).toMatchObject({ input_tokens: 100, cache_read_input_tokens: 900, cache_creation_input_tokens: 50, output_tokens: 12 });
  });

  it('message_start already carries the usage that follows the IR message-start', () => {
    const encoded = encode([
      { type: 'message-start', id: 'msg_x', model: 'claude' },
      { type: 'usage', usage: { inputTokens: 100, cacheReadTokens: 900, outputTokens: 1 } },
      { type: 'text-delta', text: 'ok' },
    ]);
    const firstData = JSON.parse(/^data: (.+)$/m.exec(encoded)?.[1] ?? '{}');
    expect(firstData.message.usage).toMatchObject({ input_tokens: 100, cache_read_input_tokens: 900, output_tokens: 1 });
  });

  it('Gemini shape: whole tool calls in a single delta; the Gemini signature is dropped on purpose', async () => {
    const encoded = encode([
      { type: 'message-start', id: 'gemini-resp', model: 'gemini-2.5-flash' },
      { type: 'usage', usage: { inputTokens: 60 } },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'add', signature: 'CiQB0e2Kb-gemini-thought-signature' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":2,"b":3}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'multiply' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a":2,"b":3}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'usage', usage: { inputTokens: 60, outputTokens: 30, reasoningTokens: 12 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    expect(encoded).not.toContain('CiQB0e2Kb-gemini-thought-signature');
    const message = await readWithSdk(encoded);
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'add', input: { a: 2, b: 3 } },
      { type: 'tool_use', id: 'call_2', name: 'multiply', input: { a: 2, b: 3 } },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 60, output_tokens: 30, output_tokens_details: { thinking_tokens: 12 } });
  });

  it('tool_use blocks start with an empty input and get arguments only through input_json_delta', () => {
    const encoded = encode([
      { type: 'message-start', id: 'r', model: 'm' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'add' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":2,"b":3}' },
      { type: 'tool-call-end', index: 0 },
    ]);
    const data = [...encoded.matchAll(/^data: (.+)$/gm)].map((match) => JSON.parse(match[1]));
    expect(data.find((event) => event.type === 'content_block_start')?.content_block).toEqual({ type: 'tool_use', id: 'call_1', name: 'add', input: {} });
    expect(data.find((event) => event.type === 'content_block_delta')?.delta).toEqual({ type: 'input_json_delta', partial_json: '{"a":2,"b":3}' });
  });

  it('reasoning + signature, then text, with increasing block indices', async () => {
    const encoded = encode([
      { type: 'message-start', id: 'r', model: 'm' },
      { type: 'reasoning-delta', text: 'Think ' },
      { type: 'reasoning-delta', text: 'hard.' },
      { type: 'reasoning-signature', signature: 'sig-abc' },
      { type: 'redacted-reasoning', data: 'opaque' },
      { type: 'text-delta', text: 'Answer.' },
      { type: 'finish', reason: 'stop' },
    ]);
    const indices = [...encoded.matchAll(/"type":"content_block_start","index":(\d+)/g)].map((match) => Number(match[1]));
    expect(indices).toEqual([0, 1, 2]);
    const message = await readWithSdk(encoded);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Think hard.', signature: 'sig-abc' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Answer.' },
    ]);
  });

  it('an error mid-stream becomes event: error, stops the stream, and the SDK rejects', async () => {
    const encoder = new AnthropicMessagesStreamEncoder({ model: CLIENT_MODEL });
    let encoded = encoder.push({ type: 'message-start', id: 'r', model: 'm' });
    encoded += encoder.push({ type: 'text-delta', text: 'partial' });
    encoded += encoder.push({ type: 'error', error: { kind: 'overloaded', status: 503, message: 'The model is overloaded.' } });
    expect(encoder.push({ type: 'text-delta', text: 'late' })).toBe('');
    encoded += encoder.end();
    expect(eventNames(encoded).at(-1)).toBe('error');
    expect(encoded).toContain('data: {"type":"error","error":{"type":"overloaded_error","message":"The model is overloaded."}}');
    await expect(readWithSdk(encoded)).rejects.toMatchObject({ type: 'overloaded_error' });
  });

  it('an upstream cut without finish still closes the open block and ends with message_stop', async () => {
    const encoded = encode([
      { type: 'message-start', id: 'r', model: 'm' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'add' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
    ]);
    expect(eventNames(encoded).slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const message = await readWithSdk(encoded);
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'add', input: { a: 1 } }]);
  });

  it('usage arriving after a sent message_delta sends an updated total, not an increment', async () => {
    const encoded = encode([
      { type: 'message-start', id: 'r', model: 'm' },
      { type: 'text-delta', text: 'x' },
      { type: 'finish', reason: 'length' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 7 } },
      { type: 'usage', usage: { outputTokens: 9 } },
    ]);
    expect(eventNames(encoded).filter((name) => name === 'message_delta')).toHaveLength(2);
    const message = await readWithSdk(encoded);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 9 });
  });

  it('a stop sequence travels in message_delta', async () => {
    const message = await readWithSdk(
      encode([
        { type: 'message-start', id: 'r', model: 'm' },
        { type: 'text-delta', text: 'x' },
        { type: 'finish', reason: 'stop_sequence', stopSequence: 'END' },
      ]),
    );
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('END');
  });
});

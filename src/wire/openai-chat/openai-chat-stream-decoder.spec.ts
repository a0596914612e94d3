import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import type { IrStreamEvent } from '../ir';
import { SseEventSplitter } from '../sse/sse-event-splitter';
import { OpenAiChatStreamDecoder } from './openai-chat-stream-decoder';

function decodeSse(text: string): IrStreamEvent[] {
  const splitter = new SseEventSplitter();
  const decoder = new OpenAiChatStreamDecoder();
  const events = [...splitter.feed(text), ...splitter.end()].flatMap((event) => decoder.push(event));
  return [...events, ...decoder.end()];
}

function decodeChunks(chunks: unknown[], done = true): IrStreamEvent[] {
  const frames = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('');
  return decodeSse(done ? `${frames}data: [DONE]\n\n` : frames);
}

const text = (events: IrStreamEvent[]) =>
  events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

describe('OpenAiChatStreamDecoder on recorded streams', () => {
  it('decodes stream-text.sse: one start, the text, finish stop, then the usage chunk', () => {
    const events = decodeSse(fixtureText('openai-chat', 'stream-text.sse'));
    expect(events[0]).toEqual({ type: 'message-start', id: 'chatcmpl-DuLdCoxuLDs8HRMlOuz0Bi4wgi4XJ', model: 'gpt-4o-2024-08-06', created: 1782321890 });
    expect(events.filter((event) => event.type === 'message-start')).toHaveLength(1);
    expect(text(events)).toBe('Olá!');
    expect(events.slice(-2)).toEqual([
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0 } },
    ]);
  });

  it('decodes stream-parallel-tool-calls.sse: two bracketed calls whose fragments reassemble to JSON', () => {
    const events = decodeSse(fixtureText('openai-chat', 'stream-parallel-tool-calls.sse'));
    const toolEvents = events.filter((event) => event.type.startsWith('tool-call'));
    expect(toolEvents.map((event) => `${event.type}:${'index' in event ? event.index : ''}`)).toEqual([
      'tool-call-start:0',
      'tool-call-delta:0',
      'tool-call-delta:0',
      'tool-call-delta:0',
      'tool-call-delta:0',
      'tool-call-end:0',
      'tool-call-start:1',
      'tool-call-delta:1',
      'tool-call-delta:1',
      'tool-call-delta:1',
      'tool-call-delta:1',
      'tool-call-end:1',
    ]);
    expect(toolEvents[0]).toEqual({ type: 'tool-call-start', index: 0, id: 'call_ehIWdjL1abZk1h8FWGLQ0Hie', name: 'add' });
    expect(toolEvents[6]).toEqual({ type: 'tool-call-start', index: 1, id: 'call_fBSgA47J5VeONggizTIvl7AH', name: 'multiply' });
    for (const index of [0, 1]) {
      const args = events.map((event) => (event.type === 'tool-call-delta' && event.index === index ? event.argumentsDelta : '')).join('');
      expect(JSON.parse(args)).toEqual({ a: 2, b: 3 });
    }
    expect(events.slice(-2)).toEqual([
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 106, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 50, reasoningTokens: 0 } },
    ]);
  });

  it('decodes stream-reasoning-model-usage.sse: reasoning tokens counted inside output tokens', () => {
    const events = decodeSse(fixtureText('openai-chat', 'stream-reasoning-model-usage.sse'));
    expect(events[0]).toMatchObject({ type: 'message-start', model: 'gpt-5-2025-08-07' });
    expect(text(events)).toBe('Olá!');
    expect(events.some((event) => event.type === 'reasoning-delta')).toBe(false);
    expect(events.slice(-2)).toEqual([
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 19, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 75, reasoningTokens: 64 } },
    ]);
  });
});

describe('OpenAiChatStreamDecoder on OpenAI-compatible quirks', () => {
  it('reads reasoning_content (DeepSeek) and reasoning (OpenRouter) as reasoning, never both', () => {
    const events = decodeChunks([
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'think ', reasoning: 'think ' }),
      chunk({ reasoning: 'more' }),
      chunk({ content: 'answer' }),
      chunk({}, 'stop'),
    ]);
    expect(events.filter((event) => event.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', text: 'think ' },
      { type: 'reasoning-delta', text: 'more' },
    ]);
    expect(text(events)).toBe('answer');
  });

  it('streams a refusal as text so the client still reads it', () => {
    const events = decodeChunks([chunk({ role: 'assistant', refusal: "I can't help with that." }), chunk({}, 'stop')]);
    expect(text(events)).toBe("I can't help with that.");
  });

  it('closes an open tool call when text follows it', () => {
    const events = decodeChunks([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
      chunk({ content: 'done' }),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'message-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'text-delta',
      'finish',
    ]);
  });

  it('treats a new id at the same wire index as a new call (servers that always send index 0)', () => {
    const events = decodeChunks([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'f', arguments: '{"x":1}' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_b', function: { name: 'g', arguments: '{"y":2}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'f' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'g' },
    ]);
  });

  it('derives an id for a tool call that arrives without one', () => {
    const events = decodeChunks([chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }), chunk({}, 'tool_calls')]);
    expect(events.find((event) => event.type === 'tool-call-start')).toEqual({
      type: 'tool-call-start',
      index: 0,
      id: 'call_chatcmpl-1_0',
      name: 'f',
    });
  });

  it('maps the legacy function_call delta and finish reason to a tool call', () => {
    const events = decodeChunks([chunk({ function_call: { name: 'f', arguments: '{"q":1}' } }), chunk({}, 'function_call')]);
    expect(events).toContainEqual({ type: 'tool-call-start', index: 0, id: 'call_function_0', name: 'f' });
    expect(events).toContainEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('reads only choice 0 when the upstream streams several candidates', () => {
    const events = decodeChunks([
      { ...chunk({ content: 'first' }), choices: [{ index: 1, delta: { content: 'second' }, finish_reason: null }, { index: 0, delta: { content: 'first' }, finish_reason: null }] },
      chunk({}, 'stop'),
    ]);
    expect(text(events)).toBe('first');
  });

  it('turns an error data frame into an IR error that ends the stream', () => {
    const events = decodeSse(
      `data: ${JSON.stringify(chunk({ content: 'partial' }))}\n\n` +
        'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n' +
        `data: ${JSON.stringify(chunk({ content: 'ignored' }))}\n\n`,
    );
    expect(text(events)).toBe('partial');
    expect(events[events.length - 1]).toEqual({
      type: 'error',
      error: { kind: 'server_error', status: 500, message: 'The server had an error while processing your request.', providerCode: 'server_error' },
    });
  });

  it('takes the status from a numeric code in an OpenRouter error frame', () => {
    const events = decodeSse(`data: ${JSON.stringify(chunk({ content: 'a' }))}\n\ndata: {"error":{"code":429,"message":"Rate limit exceeded upstream"}}\n\n`);
    expect(events[events.length - 1]).toEqual({
      type: 'error',
      error: { kind: 'rate_limit', status: 429, message: 'Rate limit exceeded upstream', providerCode: '429' },
    });
  });

  it('reports a stream cut off before finish_reason and [DONE] as an error', () => {
    const events = decodeChunks([chunk({ content: 'half an ans' })], false);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { kind: 'server_error', status: 502 } });
  });

  it('finishes a stream that ended with [DONE] but never sent finish_reason', () => {
    const events = decodeChunks([chunk({ content: 'hi' })]);
    expect(events[events.length - 1]).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('reports an empty upstream stream as an error instead of an empty answer', () => {
    expect(decodeSse('data: [DONE]\n\n')).toEqual([
      { type: 'error', error: { kind: 'server_error', status: 502, message: 'upstream stream ended without sending a response' } },
    ]);
  });
});

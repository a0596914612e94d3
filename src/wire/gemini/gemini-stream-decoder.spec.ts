import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import type { IrStreamEvent, IrUsage } from '../ir';
import { SseEventSplitter } from '../sse/sse-event-splitter';
import { GeminiStreamDecoder } from './gemini-stream-decoder';

function decodeStream(text: string, pieceSize = text.length): IrStreamEvent[] {
  const splitter = new SseEventSplitter();
  const decoder = new GeminiStreamDecoder();
  const events: IrStreamEvent[] = [];
  for (let offset = 0; offset < text.length; offset += pieceSize) {
    for (const event of splitter.feed(text.slice(offset, offset + pieceSize))) events.push(...decoder.push(event));
  }
  for (const event of splitter.end()) events.push(...decoder.push(event));
  return [...events, ...decoder.end()];
}

const decodeFixture = (file: string) => decodeStream(fixtureText('gemini', file));

/** The ordering contract of ir-stream.ts, checked event by event. */
function expectStreamContract(events: IrStreamEvent[]): void {
  expect(events[0]?.type).toBe('message-start');
  expect(events.filter((event) => event.type === 'message-start')).toHaveLength(1);
  expect(events.filter((event) => event.type === 'finish').length).toBeLessThanOrEqual(1);
  const open = new Set<number>();
  let nextIndex = 0;
  let finished = false;
  events.forEach((event, position) => {
    if (finished) expect(event.type, `event ${position} after finish`).toMatch(/^(usage|error)$/);
    if (event.type === 'error') expect(position).toBe(events.length - 1);
    if (event.type === 'finish') finished = true;
    if (event.type === 'tool-call-start') {
      expect(event.index).toBe(nextIndex);
      nextIndex += 1;
      open.add(event.index);
    }
    if (event.type === 'tool-call-delta') expect(open.has(event.index)).toBe(true);
    if (event.type === 'tool-call-end') expect(open.delete(event.index)).toBe(true);
  });
  expect(open.size).toBe(0);
}

const text = (events: IrStreamEvent[], type: 'text-delta' | 'reasoning-delta') =>
  events.flatMap((event) => (event.type === type ? [event.text] : [])).join('');
const usages = (events: IrStreamEvent[]) => events.flatMap((event) => (event.type === 'usage' ? [event.usage] : []));
const lastUsage = (events: IrStreamEvent[]) => usages(events).reduce<Partial<IrUsage>>((total, usage) => ({ ...total, ...usage }), {});
const finish = (events: IrStreamEvent[]) => events.find((event) => event.type === 'finish');

describe('GeminiStreamDecoder on recorded streams', () => {
  it('decodes the CRLF-framed text stream with usage totals replacing each other', () => {
    const raw = fixtureText('gemini', 'stream-text.sse');
    expect(raw).toContain('}\r\n\r\ndata: ');
    const events = decodeStream(raw);
    expectStreamContract(events);
    expect(events[0]).toEqual({ type: 'message-start', id: 'w1peaMz6INOvnvgPgYfPiQY', model: 'gemini-2.0-flash-exp' });
    expect(text(events, 'text-delta')).toBe('The capital of France is Paris.\n');
    // First chunks: 15 prompt, no candidates yet; the last one says 13 prompt + 8 candidates.
    expect(usages(events)).toEqual([
      { inputTokens: 15, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      { inputTokens: 13, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 8, reasoningTokens: 0 },
    ]);
    expect(finish(events)).toEqual({ type: 'finish', reason: 'stop' });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('gives the same events whatever size the network pieces are', () => {
    const raw = fixtureText('gemini', 'stream-text.sse');
    expect(decodeStream(raw, 7)).toEqual(decodeStream(raw));
    expect(decodeStream(raw, 1)).toEqual(decodeStream(raw));
  });

  it('decodes two whole function calls in one chunk as two bracketed tool calls', () => {
    const events = decodeFixture('stream-parallel-function-calls.sse');
    expectStreamContract(events);
    const calls = events.filter((event) => event.type.startsWith('tool-call'));
    expect(calls).toEqual([
      { type: 'tool-call-start', index: 0, id: 'gemini_call_XQCzaYWvIqfRz7IPupTlyAk_0', name: 'add', signature: expect.stringMatching(/^CloBvj72\+4\/aT.*2N$/) },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"b":3,"a":2}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'gemini_call_XQCzaYWvIqfRz7IPupTlyAk_1', name: 'multiply' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a":2,"b":3}' },
      { type: 'tool-call-end', index: 1 },
    ]);
    expect(finish(events)).toEqual({ type: 'finish', reason: 'tool_calls' });
    // 121 prompt; 36 candidates + 38 thoughts = 74 output.
    expect(lastUsage(events)).toEqual({ inputTokens: 121, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 74, reasoningTokens: 38 });
  });

  it('decodes the thought summary, then the signed function call', () => {
    const events = decodeFixture('stream-thinking-function-call.sse');
    expectStreamContract(events);
    expect(text(events, 'reasoning-delta')).toMatch(/^\*\*Determining the Weather Inquiry\*\*\n\nI've pinpointed/);
    expect(text(events, 'text-delta')).toBe('');
    expect(events.find((event) => event.type === 'tool-call-start')).toEqual({
      type: 'tool-call-start',
      index: 0,
      id: 'gemini_call_zwCzaYWfAbnoz7IPmc_m6Q4_0',
      name: 'weather',
      signature: expect.stringMatching(/^CiQBvj72\+y6VX8BA.*gsc=$/),
    });
    expect(events.find((event) => event.type === 'tool-call-delta')).toMatchObject({ argumentsDelta: '{"location":"Florence, Italy"}' });
    // Chunk 1: 54 prompt, 62 thoughts. Chunk 2: + 14 candidates = 76 output.
    expect(usages(events)).toEqual([
      { inputTokens: 54, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 62, reasoningTokens: 62 },
      { inputTokens: 54, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 76, reasoningTokens: 62 },
    ]);
    expect(finish(events)).toEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('decodes many thought chunks, then text whose first chunk carries the signature', () => {
    const events = decodeFixture('stream-thinking-text.sse');
    expectStreamContract(events);
    const reasoning = text(events, 'reasoning-delta');
    expect(reasoning).toMatch(/^\*\*Clarifying User Goals\*\*/);
    expect(reasoning).toContain('**Crafting Safe Instructions**');
    const signed = events.filter((event) => event.type === 'text-delta' && event.signature !== undefined);
    expect(signed).toEqual([
      { type: 'text-delta', text: expect.stringMatching(/^This is a great question!/), signature: expect.stringMatching(/^CiIB0e2Kb6Syj1a9.*dH8k=$/) },
    ]);
    expect(text(events, 'text-delta')).toMatch(/The most important rule is to \*\*stay alert and be predictable\*\*. Always assume a driver might not see you\.$/);
    expect(finish(events)).toEqual({ type: 'finish', reason: 'stop' });
    // 34 prompt; 469 candidates + 787 thoughts = 1256 output.
    expect(lastUsage(events)).toEqual({ inputTokens: 34, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 1256, reasoningTokens: 787 });
    // Thoughts grew 68 → 298 → 552 → 787, each a replacement total, never an increment.
    expect(usages(events).slice(0, 4).map((usage) => usage.reasoningTokens)).toEqual([68, 298, 552, 787]);
  });
});

describe('GeminiStreamDecoder failures', () => {
  it('turns an in-stream error chunk into an IR error that ends the stream', () => {
    const events = decodeStream(
      'data: {"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"}}],"responseId": "r1","modelVersion": "gemini-2.5-flash"}\r\n\r\n' +
        'data: {"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}\r\n\r\n',
    );
    expectStreamContract(events);
    expect(events.map((event) => event.type)).toEqual(['message-start', 'text-delta', 'error']);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { kind: 'overloaded', status: 503, message: 'The model is overloaded. Please try again later.', providerCode: 'UNAVAILABLE' },
    });
  });

  it('reports a chunk that is not JSON as an error', () => {
    const events = decodeStream('data: {"candidates": [\r\n\r\n');
    expectStreamContract(events);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'server_error', message: expect.stringContaining('not JSON') } });
  });

  it('reports an upstream that sent nothing at all', () => {
    const events = decodeStream('');
    expectStreamContract(events);
    expect(events.map((event) => event.type)).toEqual(['message-start', 'error']);
  });

  it('owes a finish of "other" when the upstream closed without finishReason', () => {
    const events = decodeStream('data: {"candidates": [{"content": {"parts": [{"text": "cut"}]}}],"responseId": "r"}\r\n\r\n');
    expectStreamContract(events);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'other' });
  });

  it('reports a prompt blocked in the stream as content_filter', () => {
    const events = decodeStream('data: {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 5}}\r\n\r\n');
    expectStreamContract(events);
    expect(finish(events)).toEqual({ type: 'finish', reason: 'content_filter' });
  });
});

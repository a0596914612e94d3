import { describe, expect, it } from 'vitest';
import type { IrStreamEvent } from '../ir';
import { GeminiStreamEncoder } from './gemini-stream-encoder';

function encode(events: IrStreamEvent[], framing: 'sse' | 'json-array' = 'sse'): { frames: string[]; text: string } {
  const encoder = new GeminiStreamEncoder({ model: 'client-model', framing });
  const frames = events.map((event) => encoder.push(event));
  frames.push(encoder.end());
  return { frames, text: frames.join('') };
}

function sseChunks(text: string): any[] {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      return JSON.parse(frame.slice('data: '.length));
    });
}

const start: IrStreamEvent = { type: 'message-start', id: 'chatcmpl-1', model: 'gpt-4o' };
const usage = (inputTokens: number, outputTokens: number): IrStreamEvent => ({
  type: 'usage',
  usage: { inputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens, reasoningTokens: 0 },
});

describe('GeminiStreamEncoder', () => {
  it('sends each text delta at once as a model chunk with the client’s model name and the response id', () => {
    const encoder = new GeminiStreamEncoder({ model: 'client-model', framing: 'sse' });
    expect(encoder.push(start)).toBe('');
    const frame = encoder.push({ type: 'text-delta', text: 'Hel' });
    expect(frame).toBe(
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}],"modelVersion":"client-model","responseId":"chatcmpl-1"}\n\n',
    );
  });

  it('holds an OpenAI-style finish until the usage that follows it, then sends both on the last chunk', () => {
    const { frames } = encode([start, { type: 'text-delta', text: 'Hi' }, { type: 'finish', reason: 'stop' }, usage(9, 2)]);
    expect(frames[2]).toBe('');
    const [last] = sseChunks(frames[3]);
    expect(last.candidates[0]).toEqual({ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 });
    expect(last.usageMetadata).toEqual({ promptTokenCount: 9, candidatesTokenCount: 2, totalTokenCount: 11 });
    expect(frames[4]).toBe('');
  });

  it('holds a finish that came after all usage until end()', () => {
    const { frames } = encode([start, usage(5, 0), { type: 'text-delta', text: 'x' }, usage(5, 3), { type: 'finish', reason: 'length' }]);
    expect(frames.slice(0, 5).join('')).not.toContain('finishReason');
    expect(sseChunks(frames[5])[0].candidates[0].finishReason).toBe('MAX_TOKENS');
  });

  it('sends a tool call whole, with parsed arguments, only when it ends', () => {
    const { frames } = encode([
      start,
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'add' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '2,"b":3}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    expect(frames.slice(0, 4).join('')).toBe('');
    expect(sseChunks(frames[4])[0].candidates[0].content.parts).toEqual([{ functionCall: { id: 'call_1', name: 'add', args: { a: 2, b: 3 } } }]);
    expect(sseChunks(frames[6])[0].candidates[0].finishReason).toBe('STOP');
  });

  it('sends arguments that are not a JSON object as {} rather than breaking the stream', () => {
    const { text } = encode([
      start,
      { type: 'tool-call-start', index: 0, id: 'c', name: 'f' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a": tru' },
      { type: 'tool-call-end', index: 0 },
    ]);
    expect(sseChunks(text)[0].candidates[0].content.parts[0].functionCall.args).toEqual({});
  });

  it('still delivers a tool call the upstream never closed when the stream ends', () => {
    const { frames } = encode([start, { type: 'tool-call-start', index: 0, id: 'c', name: 'f' }, { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":1}' }]);
    expect(sseChunks(frames[3])[0].candidates[0].content.parts).toEqual([{ functionCall: { id: 'c', name: 'f', args: { q: 1 } } }]);
  });

  it('ends with an error chunk in Google’s envelope and ignores what follows', () => {
    const { frames } = encode([
      start,
      { type: 'text-delta', text: 'partial' },
      { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } },
      { type: 'text-delta', text: 'late' },
      { type: 'finish', reason: 'stop' },
    ]);
    expect(frames[2]).toBe('data: {"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}\n\n');
    expect(frames.slice(3).join('')).toBe('');
  });

  it('sends a usage that arrives after the last chunk on one more valid chunk', () => {
    const { frames } = encode([start, { type: 'finish', reason: 'stop' }, usage(4, 1), usage(4, 6)]);
    const [extra] = sseChunks(frames[3]);
    expect(extra.candidates[0].content.parts).toEqual([{ text: '' }]);
    expect(extra.usageMetadata.candidatesTokenCount).toBe(6);
  });

  it('writes Google’s streamed JSON array when asked for json-array framing', () => {
    const { text } = encode([start, { type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }, { type: 'finish', reason: 'stop' }], 'json-array');
    expect(text.startsWith('[{')).toBe(true);
    expect(text.split(',\r\n{')).toHaveLength(3);
    expect(text.endsWith('\n]')).toBe(true);
    const chunks = JSON.parse(text);
    expect(chunks.map((chunk: any) => chunk.candidates[0].content.parts[0].text)).toEqual(['a', 'b', '']);
    expect(chunks[2].candidates[0].finishReason).toBe('STOP');
  });

  it('closes the JSON array after an error and when nothing was sent', () => {
    const failed = encode([start, { type: 'error', error: { kind: 'rate_limit', status: 429, message: 'slow' } }], 'json-array').text;
    expect(JSON.parse(failed)).toEqual([{ error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } }]);
    expect(encode([], 'json-array').text).toBe('[]');
  });

  it('sends reasoning as thought parts and a reasoning signature as an empty signed thought', () => {
    const { text } = encode([start, { type: 'reasoning-delta', text: 'plan' }, { type: 'reasoning-signature', signature: 'EqQB' }, { type: 'redacted-reasoning', data: 'zz' }]);
    expect(sseChunks(text).map((chunk) => chunk.candidates[0].content.parts[0])).toEqual([
      { text: 'plan', thought: true },
      { text: '', thought: true, thoughtSignature: 'EqQB' },
    ]);
  });
});

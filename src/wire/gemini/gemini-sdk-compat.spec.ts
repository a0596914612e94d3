import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureJson, fixtureText } from '../../../test/support/fixtures';
import type { IrResponse, IrStreamEvent } from '../ir';
import { SseEventSplitter } from '../sse/sse-event-splitter';
import { decodeGeminiResponse } from './decode-gemini-response';
import { encodeGeminiResponse } from './encode-gemini-response';
import { GeminiStreamDecoder } from './gemini-stream-decoder';
import { GeminiStreamEncoder } from './gemini-stream-encoder';

/**
 * What Plexus sends a Gemini client, read back by the official @google/genai SDK through a real
 * HTTP round trip: the SDK's own SSE reader and response classes are the judge.
 */

interface Reassembled {
  text: string;
  thoughts: string;
  functionCalls: Array<{ id?: string; name?: string; args?: Record<string, unknown> }>;
  signatures: string[];
  finishReason?: string;
  usage: Record<string, number | undefined>;
}

let server: Server | undefined;
let requestedUrls: string[] = [];

beforeEach(() => {
  requestedUrls = [];
  // chunk.text warns about function-call parts; the warning is the SDK's, not a failure.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Answers any POST with the given frames, written one by one, and returns an SDK client for it. */
async function sdkFor(frames: string[], contentType: string): Promise<GoogleGenAI> {
  server = createServer((request, response) => {
    requestedUrls.push(request.url ?? '');
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': contentType });
      for (const frame of frames) if (frame !== '') response.write(frame);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: `http://127.0.0.1:${port}` } });
}

function emptyReassembled(): Reassembled {
  return { text: '', thoughts: '', functionCalls: [], signatures: [], usage: {} };
}

function absorb(into: Reassembled, chunk: GenerateContentResponse): void {
  into.text += chunk.text ?? '';
  into.functionCalls.push(...(chunk.functionCalls ?? []));
  const candidate = chunk.candidates?.[0];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.thought === true) into.thoughts += part.text ?? '';
    if (part.thoughtSignature !== undefined) into.signatures.push(part.thoughtSignature);
  }
  if (candidate?.finishReason !== undefined) into.finishReason = candidate.finishReason;
  if (chunk.usageMetadata !== undefined) {
    const { promptTokenCount, cachedContentTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount } = chunk.usageMetadata;
    into.usage = { promptTokenCount, cachedContentTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount };
  }
}

/** Encodes IR events frame by frame and lets the SDK stream them back. */
async function streamThroughSdk(events: IrStreamEvent[]): Promise<{ result: Reassembled; chunks: number; error?: unknown }> {
  const encoder = new GeminiStreamEncoder({ model: 'client-model', framing: 'sse' });
  const frames = [...events.map((event) => encoder.push(event)), encoder.end()];
  const ai = await sdkFor(frames, 'text/event-stream');
  const result = emptyReassembled();
  let chunks = 0;
  try {
    for await (const chunk of await ai.models.generateContentStream({ model: 'm', contents: 'hi' })) {
      chunks += 1;
      absorb(result, chunk);
    }
  } catch (error) {
    return { result, chunks, error };
  }
  expect(requestedUrls).toEqual([expect.stringMatching(/\/models\/m:streamGenerateContent\?alt=sse$/)]);
  return { result, chunks };
}

function decodeSseFixture(file: string): IrStreamEvent[] {
  const splitter = new SseEventSplitter();
  const decoder = new GeminiStreamDecoder();
  const events = splitter.feed(fixtureText('gemini', file)).concat(splitter.end()).flatMap((event) => decoder.push(event));
  return [...events, ...decoder.end()];
}

/** The source stream read directly from the recorded chunks, independent of Plexus's decoder. */
function reassembleFixture(file: string): Reassembled {
  const result = emptyReassembled();
  const chunks = fixtureText('gemini', file)
    .split('\r\n\r\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => JSON.parse(frame.slice('data: '.length)));
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought === true) result.thoughts += part.text;
      else if (typeof part.text === 'string') result.text += part.text;
      if (part.functionCall) result.functionCalls.push(part.functionCall);
      if (part.thoughtSignature) result.signatures.push(part.thoughtSignature);
    }
    if (candidate?.finishReason) result.finishReason = candidate.finishReason;
    const { promptTokenCount, cachedContentTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount } = chunk.usageMetadata;
    result.usage = { promptTokenCount, cachedContentTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount };
  }
  return result;
}

describe('recorded Gemini streams → IR → Gemini stream, read by @google/genai', () => {
  it.each(['stream-text.sse', 'stream-parallel-function-calls.sse', 'stream-thinking-function-call.sse', 'stream-thinking-text.sse'])(
    '%s reassembles to the source',
    async (file) => {
      const source = reassembleFixture(file);
      const { result, error } = await streamThroughSdk(decodeSseFixture(file));
      expect(error).toBeUndefined();
      expect(result).toEqual(source);
    },
  );

  it('the parallel stream really carries the two calls and its usage (a guard on the source reader)', () => {
    const source = reassembleFixture('stream-parallel-function-calls.sse');
    expect(source.functionCalls).toEqual([
      { name: 'add', args: { b: 3, a: 2 } },
      { name: 'multiply', args: { a: 2, b: 3 } },
    ]);
    expect(source.usage).toEqual({ promptTokenCount: 121, candidatesTokenCount: 36, thoughtsTokenCount: 38, totalTokenCount: 195, cachedContentTokenCount: undefined });
  });
});

describe('IR streams shaped like other providers, read by @google/genai', () => {
  it('OpenAI: finish before the usage chunk, cached prompt tokens', async () => {
    const { result, error } = await streamThroughSdk([
      { type: 'message-start', id: 'chatcmpl-9', model: 'gpt-4o', created: 1 },
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ', world' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 12, cacheReadTokens: 3, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: 0 } },
    ]);
    expect(error).toBeUndefined();
    expect(result).toEqual({
      text: 'Hello, world',
      thoughts: '',
      functionCalls: [],
      signatures: [],
      finishReason: 'STOP',
      usage: { promptTokenCount: 15, cachedContentTokenCount: 3, candidatesTokenCount: 5, thoughtsTokenCount: undefined, totalTokenCount: 20 },
    });
  });

  it('Anthropic: usage split between start and end, thinking with signature, text, a fragmented tool call', async () => {
    const { result, error } = await streamThroughSdk([
      { type: 'message-start', id: 'msg_01', model: 'claude-sonnet-4' },
      { type: 'usage', usage: { inputTokens: 20, cacheReadTokens: 100, cacheWriteTokens: 0, outputTokens: 1 } },
      { type: 'reasoning-delta', text: 'The user wants ' },
      { type: 'reasoning-delta', text: 'the weather.' },
      { type: 'reasoning-signature', signature: 'EqQBCkgIARABGAIiQL' },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'tool-call-start', index: 0, id: 'toolu_01', name: 'weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"location": "Flo' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'rence"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'usage', usage: { outputTokens: 50 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    expect(error).toBeUndefined();
    expect(result).toEqual({
      text: 'Let me check.',
      thoughts: 'The user wants the weather.',
      functionCalls: [{ id: 'toolu_01', name: 'weather', args: { location: 'Florence' } }],
      signatures: ['EqQBCkgIARABGAIiQL'],
      finishReason: 'STOP',
      usage: { promptTokenCount: 120, cachedContentTokenCount: 100, candidatesTokenCount: 50, thoughtsTokenCount: undefined, totalTokenCount: 170 },
    });
  });

  it('Gemini: whole tool calls with a single delta and a signature', async () => {
    const { result } = await streamThroughSdk([
      { type: 'message-start', id: 'r1', model: 'gemini-2.5-flash' },
      { type: 'tool-call-start', index: 0, id: 'gemini_call_r1_0', name: 'lookup', signature: 'c2lnbmF0dXJl' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":"cats"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 40, reasoningTokens: 25 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    expect(result.functionCalls).toEqual([{ name: 'lookup', args: { q: 'cats' } }]);
    expect(result.signatures).toEqual(['c2lnbmF0dXJl']);
    expect(result.usage).toEqual({ promptTokenCount: 30, cachedContentTokenCount: undefined, candidatesTokenCount: 15, thoughtsTokenCount: 25, totalTokenCount: 70 });
  });

  it('two parallel tool calls whose argument fragments interleave', async () => {
    const { result } = await streamThroughSdk([
      { type: 'message-start', id: 'chatcmpl-2', model: 'gpt-4o' },
      { type: 'tool-call-start', index: 0, id: 'call_add', name: 'add' },
      { type: 'tool-call-start', index: 1, id: 'call_mul', name: 'multiply' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":2,' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a":2,' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '"b":3}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"b":3}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 80, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 50, reasoningTokens: 0 } },
    ]);
    expect(result.functionCalls).toEqual([
      { id: 'call_add', name: 'add', args: { a: 2, b: 3 } },
      { id: 'call_mul', name: 'multiply', args: { a: 2, b: 3 } },
    ]);
    expect(result.finishReason).toBe('STOP');
  });

  it('an error mid-stream: the SDK yields what came before, then throws an ApiError with the code', async () => {
    const { result, chunks, error } = await streamThroughSdk([
      { type: 'message-start', id: 'msg_02', model: 'claude-sonnet-4' },
      { type: 'text-delta', text: 'Partial answer' },
      { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' } },
    ]);
    expect(chunks).toBe(1);
    expect(result.text).toBe('Partial answer');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toContain('UNAVAILABLE');
    expect((error as ApiError).message).toContain('Overloaded');
  });
});

describe('non-streaming responses, read by @google/genai', () => {
  async function generateThroughSdk(body: object) {
    const ai = await sdkFor([JSON.stringify(body)], 'application/json');
    const response = await ai.models.generateContent({ model: 'm', contents: 'hi' });
    expect(requestedUrls).toEqual([expect.stringMatching(/\/models\/m:generateContent$/)]);
    return response;
  }

  it('reads a recorded parallel-call response back with calls, signature, finish and usage intact', async () => {
    const source = fixtureJson('gemini', 'generate-content-parallel-function-calls.json');
    const response = await generateThroughSdk(encodeGeminiResponse(decodeGeminiResponse(source), source.modelVersion));
    expect(response.functionCalls).toEqual([
      { name: 'add', args: { a: 2, b: 3 } },
      { name: 'multiply', args: { a: 2, b: 3 } },
    ]);
    expect(response.candidates?.[0].content?.parts?.[0].thoughtSignature).toBe(source.candidates[0].content.parts[0].thoughtSignature);
    expect(response.candidates?.[0].finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 125, candidatesTokenCount: 36, thoughtsTokenCount: 73, totalTokenCount: 234 });
    expect(response.responseId).toBe('WwCzadOqH-mtz7IP8_Se8Ak');
  });

  it('reads an answer that came from another provider', async () => {
    const ir: IrResponse = {
      id: 'chatcmpl-7',
      model: 'gpt-4o-2024-08-06',
      content: [{ type: 'text', text: 'Bonjour!' }],
      finishReason: 'length',
      usage: { inputTokens: 8, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 20, reasoningTokens: 12 },
    };
    const response = await generateThroughSdk(encodeGeminiResponse(ir, 'my-alias'));
    expect(response.text).toBe('Bonjour!');
    expect(response.candidates?.[0].finishReason).toBe('MAX_TOKENS');
    expect(response.modelVersion).toBe('my-alias');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 8, candidatesTokenCount: 8, thoughtsTokenCount: 12, totalTokenCount: 28 });
  });
});

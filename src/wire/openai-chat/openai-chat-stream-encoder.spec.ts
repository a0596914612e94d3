import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import type { IrStreamEvent } from '../ir';
import { createTranslatingStream } from '../sse/create-translating-stream';
import { OpenAiChatStreamDecoder } from './openai-chat-stream-decoder';
import { OpenAiChatStreamEncoder } from './openai-chat-stream-encoder';

const CLIENT_MODEL = 'client-model';

/** An openai SDK client whose every request is answered with `encoded` as an SSE body. */
function sdkClient(encoded: string): OpenAI {
  return new OpenAI({
    apiKey: 'x',
    baseURL: 'http://local.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(encoded, { headers: { 'content-type': 'text/event-stream' } }),
  });
}

function finalCompletion(encoded: string) {
  return sdkClient(encoded)
    .chat.completions.stream({ model: CLIENT_MODEL, messages: [{ role: 'user', content: 'hi' }] })
    .finalChatCompletion();
}

async function sdkChunks(encoded: string): Promise<ChatCompletionChunk[]> {
  const stream = await sdkClient(encoded).chat.completions.create({ model: CLIENT_MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** What a client reassembles from raw chunks, including `reasoning_content`, which the SDK's stream helper overwrites instead of appending. */
function reassemble(chunks: ChatCompletionChunk[]) {
  let content = '';
  let reasoning = '';
  const toolCalls: Array<{ id?: string; name?: string; arguments: string }> = [];
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const delta = choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string };
      content += delta.content ?? '';
      reasoning += delta.reasoning_content ?? '';
      for (const call of delta.tool_calls ?? []) {
        const target = (toolCalls[call.index] ??= { arguments: '' });
        if (call.id) target.id = call.id;
        if (call.function?.name) target.name = call.function.name;
        target.arguments += call.function?.arguments ?? '';
      }
    }
  }
  return { content, reasoning, toolCalls };
}

function encode(events: IrStreamEvent[], includeUsage = true): string {
  const encoder = new OpenAiChatStreamEncoder({ model: CLIENT_MODEL, includeUsage }, () => 1_700_000_000_000);
  return events.map((event) => encoder.push(event)).join('') + encoder.end();
}

/** A recorded upstream stream through our decoder and encoder, fed in small uneven pieces as a socket would. */
async function translateFixture(file: string): Promise<string> {
  const bytes = new TextEncoder().encode(fixtureText('openai-chat', file));
  const translating = createTranslatingStream(
    new OpenAiChatStreamDecoder(),
    new OpenAiChatStreamEncoder({ model: CLIENT_MODEL, includeUsage: true }),
  );
  const writer = translating.writable.getWriter();
  const written = (async () => {
    for (let offset = 0; offset < bytes.length; offset += 97) await writer.write(bytes.slice(offset, offset + 97));
    await writer.close();
  })();
  const text = await new Response(translating.readable).text();
  await written;
  return text;
}

describe('OpenAiChatStreamEncoder → openai SDK, fed by our decoder from recorded streams', () => {
  it('stream-text.sse reassembles to the text, finish reason and usage', async () => {
    const encoded = await translateFixture('stream-text.sse');
    const completion = await finalCompletion(encoded);
    expect(completion.id).toBe('chatcmpl-DuLdCoxuLDs8HRMlOuz0Bi4wgi4XJ');
    expect(completion.model).toBe(CLIENT_MODEL);
    expect(completion.choices[0].message).toMatchObject({ role: 'assistant', content: 'Olá!' });
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 20,
      completion_tokens: 2,
      total_tokens: 22,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });

    const chunks = await sdkChunks(encoded);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.model === CLIENT_MODEL && chunk.created === 1782321890)).toBe(true);
    expect(chunks[chunks.length - 1].choices).toEqual([]);
    expect(reassemble(chunks).content).toBe('Olá!');
  });

  it('stream-parallel-tool-calls.sse reassembles both calls with ids, names and arguments', async () => {
    const encoded = await translateFixture('stream-parallel-tool-calls.sse');
    const completion = await finalCompletion(encoded);
    const calls = completion.choices[0].message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && [call.id, call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['call_ehIWdjL1abZk1h8FWGLQ0Hie', 'add', { a: 2, b: 3 }],
      ['call_fBSgA47J5VeONggizTIvl7AH', 'multiply', { a: 2, b: 3 }],
    ]);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 106, completion_tokens: 50, total_tokens: 156 });

    const { toolCalls } = reassemble(await sdkChunks(encoded));
    expect(toolCalls.map((call) => [call.id, call.name, JSON.parse(call.arguments)])).toEqual([
      ['call_ehIWdjL1abZk1h8FWGLQ0Hie', 'add', { a: 2, b: 3 }],
      ['call_fBSgA47J5VeONggizTIvl7AH', 'multiply', { a: 2, b: 3 }],
    ]);
  });

  it('stream-reasoning-model-usage.sse keeps reasoning tokens in the usage chunk', async () => {
    const completion = await finalCompletion(await translateFixture('stream-reasoning-model-usage.sse'));
    expect(completion.choices[0].message.content).toBe('Olá!');
    expect(completion.usage).toEqual({
      prompt_tokens: 19,
      completion_tokens: 75,
      total_tokens: 94,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 64 },
    });
  });
});

const start: IrStreamEvent = { type: 'message-start', id: 'msg_01', model: 'upstream-model' };

describe('OpenAiChatStreamEncoder → openai SDK, fed other formats’ event shapes', () => {
  it('OpenAI order: finish before usage still yields one finish chunk, then the usage chunk, then [DONE]', async () => {
    const encoded = encode([
      start,
      { type: 'text-delta', text: 'Hello' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { inputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 3, reasoningTokens: 0 } },
    ]);
    expect(encoded.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = await sdkChunks(encoded);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
    expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
    const completion = await finalCompletion(encoded);
    expect(completion).toMatchObject({ id: 'msg_01', created: 1_700_000_000, choices: [{ message: { content: 'Hello' }, finish_reason: 'stop' }] });
  });

  it('Anthropic order: usage split between start and end adds up field by field', async () => {
    const completion = await finalCompletion(
      encode([
        start,
        { type: 'usage', usage: { inputTokens: 10, cacheReadTokens: 5, cacheWriteTokens: 3, outputTokens: 1 } },
        { type: 'text-delta', text: 'Hi' },
        { type: 'finish', reason: 'stop_sequence', stopSequence: '###' },
        { type: 'usage', usage: { outputTokens: 42 } },
      ]),
    );
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 18,
      completion_tokens: 42,
      total_tokens: 60,
      prompt_tokens_details: { cached_tokens: 5, cache_write_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('Gemini order: whole tool calls in a single delta each, two in parallel, one without arguments', async () => {
    const encoded = encode([
      start,
      { type: 'tool-call-start', index: 0, id: 'gemini-call-0', name: 'add', signature: 'c2ln' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":2,"b":3}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'gemini-call-1', name: 'now' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 50, outputTokens: 20, reasoningTokens: 12 } },
    ]);
    const completion = await finalCompletion(encoded);
    const calls = completion.choices[0].message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && [call.id, call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['gemini-call-0', 'add', { a: 2, b: 3 }],
      ['gemini-call-1', 'now', {}],
    ]);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 50, completion_tokens: 20, completion_tokens_details: { reasoning_tokens: 12 } });
    expect(encoded).not.toContain('c2ln');
  });

  it('two parallel calls with fragmented arguments keep their own wire index', async () => {
    const encoded = encode([
      start,
      { type: 'text-delta', text: 'Calling both.' },
      { type: 'tool-call-start', index: 0, id: 'toolu_a', name: 'add' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'toolu_b', name: 'multiply' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"b":' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '2}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    const { content, toolCalls } = reassemble(await sdkChunks(encoded));
    expect(content).toBe('Calling both.');
    expect(toolCalls.map((call) => [call.id, call.name, JSON.parse(call.arguments)])).toEqual([
      ['toolu_a', 'add', { a: 1 }],
      ['toolu_b', 'multiply', { b: 2 }],
    ]);
  });

  it('reasoning streams as reasoning_content; its signature and redacted reasoning are dropped on purpose', async () => {
    const encoded = encode([
      start,
      { type: 'reasoning-delta', text: 'Let me think' },
      { type: 'reasoning-delta', text: ' it through.' },
      { type: 'reasoning-signature', signature: 'EqQBCkgIARABGAIiQL' },
      { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
      { type: 'text-delta', text: 'Answer.' },
      { type: 'finish', reason: 'stop' },
    ]);
    const { content, reasoning } = reassemble(await sdkChunks(encoded));
    expect(reasoning).toBe('Let me think it through.');
    expect(content).toBe('Answer.');
    expect(encoded).not.toContain('EqQBCkgIARABGAIiQL');
    expect(encoded).not.toContain('EmwKAhgBEgy3va3pzix');
    expect((await finalCompletion(encoded)).choices[0].message.content).toBe('Answer.');
  });

  it('an error mid-stream becomes an error frame the SDK raises, with no [DONE] after it', async () => {
    const encoded = encode([
      start,
      { type: 'text-delta', text: 'partial' },
      { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' } },
      { type: 'text-delta', text: 'never sent' },
    ]);
    expect(encoded).not.toContain('[DONE]');
    expect(encoded).not.toContain('never sent');
    expect(encoded).toContain('data: {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded_error"}}\n\n');

    const received: string[] = [];
    const iterate = async () => {
      for await (const chunk of await sdkClient(encoded).chat.completions.create({ model: CLIENT_MODEL, messages: [], stream: true })) {
        received.push(chunk.choices[0]?.delta.content ?? '');
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(APIError);
    expect(received.join('')).toBe('partial');
    await expect(finalCompletion(encoded)).rejects.toThrow('Overloaded');
  });

  it('sends no usage chunk when the client did not ask for include_usage', async () => {
    const encoded = encode(
      [start, { type: 'text-delta', text: 'x' }, { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } }, { type: 'finish', reason: 'length' }],
      false,
    );
    const chunks = await sdkChunks(encoded);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    const completion = await finalCompletion(encoded);
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.usage).toBeUndefined();
  });

  it('opens with a role chunk and closes with a finish chunk even when the IR skipped message-start and finish', async () => {
    const encoded = encode([{ type: 'text-delta', text: 'orphan' }]);
    const completion = await finalCompletion(encoded);
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'orphan' }, finish_reason: 'stop' });
  });
});

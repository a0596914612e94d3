import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import { createTranslatingStream } from '../sse/create-translating-stream';
import { anthropicMessagesCodec } from './anthropic-messages-codec';

async function pipe(text: string, chunkSize: number): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) controller.enqueue(bytes.slice(offset, offset + chunkSize));
      controller.close();
    },
  });
  const translating = createTranslatingStream(anthropicMessagesCodec.createStreamDecoder(), anthropicMessagesCodec.createStreamEncoder({ model: 'alias' }));
  return new Response(source.pipeThrough(translating)).text();
}

describe('anthropicMessagesCodec', () => {
  it('is the messages api', () => {
    expect(anthropicMessagesCodec.api).toBe('messages');
  });

  it('Anthropic bytes → IR → Anthropic bytes in small chunks, read by the official SDK', async () => {
    const translated = await pipe(fixtureText('anthropic-messages', 'stream-parallel-tool-use.sse'), 7);
    const client = new Anthropic({ apiKey: 'x', baseURL: 'http://local.test', maxRetries: 0, fetch: async () => new Response(translated, { headers: { 'content-type': 'text/event-stream' } }) });
    const message = await client.messages.stream({ model: 'alias', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    expect(message.model).toBe('alias');
    expect(message.content.map((block) => (block.type === 'tool_use' ? block.input : block.type))).toEqual(['text', { a: 2, b: 3 }, { a: 2, b: 3 }]);
    expect(message.usage).toMatchObject({ input_tokens: 502, output_tokens: 137 });
  });

  it('returns plain objects for bodies, as the WireCodec contract says', () => {
    const encoded = anthropicMessagesCodec.encodeError({ kind: 'rate_limit', status: 429, message: 'slow down', retryAfterSeconds: 65 });
    expect(encoded).toEqual({ status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } });
  });
});

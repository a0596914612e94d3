import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../../../test/support/fixtures';
import { WireValidationError } from '../ir';
import { openAiChatCodec } from './index';

describe('openAiChatCodec', () => {
  it('speaks the chat apiType and routes each call to its converter', () => {
    expect(openAiChatCodec.api).toBe('chat');
    const request = openAiChatCodec.decodeRequest(fixtureJson('openai-chat', 'stream-text.request.json'));
    expect(openAiChatCodec.encodeRequest(request, 'gpt-4o-2024-08-06')).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      stream: true,
      stream_options: { include_usage: true },
    });
    const response = openAiChatCodec.decodeResponse(fixtureJson('openai-chat', 'chat-text.json'));
    expect(openAiChatCodec.encodeResponse(response, 'my-alias')).toMatchObject({ model: 'my-alias', choices: [{ message: { content: 'Oi!' } }] });
    const error = openAiChatCodec.decodeError(401, fixtureText('openai-chat', 'error-401-invalid-api-key.json'), {});
    expect(openAiChatCodec.encodeError(error)).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
    expect(() => openAiChatCodec.decodeRequest({ model: 'm' })).toThrow(WireValidationError);
  });

  it('creates a fresh stream decoder and encoder per stream', () => {
    const first = openAiChatCodec.createStreamDecoder();
    expect(first).not.toBe(openAiChatCodec.createStreamDecoder());
    const encoder = openAiChatCodec.createStreamEncoder({ model: 'alias', includeUsage: false });
    const text = encoder.push({ type: 'message-start', id: 'id-1', model: 'x', created: 5 }) + encoder.end();
    expect(text).toBe(
      'data: {"id":"id-1","object":"chat.completion.chunk","created":5,"model":"alias","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n' +
        'data: {"id":"id-1","object":"chat.completion.chunk","created":5,"model":"alias","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n' +
        'data: [DONE]\n\n',
    );
  });
});

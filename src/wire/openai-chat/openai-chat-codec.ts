import type { WireCodec } from '../wire-codec';
import { decodeOpenAiChatError } from './decode-openai-chat-error';
import { decodeOpenAiChatRequest } from './decode-openai-chat-request';
import { decodeOpenAiChatResponse } from './decode-openai-chat-response';
import { encodeOpenAiChatError } from './encode-openai-chat-error';
import { encodeOpenAiChatRequest } from './encode-openai-chat-request';
import { encodeOpenAiChatResponse } from './encode-openai-chat-response';
import { OpenAiChatStreamDecoder } from './openai-chat-stream-decoder';
import { OpenAiChatStreamEncoder } from './openai-chat-stream-encoder';

/** OpenAI Chat Completions (`POST /v1/chat/completions`), the `chat` apiType. */
export const openAiChatCodec: WireCodec = {
  api: 'chat',
  decodeRequest: (body) => decodeOpenAiChatRequest(body),
  encodeRequest: (request, providerModel) => ({ ...encodeOpenAiChatRequest(request, providerModel) }),
  decodeResponse: (body) => decodeOpenAiChatResponse(body),
  encodeResponse: (response, model) => ({ ...encodeOpenAiChatResponse(response, model) }),
  createStreamDecoder: () => new OpenAiChatStreamDecoder(),
  createStreamEncoder: (options) => new OpenAiChatStreamEncoder(options),
  decodeError: (status, body, headers) => decodeOpenAiChatError(status, body, headers),
  encodeError: (error) => {
    const { status, body } = encodeOpenAiChatError(error);
    return { status, body: { ...body } };
  },
};

import type { WireCodec } from '../wire-codec';
import { AnthropicMessagesStreamDecoder } from './anthropic-messages-stream-decoder';
import { AnthropicMessagesStreamEncoder } from './anthropic-messages-stream-encoder';
import { decodeAnthropicMessagesError } from './decode-anthropic-messages-error';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';
import { decodeAnthropicMessagesResponse } from './decode-anthropic-messages-response';
import { encodeAnthropicMessagesError } from './encode-anthropic-messages-error';
import { encodeAnthropicMessagesRequest } from './encode-anthropic-messages-request';
import { encodeAnthropicMessagesResponse } from './encode-anthropic-messages-response';

/** Anthropic Messages (`POST /v1/messages`) to and from the IR; the config calls it `messages`. */
export const anthropicMessagesCodec: WireCodec = {
  api: 'messages',
  decodeRequest: decodeAnthropicMessagesRequest,
  encodeRequest: (request, providerModel) => ({ ...encodeAnthropicMessagesRequest(request, providerModel) }),
  decodeResponse: decodeAnthropicMessagesResponse,
  encodeResponse: (response, model) => ({ ...encodeAnthropicMessagesResponse(response, model) }),
  createStreamDecoder: () => new AnthropicMessagesStreamDecoder(),
  createStreamEncoder: (options) => new AnthropicMessagesStreamEncoder(options),
  decodeError: decodeAnthropicMessagesError,
  encodeError: (error) => {
    const { status, body } = encodeAnthropicMessagesError(error);
    return { status, body: { ...body } };
  },
};

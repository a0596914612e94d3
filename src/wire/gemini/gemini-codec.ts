import type { WireCodec } from '../wire-codec';
import { decodeGeminiError } from './decode-gemini-error';
import { decodeGeminiRequest } from './decode-gemini-request';
import { decodeGeminiResponse } from './decode-gemini-response';
import { encodeGeminiError } from './encode-gemini-error';
import { encodeGeminiRequest } from './encode-gemini-request';
import { encodeGeminiResponse } from './encode-gemini-response';
import { GeminiStreamDecoder } from './gemini-stream-decoder';
import { GeminiStreamEncoder } from './gemini-stream-encoder';

/** Google Gemini generateContent / streamGenerateContent (`gemini` in the config's apiTypes). */
export const geminiCodec: WireCodec = {
  api: 'gemini',
  decodeRequest: (body) => decodeGeminiRequest(body),
  // The provider model goes in the URL (models/{model}:generateContent), never in the body.
  encodeRequest: (request) => ({ ...encodeGeminiRequest(request) }),
  decodeResponse: (body) => decodeGeminiResponse(body),
  encodeResponse: (response, model) => ({ ...encodeGeminiResponse(response, model) }),
  createStreamDecoder: () => new GeminiStreamDecoder(),
  createStreamEncoder: (options) => new GeminiStreamEncoder(options),
  decodeError: (status, body, headers) => decodeGeminiError(status, body, headers),
  encodeError: (error) => {
    const { status, body } = encodeGeminiError(error);
    return { status, body: { ...body } };
  },
};

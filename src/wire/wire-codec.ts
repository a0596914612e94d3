import type { IrApi, IrError, IrRequest, IrResponse, IrStreamDecoder, IrStreamEncoder } from './ir';

export interface StreamEncoderOptions {
  /** The model name to show the client (the name it asked for). */
  model: string;
  /** OpenAI: the client asked for `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** Gemini: `sse` for `?alt=sse`, `json-array` for Google's default streamed JSON array. */
  framing?: 'sse' | 'json-array';
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * Everything Plexus needs to speak one wire format. One implementation per folder
 * (`openai-chat`, `anthropic-messages`, `gemini`), each built from small pure functions.
 * "decode" goes wire → IR, "encode" goes IR → wire.
 */
export interface WireCodec {
  readonly api: IrApi;
  /** A client's request body → IR. Throws WireValidationError naming the bad field. */
  decodeRequest(body: unknown): IrRequest;
  /** IR → the body to send a provider of this format, for the given provider model. */
  encodeRequest(request: IrRequest, providerModel: string): Record<string, unknown>;
  /** A provider's non-streaming response body → IR. */
  decodeResponse(body: unknown): IrResponse;
  /** IR → the body this format's client expects; `model` is the name the client asked for. */
  encodeResponse(response: IrResponse, model: string): Record<string, unknown>;
  createStreamDecoder(): IrStreamDecoder;
  createStreamEncoder(options: StreamEncoderOptions): IrStreamEncoder;
  /** A provider's error answer (status, raw body text, headers) → IR error with retry hint. */
  decodeError(status: number, body: string, headers: HeaderBag): IrError;
  /** An IR error → this format's error envelope and the HTTP status to answer with. */
  encodeError(error: IrError): { status: number; body: Record<string, unknown> };
}

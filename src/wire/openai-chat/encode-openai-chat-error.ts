import type { IrError } from '../ir';
import { openAiChatErrorTypeForKind, STATUS_BY_KIND } from './map-openai-chat-error-kind';
import type { OpenAiChatErrorBody } from './openai-chat-types';

/**
 * IR error → OpenAI's envelope `{"error": {message, type, param, code}}` and the status to
 * answer with (the IrError's own, unless it is not an error status).
 * https://platform.openai.com/docs/guides/error-codes
 * - `code` carries the provider's code when there is one (`context_length_exceeded`,
 *   `RESOURCE_EXHAUSTED`), which is what clients log and match on.
 * - A 429 for a spent billing quota keeps OpenAI's distinct `insufficient_quota` type, since
 *   retrying it is pointless.
 */
export function encodeOpenAiChatError(error: IrError): { status: number; body: OpenAiChatErrorBody } {
  const status = Number.isInteger(error.status) && error.status >= 400 && error.status <= 599 ? error.status : STATUS_BY_KIND[error.kind];
  const type =
    error.kind === 'rate_limit' && error.providerCode === 'insufficient_quota' ? 'insufficient_quota' : openAiChatErrorTypeForKind(error.kind);
  return {
    status,
    body: { error: { message: error.message, type, param: error.param ?? null, code: error.providerCode ?? defaultCode(error) } },
  };
}

function defaultCode(error: IrError): string | null {
  switch (error.kind) {
    case 'rate_limit':
      return 'rate_limit_exceeded';
    case 'authentication':
      return 'invalid_api_key';
    case 'request_too_large':
    case 'server_error':
    case 'overloaded':
    case 'timeout':
    case 'connection_error':
    case 'gateway_error':
      return error.kind;
    default:
      return null;
  }
}

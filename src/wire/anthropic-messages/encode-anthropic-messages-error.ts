import type { IrError } from '../ir';
import type { AnthropicMessagesErrorEnvelope } from './anthropic-messages-types';
import { mapIrErrorKindToAnthropicMessages } from './map-anthropic-messages-error-type';

/**
 * IR error → Anthropic's envelope and status (https://docs.anthropic.com/en/api/errors). The
 * status follows the kind, not the upstream's status, so an Anthropic SDK raises the matching
 * error class (a Gemini 503 overload reaches the client as 529 overloaded_error). The
 * `retry-after` header is the controller's job: it reads `error.retryAfterSeconds`.
 */
export function encodeAnthropicMessagesError(error: IrError): { status: number; body: AnthropicMessagesErrorEnvelope } {
  const { type, status } = mapIrErrorKindToAnthropicMessages(error.kind);
  return { status, body: { type: 'error', error: { type, message: error.message } } };
}

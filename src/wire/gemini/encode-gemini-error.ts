import type { IrError } from '../ir';
import type { GeminiErrorBody, GeminiErrorDetail } from './gemini-types';
import { kindToGeminiStatus } from './map-gemini-error-status';

/**
 * IR error → the google.rpc.Status envelope Gemini clients parse. `code` and the HTTP status are
 * the canonical code of the status string (as Google's own answers always agree), not the
 * status another provider used (Anthropic's 529 overload becomes 503 UNAVAILABLE). A bad API key
 * decoded from Gemini (reason API_KEY_INVALID) is re-sent exactly as Gemini sends it: 400
 * INVALID_ARGUMENT with ErrorInfo. Retry hints travel as RetryInfo, the bad field as BadRequest.
 */
export function encodeGeminiError(error: IrError): { status: number; body: GeminiErrorBody } {
  const keyRejected = error.kind === 'authentication' && error.providerCode === 'API_KEY_INVALID';
  const { status, code } = keyRejected ? { status: 'INVALID_ARGUMENT', code: 400 } : kindToGeminiStatus(error.kind);

  const details: GeminiErrorDetail[] = [];
  if (keyRejected) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
  }
  if (error.param !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: error.param, description: error.message }] });
  }
  if (error.retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfterSeconds}s` });
  }

  const body: GeminiErrorBody = { error: { code, message: error.message, status } };
  if (details.length > 0) body.error.details = details;
  return { status: code, body };
}

import type { CooldownErrorType } from '../config/plexus-config';
import type { IrError, IrErrorKind } from '../wire/ir';
import type { UpstreamFailure } from './upstream-failure';

/**
 * Provider codes that mean "this key may not be used" even when the status says otherwise.
 * Gemini answers a bad key with HTTP 400 INVALID_ARGUMENT and puts the real reason in an
 * ErrorInfo detail: https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
const AUTH_CODES = new Set([
  'API_KEY_INVALID',
  'API_KEY_EXPIRED',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'invalid_api_key',
  'authentication_error',
  'permission_error',
]);
/** Gemini's quota status (https://ai.google.dev/gemini-api/docs/rate-limits) and the OpenAI/Anthropic codes. */
const RATE_LIMIT_CODES = new Set(['RESOURCE_EXHAUSTED', 'rate_limit_exceeded', 'rate_limit_error', 'insufficient_quota']);
/** When a decoder keeps only Gemini's INVALID_ARGUMENT status, the message is all that tells a bad key apart. */
const GEMINI_BAD_KEY_MESSAGE = /API key (not valid|expired)/i;
/** Mistakes in the caller's request: another provider would reject them too, so no failover. */
const CALLER_KINDS = new Set<IrErrorKind>(['invalid_request', 'not_found', 'request_too_large']);

/** When two signals disagree (a 400 carrying API_KEY_INVALID), the more specific provider fault wins. */
const PRECEDENCE: readonly CooldownErrorType[] = ['rate_limit', 'auth_error', 'timeout', 'connection_error', 'server_error'];

/**
 * Decides whether a failed try is the provider's fault (cool it down, try the next target) and of
 * which kind, or the caller's (`null`: answer the client, no cooldown, no failover).
 */
export function classifyFailure(failure: UpstreamFailure): CooldownErrorType | null {
  if (failure.transport) return failure.transport;
  const signals = [classifyError(failure.error), classifyStatus(failure.status)];
  for (const type of PRECEDENCE) if (signals.includes(type)) return type;
  // An error event inside a 200 stream before any content: the provider broke, not the request.
  const arrivedInStream = failure.status === undefined || failure.status < 400;
  if (failure.error && arrivedInStream && !CALLER_KINDS.has(failure.error.kind)) return 'server_error';
  return null;
}

function classifyStatus(status: number | undefined): CooldownErrorType | undefined {
  if (status === undefined) return undefined;
  if (status === 429) return 'rate_limit';
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 408) return 'timeout';
  // 500, 502, 503, 504 and Anthropic's 529 overloaded; any other 5xx is the provider's fault too.
  if (status >= 500 && status <= 599) return 'server_error';
  return undefined;
}

function classifyError(error: IrError | undefined): CooldownErrorType | undefined {
  if (!error) return undefined;
  const code = error.providerCode;
  if (error.kind === 'rate_limit' || (code && RATE_LIMIT_CODES.has(code))) return 'rate_limit';
  if (error.kind === 'authentication' || error.kind === 'permission') return 'auth_error';
  if ((code && AUTH_CODES.has(code)) || GEMINI_BAD_KEY_MESSAGE.test(error.message)) return 'auth_error';
  if (error.kind === 'timeout') return 'timeout';
  if (error.kind === 'connection_error') return 'connection_error';
  if (error.kind === 'server_error' || error.kind === 'overloaded') return 'server_error';
  return undefined;
}

import type { IrError } from '../ir';
import type { HeaderBag } from '../wire-codec';
import { isRecord } from './gemini-field-readers';
import { geminiStatusToKind, httpStatusToKind } from './map-gemini-error-status';
import { parseGoogleDuration, parseRetryAfterHeader } from './parse-retry-after';

/** ErrorInfo reasons that mean a bad key although Gemini answers 400 INVALID_ARGUMENT. */
const AUTHENTICATION_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED']);

/**
 * A Gemini error answer → IR error. The body is the google.rpc.Status envelope
 * `{"error":{code,message,status,details}}` (sometimes wrapped in a one-element array by the
 * JSON-array stream); proxies in front of Google may answer with HTML or nothing, in which case
 * the HTTP status decides. Gemini reports a bad API key as 400 INVALID_ARGUMENT with ErrorInfo
 * reason API_KEY_INVALID, which is an authentication error, not a bad request. The retry hint
 * comes from google.rpc.RetryInfo.retryDelay ("48s"), else from a `retry-after` header.
 * https://ai.google.dev/gemini-api/docs/troubleshooting
 */
export function decodeGeminiError(httpStatus: number, body: string, headers: HeaderBag, now: number = Date.now()): IrError {
  const envelope = parseEnvelope(body);
  const details = Array.isArray(envelope?.details) ? envelope.details.filter(isRecord) : [];
  const reason = findDetail(details, 'ErrorInfo')?.reason;
  const statusString = typeof envelope?.status === 'string' ? envelope.status : undefined;

  const kind =
    typeof reason === 'string' && AUTHENTICATION_REASONS.has(reason)
      ? 'authentication'
      : ((statusString === undefined ? undefined : geminiStatusToKind(statusString)) ?? httpStatusToKind(httpStatus));

  const error: IrError = {
    kind,
    status: httpStatus,
    message: typeof envelope?.message === 'string' && envelope.message !== '' ? envelope.message : describeBody(httpStatus, body),
  };
  const providerCode = typeof reason === 'string' ? reason : statusString;
  if (providerCode !== undefined) error.providerCode = providerCode;
  const retryAfterSeconds = parseGoogleDuration(findDetail(details, 'RetryInfo')?.retryDelay) ?? parseRetryAfterHeader(headers, now);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  const violations = findDetail(details, 'BadRequest')?.fieldViolations;
  const param = Array.isArray(violations) && isRecord(violations[0]) ? violations[0].field : undefined;
  if (typeof param === 'string') error.param = param;
  return error;
}

function parseEnvelope(body: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  return isRecord(first) && isRecord(first.error) ? first.error : undefined;
}

function findDetail(details: Record<string, unknown>[], type: string): Record<string, unknown> | undefined {
  return details.find((detail) => typeof detail['@type'] === 'string' && detail['@type'].endsWith(`google.rpc.${type}`));
}

/** A message a user can act on when the body is not Google's envelope. */
function describeBody(httpStatus: number, body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  if (text === '') return `Gemini answered HTTP ${httpStatus} with an empty body`;
  return `Gemini answered HTTP ${httpStatus}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

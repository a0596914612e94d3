import type { IrError } from '../ir';
import type { HeaderBag } from '../wire-codec';
import { openAiChatErrorKindFromStatus, openAiChatErrorKindFromType, STATUS_BY_KIND } from './map-openai-chat-error-kind';
import { parseOpenAiRateLimitReset } from './parse-openai-rate-limit-reset';
import { parseRetryAfter } from './parse-retry-after';
import { isRecord } from './read-wire-fields';

/**
 * A provider's error answer → IR. The envelope is `{"error": {message, type, param, code}}`
 * (https://platform.openai.com/docs/guides/error-codes); OpenAI-compatible servers also send
 * `{"error": "text"}` or `{"message": ...}`, and proxies in front of them send HTML or nothing.
 * The retry hint comes from `retry-after-ms` / `retry-after`, else, for a 429, from the
 * `x-ratelimit-reset-*` of the budget that ran out (see parseOpenAiRateLimitReset).
 */
export function decodeOpenAiChatError(status: number, body: string, headers: HeaderBag, now: number = Date.now()): IrError {
  const parsed = parseJson(body);
  const error = decodeOpenAiChatErrorObject(isRecord(parsed) ? (parsed.error ?? parsed) : undefined, status);
  if (error.message === '') error.message = describeUnreadableBody(status, body);
  const retryAfter = parseRetryAfter(headers, now) ?? (status === 429 ? parseOpenAiRateLimitReset(headers) : undefined);
  if (retryAfter !== undefined) error.retryAfterSeconds = retryAfter;
  return error;
}

/**
 * The `error` member of an envelope (or of a stream's `data:` frame) → IR. Without an HTTP
 * status (mid-stream) a numeric `code` is the status (OpenRouter sends `{"code": 429}`), else
 * the kind comes from the type or code and the status from the kind.
 */
export function decodeOpenAiChatErrorObject(value: unknown, httpStatus?: number): IrError {
  const error = isRecord(value) ? value : {};
  const status = httpStatus ?? (typeof error.code === 'number' && error.code >= 400 && error.code <= 599 ? error.code : undefined);
  const message = typeof value === 'string' ? value : typeof error.message === 'string' ? error.message : '';
  const type = typeof error.type === 'string' ? error.type : undefined;
  const code = typeof error.code === 'string' ? error.code : typeof error.code === 'number' ? String(error.code) : undefined;
  const kind =
    (status === undefined ? undefined : openAiChatErrorKindFromStatus(status)) ?? openAiChatErrorKindFromType(type, code) ?? 'server_error';
  const decoded: IrError = { kind, status: status !== undefined && status >= 400 ? status : STATUS_BY_KIND[kind], message };
  const providerCode = code ?? type;
  if (providerCode !== undefined) decoded.providerCode = providerCode;
  if (typeof error.param === 'string') decoded.param = error.param;
  return decoded;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** What a user can act on when the body is empty, HTML or otherwise unreadable. */
function describeUnreadableBody(status: number, body: string): string {
  const text = body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return `upstream answered HTTP ${status} with an empty body`;
  return `upstream answered HTTP ${status}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

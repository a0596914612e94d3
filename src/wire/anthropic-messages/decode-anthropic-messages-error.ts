import type { IrError } from '../ir';
import type { HeaderBag } from '../wire-codec';
import { isJsonObject } from './anthropic-messages-field-readers';
import {
  mapAnthropicMessagesErrorTypeToKind,
  mapAnthropicMessagesStatusToKind,
  mapIrErrorKindToAnthropicMessages,
} from './map-anthropic-messages-error-type';
import { parseRetryAfterHeader } from './parse-retry-after-header';

interface AnthropicErrorFields {
  type?: string;
  message?: string;
}

/**
 * A provider's error answer → IR error (https://docs.anthropic.com/en/api/errors). The body is
 * `{"type":"error","error":{"type","message"},"request_id"}`; the error type decides the kind
 * (it is more precise than the status), the status decides when the body is empty, HTML or
 * otherwise unreadable. The retry hint comes from `retry-after-ms` / `retry-after`.
 */
export function decodeAnthropicMessagesError(status: number, body: string, headers: HeaderBag): IrError {
  const fields = readErrorFields(parseJson(body));
  const error: IrError = {
    kind: mapAnthropicMessagesErrorTypeToKind(fields.type) ?? mapAnthropicMessagesStatusToKind(status),
    status,
    message: fields.message || describeUnreadableBody(status, body),
  };
  if (fields.type) error.providerCode = fields.type;
  const retryAfterSeconds = parseRetryAfterHeader(headers);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

/**
 * The data of an `event: error` inside a 200 stream (same envelope). There is no HTTP status of
 * its own, so the status is the one Anthropic uses for that error type (overloaded → 529).
 */
export function decodeAnthropicMessagesStreamError(data: unknown): IrError {
  const fields = readErrorFields(data);
  const kind = mapAnthropicMessagesErrorTypeToKind(fields.type) ?? 'server_error';
  const error: IrError = {
    kind,
    status: mapIrErrorKindToAnthropicMessages(kind).status,
    message: fields.message || 'Anthropic sent an error event without a message',
  };
  if (fields.type) error.providerCode = fields.type;
  return error;
}

function readErrorFields(value: unknown): AnthropicErrorFields {
  const inner = isJsonObject(value) && isJsonObject(value.error) ? value.error : undefined;
  return {
    type: typeof inner?.type === 'string' ? inner.type : undefined,
    message: typeof inner?.message === 'string' ? inner.message : undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short, readable stand-in for a body that is not Anthropic's error JSON (proxies send HTML). */
function describeUnreadableBody(status: number, body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return `Anthropic answered HTTP ${status} with an empty body`;
  return `Anthropic answered HTTP ${status}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

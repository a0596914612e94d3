import type { IrErrorKind } from '../ir';
import type { AnthropicMessagesErrorType } from './anthropic-messages-types';

type Direction = 'both' | 'decode' | 'encode';

/**
 * THE error table (https://docs.anthropic.com/en/api/errors): Anthropic error type ↔ IR kind ↔
 * HTTP status. Each lookup takes the first row that matches and applies in its direction.
 */
const ERROR_ROWS: ReadonlyArray<readonly [AnthropicMessagesErrorType, IrErrorKind, number, Direction]> = [
  ['invalid_request_error', 'invalid_request', 400, 'both'],
  ['authentication_error', 'authentication', 401, 'both'],
  ['permission_error', 'permission', 403, 'both'],
  ['not_found_error', 'not_found', 404, 'both'],
  ['request_too_large', 'request_too_large', 413, 'both'],
  ['rate_limit_error', 'rate_limit', 429, 'both'],
  ['api_error', 'server_error', 500, 'both'],
  ['timeout_error', 'timeout', 504, 'both'],
  ['overloaded_error', 'overloaded', 529, 'both'],
  // A billing problem is the caller's account being refused.
  ['billing_error', 'permission', 402, 'decode'],
  // A bare 503 (a proxy in front of Anthropic) means the same as 529.
  ['overloaded_error', 'overloaded', 503, 'decode'],
  // Faults on the way to the provider or inside Plexus reach an Anthropic client as api_error.
  ['api_error', 'connection_error', 502, 'encode'],
  ['api_error', 'gateway_error', 500, 'encode'],
];

const DECODE_ROWS = ERROR_ROWS.filter((row) => row[3] !== 'encode');
const ENCODE_ROWS = ERROR_ROWS.filter((row) => row[3] !== 'decode');

export function mapAnthropicMessagesErrorTypeToKind(type: unknown): IrErrorKind | undefined {
  return DECODE_ROWS.find(([wire]) => wire === type)?.[1];
}

/** For an error body Plexus cannot read: the status alone decides. */
export function mapAnthropicMessagesStatusToKind(status: number): IrErrorKind {
  const row = DECODE_ROWS.find(([, , rowStatus]) => rowStatus === status);
  if (row) return row[1];
  return status >= 500 ? 'server_error' : 'invalid_request';
}

export function mapIrErrorKindToAnthropicMessages(kind: IrErrorKind): { type: AnthropicMessagesErrorType; status: number } {
  const row = ENCODE_ROWS.find(([, rowKind]) => rowKind === kind);
  return row ? { type: row[0], status: row[2] } : { type: 'api_error', status: 500 };
}

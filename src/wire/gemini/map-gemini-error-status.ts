import type { IrErrorKind } from '../ir';

/**
 * google.rpc status strings ↔ IR error kinds and their canonical HTTP codes
 * (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes). Decoding reads every row;
 * encoding takes the FIRST row of a kind.
 */
const ERROR_STATUSES: ReadonlyArray<readonly [status: string, kind: IrErrorKind, code: number]> = [
  ['INVALID_ARGUMENT', 'invalid_request', 400],
  ['UNAUTHENTICATED', 'authentication', 401],
  ['PERMISSION_DENIED', 'permission', 403],
  ['NOT_FOUND', 'not_found', 404],
  ['RESOURCE_EXHAUSTED', 'rate_limit', 429],
  ['INTERNAL', 'server_error', 500],
  ['UNAVAILABLE', 'overloaded', 503],
  ['DEADLINE_EXCEEDED', 'timeout', 504],
  ['FAILED_PRECONDITION', 'invalid_request', 400],
  ['OUT_OF_RANGE', 'invalid_request', 400],
  ['ALREADY_EXISTS', 'invalid_request', 409],
  ['UNIMPLEMENTED', 'invalid_request', 501],
  ['ABORTED', 'server_error', 409],
  ['UNKNOWN', 'server_error', 500],
  ['DATA_LOSS', 'server_error', 500],
  ['CANCELLED', 'server_error', 499],
];

/** Kinds Gemini has no status of its own for. */
const ENCODE_FALLBACK: Partial<Record<IrErrorKind, readonly [string, number]>> = {
  request_too_large: ['INVALID_ARGUMENT', 400],
  connection_error: ['UNAVAILABLE', 503],
  gateway_error: ['INTERNAL', 500],
};

const BY_STATUS = new Map(ERROR_STATUSES.map(([status, kind]) => [status, kind]));

export function geminiStatusToKind(status: string): IrErrorKind | undefined {
  return BY_STATUS.get(status);
}

export function kindToGeminiStatus(kind: IrErrorKind): { status: string; code: number } {
  const row = ERROR_STATUSES.find(([, rowKind]) => rowKind === kind);
  if (row !== undefined) return { status: row[0], code: row[2] };
  const [status, code] = ENCODE_FALLBACK[kind] ?? ['INTERNAL', 500];
  return { status, code };
}

/** When the body says nothing usable (empty, HTML from a proxy), the HTTP status decides. */
export function httpStatusToKind(httpStatus: number): IrErrorKind {
  if (httpStatus === 401) return 'authentication';
  if (httpStatus === 403) return 'permission';
  if (httpStatus === 404) return 'not_found';
  if (httpStatus === 413) return 'request_too_large';
  if (httpStatus === 429) return 'rate_limit';
  if (httpStatus === 408 || httpStatus === 504) return 'timeout';
  if (httpStatus === 503 || httpStatus === 529) return 'overloaded';
  if (httpStatus >= 500) return 'server_error';
  return 'invalid_request';
}

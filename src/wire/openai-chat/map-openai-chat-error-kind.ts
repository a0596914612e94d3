import type { IrErrorKind } from '../ir';

/**
 * OpenAI error `type` ↔ IR error kind, one table read both ways (first match wins, so row order
 * decides what a kind is encoded as). https://platform.openai.com/docs/guides/error-codes
 * OpenAI's 429 bodies say `tokens` / `requests` / `insufficient_quota` in `type`; the other
 * types are those of the SDK's error classes. Chat has no overloaded or timeout type: those
 * kinds go out as `server_error`, the type OpenAI gives its own 5xx answers.
 */
const ERROR_TYPES: ReadonlyArray<readonly [string, IrErrorKind]> = [
  ['invalid_request_error', 'invalid_request'],
  ['invalid_request_error', 'request_too_large'],
  ['authentication_error', 'authentication'],
  ['permission_error', 'permission'],
  ['not_found_error', 'not_found'],
  ['rate_limit_exceeded', 'rate_limit'],
  ['tokens', 'rate_limit'],
  ['requests', 'rate_limit'],
  ['insufficient_quota', 'rate_limit'],
  ['server_error', 'server_error'],
  ['server_error', 'overloaded'],
  ['server_error', 'timeout'],
  ['server_error', 'connection_error'],
  ['server_error', 'gateway_error'],
  ['api_error', 'server_error'],
  ['overloaded_error', 'overloaded'],
];

/** The status each kind answers with when nothing better is known. */
export const STATUS_BY_KIND: Record<IrErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  server_error: 500,
  overloaded: 503,
  timeout: 504,
  connection_error: 502,
  gateway_error: 502,
};

/** The upstream's HTTP status decides first: OpenAI's own 401 says `invalid_request_error`. */
export function openAiChatErrorKindFromStatus(status: number): IrErrorKind | undefined {
  switch (status) {
    case 400:
    case 409:
    case 422:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
    case 504:
      return 'timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit';
    case 503:
    case 529:
      return 'overloaded';
  }
  if (status >= 500 && status <= 599) return 'server_error';
  if (status >= 400 && status <= 499) return 'invalid_request';
  return undefined;
}

/** For errors without a status (a stream's error frame): the type, then the code, says the kind. */
export function openAiChatErrorKindFromType(type: string | undefined, code: string | undefined): IrErrorKind | undefined {
  if (code === 'invalid_api_key') return 'authentication';
  const row = ERROR_TYPES.find(([wire]) => wire === type || wire === code);
  return row?.[1];
}

export function openAiChatErrorTypeForKind(kind: IrErrorKind): string {
  return ERROR_TYPES.find(([, irKind]) => irKind === kind)?.[0] ?? 'server_error';
}

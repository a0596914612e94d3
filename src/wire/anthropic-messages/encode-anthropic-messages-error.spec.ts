import { describe, expect, it } from 'vitest';
import type { IrErrorKind } from '../ir';
import { encodeAnthropicMessagesError } from './encode-anthropic-messages-error';

describe('encodeAnthropicMessagesError', () => {
  it('overloaded (even a Gemini 503) → 529 overloaded_error in the exact envelope', () => {
    expect(encodeAnthropicMessagesError({ kind: 'overloaded', status: 503, message: 'The model is overloaded.', providerCode: 'UNAVAILABLE' })).toEqual({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'The model is overloaded.' } },
    });
  });

  it.each([
    ['invalid_request', 400, 'invalid_request_error'],
    ['authentication', 401, 'authentication_error'],
    ['permission', 403, 'permission_error'],
    ['not_found', 404, 'not_found_error'],
    ['request_too_large', 413, 'request_too_large'],
    ['rate_limit', 429, 'rate_limit_error'],
    ['server_error', 500, 'api_error'],
    ['timeout', 504, 'timeout_error'],
    ['connection_error', 502, 'api_error'],
    ['gateway_error', 500, 'api_error'],
  ] as const)('%s → %d %s', (kind: IrErrorKind, status, type) => {
    expect(encodeAnthropicMessagesError({ kind, status: 0, message: 'm' })).toEqual({ status, body: { type: 'error', error: { type, message: 'm' } } });
  });
});

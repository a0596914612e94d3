import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../../../test/support/fixtures';
import type { IrErrorKind } from '../ir';
import { decodeGeminiError } from './decode-gemini-error';
import { encodeGeminiError } from './encode-gemini-error';

describe('encodeGeminiError', () => {
  it.each([
    ['invalid_request', 400, 'INVALID_ARGUMENT'],
    ['authentication', 401, 'UNAUTHENTICATED'],
    ['permission', 403, 'PERMISSION_DENIED'],
    ['not_found', 404, 'NOT_FOUND'],
    ['request_too_large', 400, 'INVALID_ARGUMENT'],
    ['rate_limit', 429, 'RESOURCE_EXHAUSTED'],
    ['server_error', 500, 'INTERNAL'],
    ['overloaded', 503, 'UNAVAILABLE'],
    ['timeout', 504, 'DEADLINE_EXCEEDED'],
    ['connection_error', 503, 'UNAVAILABLE'],
    ['gateway_error', 500, 'INTERNAL'],
  ] as const)('%s → HTTP %i %s', (kind: IrErrorKind, code, status) => {
    expect(encodeGeminiError({ kind, status: 599, message: 'something broke' })).toEqual({
      status: code,
      body: { error: { code, message: 'something broke', status } },
    });
  });

  it('answers an Anthropic 529 overload as Google’s 503 UNAVAILABLE', () => {
    expect(encodeGeminiError({ kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' })).toEqual({
      status: 503,
      body: { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    });
  });

  it('carries the retry hint as RetryInfo and the bad field as BadRequest', () => {
    expect(encodeGeminiError({ kind: 'rate_limit', status: 429, message: 'slow down', retryAfterSeconds: 65 }).body).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '65s' }] },
    });
    expect(encodeGeminiError({ kind: 'invalid_request', status: 400, message: 'bad', param: 'messages[0].content' }).body.error.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'messages[0].content', description: 'bad' }] },
    ]);
  });

  it.each([
    [400, 'error-400-invalid-argument.json'],
    [500, 'error-500-internal.json'],
    [503, 'error-503-unavailable.json'],
  ])('re-encodes the recorded HTTP %i body exactly', (status, file) => {
    const encoded = encodeGeminiError(decodeGeminiError(status, fixtureText('gemini', file), {}));
    expect(encoded).toEqual({ status, body: fixtureJson('gemini', file) });
  });

  it('re-encodes the bad-key answer as Gemini sends it, without the LocalizedMessage detail', () => {
    const source = fixtureJson('gemini', 'error-400-api-key-invalid.json');
    const encoded = encodeGeminiError(decodeGeminiError(400, JSON.stringify(source), {}));
    expect(encoded).toEqual({ status: 400, body: { error: { ...source.error, details: [source.error.details[0]] } } });
  });

  it('drops the Help and QuotaFailure details of a 429 on purpose, keeping the retry delay', () => {
    const source = fixtureJson('gemini', 'error-429-resource-exhausted.json');
    const encoded = encodeGeminiError(decodeGeminiError(429, JSON.stringify(source), {}));
    expect(encoded.body.error).toEqual({
      code: 429,
      message: source.error.message,
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '48s' }],
    });
  });
});

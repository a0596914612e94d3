import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../test/support/fixtures';
import { decodeGeminiError } from './decode-gemini-error';

const decodeFixture = (status: number, file: string, headers = {}) => decodeGeminiError(status, fixtureText('gemini', file), headers);

describe('decodeGeminiError on recorded errors', () => {
  it('400 INVALID_ARGUMENT is the caller’s invalid request', () => {
    expect(decodeFixture(400, 'error-400-invalid-argument.json')).toEqual({
      kind: 'invalid_request',
      status: 400,
      message: 'The input token count exceeds the maximum number of tokens allowed (1048576).',
      providerCode: 'INVALID_ARGUMENT',
    });
  });

  it('400 INVALID_ARGUMENT with reason API_KEY_INVALID is an authentication error', () => {
    expect(decodeFixture(400, 'error-400-api-key-invalid.json')).toEqual({
      kind: 'authentication',
      status: 400,
      message: 'API key not valid. Please pass a valid API key.',
      providerCode: 'API_KEY_INVALID',
    });
  });

  it('429 RESOURCE_EXHAUSTED is a rate limit with the RetryInfo delay of 48 seconds', () => {
    const error = decodeFixture(429, 'error-429-resource-exhausted.json');
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, providerCode: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 48 });
    expect(error.message).toMatch(/^You exceeded your current quota/);
  });

  it('500 INTERNAL is a server error', () => {
    expect(decodeFixture(500, 'error-500-internal.json')).toMatchObject({ kind: 'server_error', status: 500, providerCode: 'INTERNAL' });
  });

  it('503 UNAVAILABLE is an overload', () => {
    expect(decodeFixture(503, 'error-503-unavailable.json')).toEqual({
      kind: 'overloaded',
      status: 503,
      message: 'The model is overloaded. Please try again later.',
      providerCode: 'UNAVAILABLE',
    });
  });
});

describe('decodeGeminiError on other answers', () => {
  const envelope = (status: string, code: number) => JSON.stringify({ error: { code, message: 'm', status } });

  it.each([
    ['UNAUTHENTICATED', 401, 'authentication'],
    ['PERMISSION_DENIED', 403, 'permission'],
    ['NOT_FOUND', 404, 'not_found'],
    ['DEADLINE_EXCEEDED', 504, 'timeout'],
    ['FAILED_PRECONDITION', 400, 'invalid_request'],
  ])('%s is %s', (status, code, kind) => {
    expect(decodeGeminiError(code, envelope(status, code), {}).kind).toBe(kind);
  });

  it('reads the envelope wrapped in the JSON-array stream', () => {
    const body = `[${envelope('RESOURCE_EXHAUSTED', 429)}]`;
    expect(decodeGeminiError(429, body, {})).toMatchObject({ kind: 'rate_limit', providerCode: 'RESOURCE_EXHAUSTED' });
  });

  it('names the bad field from a BadRequest detail', () => {
    const body = JSON.stringify({
      error: {
        code: 400,
        message: 'Invalid value at contents[0].parts',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'contents[0].parts', description: 'x' }] }],
      },
    });
    expect(decodeGeminiError(400, body, {}).param).toBe('contents[0].parts');
  });

  it('copes with an empty body', () => {
    expect(decodeGeminiError(502, '', {})).toEqual({ kind: 'server_error', status: 502, message: 'Gemini answered HTTP 502 with an empty body' });
  });

  it('copes with an HTML page from a proxy, using its title', () => {
    const html = '<html><head><title>503 Service Unavailable</title></head><body><h1>Down</h1></body></html>';
    expect(decodeGeminiError(503, html, {})).toEqual({ kind: 'overloaded', status: 503, message: 'Gemini answered HTTP 503: 503 Service Unavailable' });
  });

  it('copes with plain text and JSON that is not the envelope', () => {
    expect(decodeGeminiError(404, 'Not Found', {})).toMatchObject({ kind: 'not_found', message: 'Gemini answered HTTP 404: Not Found' });
    expect(decodeGeminiError(413, '{"oops":true}', {})).toMatchObject({ kind: 'request_too_large', message: 'Gemini answered HTTP 413: {"oops":true}' });
    expect(decodeGeminiError(500, 'null', {}).kind).toBe('server_error');
  });

  it('takes the retry hint from a retry-after header in seconds or as an HTTP date', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(decodeGeminiError(429, '', { 'Retry-After': '30' }, now).retryAfterSeconds).toBe(30);
    expect(decodeGeminiError(429, '', { 'retry-after': ['7'] }, now).retryAfterSeconds).toBe(7);
    expect(decodeGeminiError(503, '', { 'retry-after': 'Sun, 01 Jun 2025 12:01:30 GMT' }, now).retryAfterSeconds).toBe(90);
    expect(decodeGeminiError(503, '', { 'retry-after': 'soon' }, now)).not.toHaveProperty('retryAfterSeconds');
  });

  it('rounds a fractional RetryInfo delay up so a retry never comes early', () => {
    const body = JSON.stringify({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.2s' }] },
    });
    expect(decodeGeminiError(429, body, { 'retry-after': '60' }).retryAfterSeconds).toBe(2);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureText, type FixtureFormat } from '../../../test/support/fixtures';
import { decodeOpenAiChatError } from './decode-openai-chat-error';

interface ManifestEntry {
  file: string;
  http_status?: number;
  response_headers_recorded?: Record<string, string>;
}

const manifest = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] }).files;

/** A recorded error exactly as it came: status, body and the headers the recorder kept. */
function recordedError(format: FixtureFormat, file: string) {
  const entry = manifest.find((candidate) => candidate.file === `${format}/${file}`);
  if (!entry?.http_status) throw new Error(`no manifest entry for ${format}/${file}`);
  return decodeOpenAiChatError(entry.http_status, fixtureText(format, file), entry.response_headers_recorded ?? {});
}

describe('decodeOpenAiChatError on recorded errors', () => {
  it('error-400-invalid-request.json: invalid_request with the offending param', () => {
    expect(recordedError('openai-chat', 'error-400-invalid-request.json')).toEqual({
      kind: 'invalid_request',
      status: 400,
      message: "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an object instead.",
      providerCode: 'invalid_type',
      param: 'messages[0].content',
    });
  });

  it('error-401-invalid-api-key.json: authentication by status, although the body says invalid_request_error', () => {
    const error = recordedError('openai-chat', 'error-401-invalid-api-key.json');
    expect(error).toMatchObject({ kind: 'authentication', status: 401, providerCode: 'invalid_api_key' });
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('error-429-rate-limit.json: rate_limit with no retry hint, since no budget is spent (a too-large request)', () => {
    const error = recordedError('openai-chat', 'error-429-rate-limit.json');
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, providerCode: 'rate_limit_exceeded' });
    expect(error.message).toContain('Request too large for gpt-5-nano');
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('the same envelope from /v1/responses: insufficient_quota and server_error', () => {
    expect(recordedError('openai-responses', 'error-429-insufficient-quota.json')).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      providerCode: 'insufficient_quota',
    });
    expect(recordedError('openai-responses', 'error-500-server-error.json')).toMatchObject({
      kind: 'server_error',
      status: 500,
      providerCode: 'server_error',
    });
  });
});

describe('decodeOpenAiChatError retry hints', () => {
  const body = '{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}';
  const now = Date.parse('2026-06-08T18:46:37Z');

  it('reads retry-after in seconds', () => {
    expect(decodeOpenAiChatError(429, body, { 'retry-after': '20' }, now).retryAfterSeconds).toBe(20);
  });

  it('reads retry-after as an HTTP date', () => {
    expect(decodeOpenAiChatError(503, '', { 'Retry-After': 'Mon, 08 Jun 2026 18:47:07 GMT' }, now).retryAfterSeconds).toBe(30);
  });

  it('prefers retry-after-ms, as the openai SDK does', () => {
    expect(decodeOpenAiChatError(429, body, { 'retry-after-ms': '1500', 'retry-after': '20' }, now).retryAfterSeconds).toBe(1.5);
  });

  it('falls back to the reset time of the spent x-ratelimit budget on a 429', () => {
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m30s',
      'x-ratelimit-remaining-tokens': '1999998',
      'x-ratelimit-reset-tokens': '6m0s',
    };
    expect(decodeOpenAiChatError(429, body, headers, now).retryAfterSeconds).toBe(90);
    expect(decodeOpenAiChatError(429, body, { ...headers, 'x-ratelimit-remaining-tokens': '0' }, now).retryAfterSeconds).toBe(360);
    expect(decodeOpenAiChatError(429, body, { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '120ms' }, now).retryAfterSeconds).toBeCloseTo(0.12);
  });

  it('ignores a header value it cannot read', () => {
    expect(decodeOpenAiChatError(429, body, { 'retry-after': 'soon' }, now).retryAfterSeconds).toBeUndefined();
  });
});

describe('decodeOpenAiChatError on bodies that are not OpenAI envelopes', () => {
  it('an HTML page from a proxy: server_error with the readable text', () => {
    const html = '<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';
    expect(decodeOpenAiChatError(502, html, { 'content-type': 'text/html' })).toEqual({
      kind: 'server_error',
      status: 502,
      message: 'upstream answered HTTP 502: 502 Bad Gateway 502 Bad Gateway cloudflare',
    });
  });

  it('an empty body', () => {
    expect(decodeOpenAiChatError(503, '', {})).toEqual({ kind: 'overloaded', status: 503, message: 'upstream answered HTTP 503 with an empty body' });
  });

  it('plain text, cut to a readable length', () => {
    const error = decodeOpenAiChatError(500, 'x'.repeat(500), {});
    expect(error.kind).toBe('server_error');
    expect(error.message).toHaveLength('upstream answered HTTP 500: '.length + 201);
  });

  it('{"error": "text"} and {"message": ...} from OpenAI-compatible servers', () => {
    expect(decodeOpenAiChatError(404, '{"error":"model not found"}', {})).toEqual({ kind: 'not_found', status: 404, message: 'model not found' });
    expect(decodeOpenAiChatError(413, '{"message":"payload too big","code":413}', {})).toEqual({
      kind: 'request_too_large',
      status: 413,
      message: 'payload too big',
      providerCode: '413',
    });
  });

  it('maps the statuses without a body type to kinds', () => {
    const kinds = [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529].map((status) => decodeOpenAiChatError(status, '', {}).kind);
    expect(kinds).toEqual([
      'invalid_request',
      'authentication',
      'permission',
      'not_found',
      'timeout',
      'invalid_request',
      'request_too_large',
      'invalid_request',
      'rate_limit',
      'server_error',
      'server_error',
      'overloaded',
      'timeout',
      'overloaded',
    ]);
  });
});

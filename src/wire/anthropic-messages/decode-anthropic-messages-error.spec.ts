import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureText } from '../../../test/support/fixtures';
import { decodeAnthropicMessagesError, decodeAnthropicMessagesStreamError } from './decode-anthropic-messages-error';

interface ManifestEntry {
  file: string;
  http_status?: number;
  response_headers_recorded?: Record<string, string>;
}
const manifest: { files: ManifestEntry[] } = JSON.parse(readFileSync(join(FIXTURES_DIR, 'manifest.json'), 'utf8'));

/** Decodes a recorded error with the status and headers recorded alongside it. */
function decodeRecorded(file: string) {
  const entry = manifest.files.find((candidate) => candidate.file === `anthropic-messages/${file}`);
  if (!entry?.http_status) throw new Error(`no manifest entry for ${file}`);
  return decodeAnthropicMessagesError(entry.http_status, fixtureText('anthropic-messages', file), entry.response_headers_recorded ?? {});
}

describe('decodeAnthropicMessagesError on recorded errors', () => {
  it('error-400-invalid-request.json: invalid_request, no retry hint', () => {
    expect(decodeRecorded('error-400-invalid-request.json')).toEqual({
      kind: 'invalid_request',
      status: 400,
      message: 'prompt is too long: 3333404 tokens > 200000 maximum',
      providerCode: 'invalid_request_error',
    });
  });

  it('error-401-authentication.json: authentication', () => {
    expect(decodeRecorded('error-401-authentication.json')).toEqual({
      kind: 'authentication',
      status: 401,
      message: 'invalid x-api-key',
      providerCode: 'authentication_error',
    });
  });

  it('error-429-rate-limit.json: rate_limit, retry after the recorded 65 seconds', () => {
    const error = decodeRecorded('error-429-rate-limit.json');
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, providerCode: 'rate_limit_error', retryAfterSeconds: 65 });
    expect(error.message).toMatch(/^This request would exceed the rate limit for your organization/);
  });

  it('error-529-overloaded.json: overloaded', () => {
    expect(decodeRecorded('error-529-overloaded.json')).toEqual({ kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' });
  });
});

describe('decodeAnthropicMessagesError on unreadable bodies', () => {
  it('an empty body: the status decides and the message says the body was empty', () => {
    expect(decodeAnthropicMessagesError(503, '', {})).toEqual({ kind: 'overloaded', status: 503, message: 'Anthropic answered HTTP 503 with an empty body' });
  });

  it('an HTML error page from a proxy: tags stripped, status decides', () => {
    const error = decodeAnthropicMessagesError(502, '<html><head><style>b{}</style></head><body><h1>502 Bad Gateway</h1></body></html>', {});
    expect(error).toEqual({ kind: 'server_error', status: 502, message: 'Anthropic answered HTTP 502: 502 Bad Gateway' });
  });

  it('plain text and JSON without the envelope fall back to the status', () => {
    expect(decodeAnthropicMessagesError(404, 'Not Found', {})).toMatchObject({ kind: 'not_found', message: 'Anthropic answered HTTP 404: Not Found' });
    expect(decodeAnthropicMessagesError(413, '{"error":"too big"}', {})).toMatchObject({ kind: 'request_too_large' });
    expect(decodeAnthropicMessagesError(418, 'null', {})).toMatchObject({ kind: 'invalid_request' });
  });

  it('the error type wins over an inconsistent status', () => {
    expect(decodeAnthropicMessagesError(500, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {}).kind).toBe('overloaded');
  });

  it('retry-after as an HTTP-date and retry-after-ms are both understood', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(decodeAnthropicMessagesError(429, '', { 'Retry-After': inTwoMinutes }).retryAfterSeconds).toBeGreaterThanOrEqual(119);
    expect(decodeAnthropicMessagesError(429, '', { 'retry-after-ms': '1500' }).retryAfterSeconds).toBe(2);
  });
});

describe('decodeAnthropicMessagesStreamError', () => {
  it('uses the status Anthropic gives the error type, since the stream itself was a 200', () => {
    expect(decodeAnthropicMessagesStreamError({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } })).toEqual({
      kind: 'server_error',
      status: 500,
      message: 'Internal server error',
      providerCode: 'api_error',
    });
  });
});

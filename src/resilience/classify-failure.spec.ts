import { describe, expect, it } from 'vitest';
import type { CooldownErrorType } from '../config/plexus-config';
import type { IrError } from '../wire/ir';
import { fixtureJson, fixtureText } from '../../test/support/fixtures';
import { classifyFailure } from './classify-failure';
import type { UpstreamFailure } from './upstream-failure';

const gemini = (file: string) => fixtureJson('gemini', file).error;
const anthropic = (file: string) => fixtureJson('anthropic-messages', file).error;
const openai = (file: string) => fixtureJson('openai-chat', file).error;

function irError(kind: IrError['kind'], status: number, message: string, providerCode?: string): IrError {
  return { kind, status, message, providerCode };
}

const geminiBadKey = gemini('error-400-api-key-invalid.json');
const geminiTooLong = gemini('error-400-invalid-argument.json');
const geminiQuota = gemini('error-429-resource-exhausted.json');
const anthropicStreamError = JSON.parse(
  fixtureText('anthropic-messages', 'stream-error-overloaded.sse').split('data: ')[1],
).error;

const table: Array<[string, UpstreamFailure, CooldownErrorType | null]> = [
  ['bare 429', { status: 429 }, 'rate_limit'],
  ['OpenAI 429 rate_limit_exceeded', { status: 429, error: irError('rate_limit', 429, openai('error-429-rate-limit.json').message, 'rate_limit_exceeded') }, 'rate_limit'],
  ['Gemini 429 RESOURCE_EXHAUSTED', { status: 429, error: irError('rate_limit', 429, geminiQuota.message, geminiQuota.status) }, 'rate_limit'],
  ['RESOURCE_EXHAUSTED decoded with a generic kind', { error: irError('gateway_error', 200, geminiQuota.message, 'RESOURCE_EXHAUSTED') }, 'rate_limit'],
  ['bare 401', { status: 401 }, 'auth_error'],
  ['bare 403', { status: 403 }, 'auth_error'],
  ['Anthropic 401 authentication_error', { status: 401, error: irError('authentication', 401, anthropic('error-401-authentication.json').message, 'authentication_error') }, 'auth_error'],
  // OpenAI labels a bad key `invalid_request_error`; the status and code still say auth.
  ['OpenAI 401 invalid_api_key typed invalid_request_error', { status: 401, error: irError('invalid_request', 401, openai('error-401-invalid-api-key.json').message, 'invalid_api_key') }, 'auth_error'],
  ['permission kind', { status: 403, error: irError('permission', 403, 'forbidden') }, 'auth_error'],
  ['Gemini 400 API_KEY_INVALID (ErrorInfo reason kept)', { status: 400, error: irError('invalid_request', 400, geminiBadKey.message, geminiBadKey.details[0].reason) }, 'auth_error'],
  ['Gemini 400 API_KEY_INVALID (only INVALID_ARGUMENT kept)', { status: 400, error: irError('invalid_request', 400, geminiBadKey.message, geminiBadKey.status) }, 'auth_error'],
  ['Gemini 400 decoded as authentication', { status: 400, error: irError('authentication', 400, geminiBadKey.message) }, 'auth_error'],
  ['transport timeout', { transport: 'timeout' }, 'timeout'],
  ['408', { status: 408 }, 'timeout'],
  ['timeout kind', { error: irError('timeout', 504, 'deadline') }, 'timeout'],
  ['transport connection error', { transport: 'connection_error' }, 'connection_error'],
  ['500', { status: 500 }, 'server_error'],
  ['502', { status: 502 }, 'server_error'],
  ['503', { status: 503 }, 'server_error'],
  ['504', { status: 504 }, 'server_error'],
  ['Anthropic 529 overloaded', { status: 529, error: irError('overloaded', 529, anthropic('error-529-overloaded.json').message, 'overloaded_error') }, 'server_error'],
  ['Gemini 500 INTERNAL', { status: 500, error: irError('server_error', 500, gemini('error-500-internal.json').message, 'INTERNAL') }, 'server_error'],
  ['Gemini 503 UNAVAILABLE', { status: 503, error: irError('overloaded', 503, gemini('error-503-unavailable.json').message, 'UNAVAILABLE') }, 'server_error'],
  ['Anthropic stream error event before content (200)', { status: 200, error: irError('overloaded', 529, anthropicStreamError.message, anthropicStreamError.type) }, 'server_error'],
  ['unknown stream error event before content', { error: irError('gateway_error', 500, 'upstream stream failed') }, 'server_error'],
  ['OpenAI 400 invalid request', { status: 400, error: irError('invalid_request', 400, openai('error-400-invalid-request.json').message, 'invalid_type') }, null],
  ['Anthropic 400 prompt too long', { status: 400, error: irError('invalid_request', 400, anthropic('error-400-invalid-request.json').message, 'invalid_request_error') }, null],
  ['Gemini 400 input too long', { status: 400, error: irError('invalid_request', 400, geminiTooLong.message, geminiTooLong.status) }, null],
  ['404', { status: 404, error: irError('not_found', 404, 'model not found') }, null],
  ['413', { status: 413, error: irError('request_too_large', 413, 'too large') }, null],
  ['422', { status: 422 }, null],
  ['stream error event that blames the request', { status: 200, error: irError('invalid_request', 400, 'bad tool schema') }, null],
];

describe('classifyFailure', () => {
  it.each(table)('%s', (_name, failure, expected) => {
    expect(classifyFailure(failure)).toBe(expected);
  });
});

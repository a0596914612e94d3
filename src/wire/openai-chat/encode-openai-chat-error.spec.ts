import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../../../test/support/fixtures';
import type { IrError } from '../ir';
import { decodeOpenAiChatError } from './decode-openai-chat-error';
import { encodeOpenAiChatError } from './encode-openai-chat-error';

describe('encodeOpenAiChatError', () => {
  it('round trips the recorded 400 envelope exactly', () => {
    const decoded = decodeOpenAiChatError(400, fixtureText('openai-chat', 'error-400-invalid-request.json'), {});
    expect(encodeOpenAiChatError(decoded)).toEqual({ status: 400, body: fixtureJson('openai-chat', 'error-400-invalid-request.json') });
  });

  it('round trips the recorded insufficient_quota 429 with its own type', () => {
    const decoded = decodeOpenAiChatError(429, fixtureText('openai-responses', 'error-429-insufficient-quota.json'), {});
    expect(encodeOpenAiChatError(decoded)).toEqual({ status: 429, body: fixtureJson('openai-responses', 'error-429-insufficient-quota.json') });
  });

  const cases: Array<[IrError, number, Record<string, unknown>]> = [
    [
      { kind: 'authentication', status: 401, message: 'Invalid API key for Plexus' },
      401,
      { message: 'Invalid API key for Plexus', type: 'authentication_error', param: null, code: 'invalid_api_key' },
    ],
    [
      { kind: 'permission', status: 403, message: 'key may not use model "gpt-4o"' },
      403,
      { message: 'key may not use model "gpt-4o"', type: 'permission_error', param: null, code: null },
    ],
    [
      { kind: 'not_found', status: 404, message: 'model "nope" does not exist' },
      404,
      { message: 'model "nope" does not exist', type: 'not_found_error', param: null, code: null },
    ],
    [
      { kind: 'invalid_request', status: 400, message: 'messages[2].content: must be a string', param: 'messages[2].content' },
      400,
      { message: 'messages[2].content: must be a string', type: 'invalid_request_error', param: 'messages[2].content', code: null },
    ],
    [
      { kind: 'request_too_large', status: 413, message: 'body over 32 MiB' },
      413,
      { message: 'body over 32 MiB', type: 'invalid_request_error', param: null, code: 'request_too_large' },
    ],
    [
      { kind: 'rate_limit', status: 429, message: 'Quota exceeded', providerCode: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 48 },
      429,
      { message: 'Quota exceeded', type: 'rate_limit_exceeded', param: null, code: 'RESOURCE_EXHAUSTED' },
    ],
    [
      { kind: 'overloaded', status: 529, message: 'Overloaded', providerCode: 'overloaded_error' },
      529,
      { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded_error' },
    ],
    [{ kind: 'timeout', status: 504, message: 'upstream timed out after 60s' }, 504, { message: 'upstream timed out after 60s', type: 'server_error', param: null, code: 'timeout' }],
    [
      { kind: 'gateway_error', status: 500, message: 'internal error (id 7f3a)' },
      500,
      { message: 'internal error (id 7f3a)', type: 'server_error', param: null, code: 'gateway_error' },
    ],
  ];

  it.each(cases)('$kind → the OpenAI envelope, keeping the status', (error, status, body) => {
    expect(encodeOpenAiChatError(error)).toEqual({ status, body: { error: body } });
  });

  it('falls back to the kind’s status when the IR status is not an error status', () => {
    expect(encodeOpenAiChatError({ kind: 'connection_error', status: 0, message: 'ECONNRESET' }).status).toBe(502);
    expect(encodeOpenAiChatError({ kind: 'rate_limit', status: 200, message: 'slow down' }).status).toBe(429);
  });
});

import { describe, expect, it } from 'vitest';
import { HealthService } from '../../src/resilience/health.service';
import { RoutingService } from '../../src/routing/routing.service';
import { ADMIN_KEY, CLIENT_KEY } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';
import { envelopeFor, envelopeProblem } from './support/error-envelopes';

/** What a fault inside Plexus looks like from inside: a path, a line, a stack. */
const INTERNAL_FAULT = 'cannot read "targets" of undefined at /work/main/src/routing/routing.service.ts:42:7';

/**
 * Errors say what went wrong and nothing about the inside: no stack trace, no file paths, no
 * framework banner (`x-powered-by`), on every kind of answer, including a real fault inside
 * Plexus, which answers 500 with only an error id the operator can find in the log.
 */
describe('answers carry no internals', () => {
  const env = useTestGateway();

  const chat = { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] }) };
  const cases: Array<[string, string, RequestInit]> = [
    ['a success', '/v1/chat/completions', chat],
    ['a stream', '/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'via-gemini', stream: true, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }) }],
    ['a wrong key', '/v1beta/models/via-chat:generateContent?key=nope', { method: 'POST', body: '{}' }],
    ['malformed JSON', '/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: '{"model":' }],
    ['an unknown route', '/v1/embeddings', { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: '{}' }],
    ['a bad percent-encoding', '/v1beta/models/%E0%A4%A:generateContent', { method: 'POST', body: '{}' }],
    ['an admin 401', '/v0/config', {}],
    ['an admin validation error', '/v0/usage?limit=-5', { headers: { authorization: `Bearer ${ADMIN_KEY}` } }],
    ['the public health', '/health', {}],
    ['the OpenAPI document', '/docs-json', {}],
  ];

  it.each(cases)('%s: no x-powered-by, no server banner, no stack or path in the body', async (_name, path, init) => {
    const response = await fetch(`${env.gateway.url}${path}`, init);
    const text = await response.text();
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();
    if (response.status >= 400) expect(envelopeProblem(envelopeFor(init.method ?? 'GET', path), response.status, text)).toBeUndefined();
  });

  it('answers a fault inside Plexus with 500, an error id and nothing else, on client and admin routes', async () => {
    const routing = env.gateway.app.get(RoutingService);
    const health = env.gateway.app.get(HealthService);
    const originalPlan = routing.plan.bind(routing);
    const originalDetail = health.detail.bind(health);
    routing.plan = () => {
      throw new TypeError(INTERNAL_FAULT);
    };
    health.detail = () => {
      throw new TypeError(INTERNAL_FAULT);
    };
    try {
      for (const [path, init] of [
        ['/v1/chat/completions', chat],
        ['/v1beta/models/via-chat:streamGenerateContent?alt=sse', { method: 'POST', headers: { 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) }],
        ['/v0/health', { headers: { authorization: `Bearer ${ADMIN_KEY}` } }],
      ] as Array<[string, RequestInit]>) {
        const response = await fetch(`${env.gateway.url}${path}`, init);
        const text = await response.text();
        expect(response.status, path).toBe(500);
        expect(text).not.toContain('routing.service');
        expect(text).not.toContain('TypeError');
        expect(envelopeProblem(envelopeFor(init.method ?? 'GET', path), 500, text)).toBeUndefined();
        // The error id is the request id, which is also in the log line.
        expect(text).toContain(response.headers.get('x-request-id')!);
      }
    } finally {
      routing.plan = originalPlan;
      health.detail = originalDetail;
    }
  });
});

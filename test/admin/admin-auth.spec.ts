import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { openAiClient } from '../support/sdk-clients';
import { ADMIN_KEY, startTestGateway, type TestGateway } from '../support/start-test-gateway';
import { adminFetch, adminJson } from './support/admin-api';
import { SseTestClient } from './support/sse-test-client';

interface Endpoint {
  method: string;
  path: string;
  body?: unknown;
  /** The status with the right key. */
  ok: number;
}

/** Every admin route, with a request that succeeds (or fails for its own reason) given the right key. */
function endpoints(currentConfig: unknown): Endpoint[] {
  return [
    { method: 'GET', path: '/v0/config', ok: 200 },
    { method: 'PUT', path: '/v0/config', body: currentConfig, ok: 200 },
    { method: 'POST', path: '/v0/config/validate', body: currentConfig, ok: 200 },
    { method: 'GET', path: '/v0/providers', ok: 200 },
    { method: 'GET', path: '/v0/models', ok: 200 },
    { method: 'GET', path: '/v0/cooldowns', ok: 200 },
    { method: 'DELETE', path: '/v0/cooldowns', ok: 200 },
    { method: 'DELETE', path: '/v0/cooldowns/openai-mock?model=gpt-4o', ok: 200 },
    { method: 'GET', path: '/v0/health', ok: 200 },
    { method: 'GET', path: '/v0/usage', ok: 200 },
    { method: 'GET', path: '/v0/usage/summary?groupBy=provider', ok: 200 },
    { method: 'GET', path: '/v0/errors', ok: 200 },
    { method: 'GET', path: '/v0/debug', ok: 200 },
    { method: 'PUT', path: '/v0/debug', body: { enabled: false }, ok: 200 },
    { method: 'GET', path: '/v0/debug/no-such-request', ok: 404 },
    { method: 'GET', path: '/v0/pricing', ok: 200 },
    // OpenRouter prices are off in the test config: refusing to refresh is this route's own answer.
    { method: 'POST', path: '/v0/pricing/refresh', ok: 409 },
  ];
}

describe('admin API access', () => {
  const upstream = new MockUpstream();

  beforeAll(() => upstream.start());
  afterAll(() => upstream.close());

  describe('the admin key', () => {
    let gateway: TestGateway;
    let routes: Endpoint[];

    beforeAll(async () => {
      gateway = await startTestGateway(upstream.url, (config) => {
        config.admin.rateLimit = { windowMs: 60_000, maxRequests: 10_000 };
      });
      routes = endpoints(await adminJson(gateway.url, '/v0/config'));
    });
    afterAll(() => gateway?.stop());

    it('every route refuses a request without the key (401 JSON, WWW-Authenticate)', async () => {
      for (const route of [...routes, { method: 'GET', path: '/v0/events', ok: 200 }]) {
        const response = await adminFetch(gateway.url, route.path, { method: route.method, body: route.body, key: null });
        expect(response.status, `${route.method} ${route.path}`).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/application\/json/);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        const body = await response.json();
        expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
        expect(body.message).toMatch(/Authorization: Bearer/);
      }
    });

    it('every route refuses a wrong key, a key prefix and another auth scheme', async () => {
      const fileBefore = readFileSync(gateway.configPath);
      for (const route of [...routes, { method: 'GET', path: '/v0/events', ok: 200 }]) {
        for (const headers of [{ authorization: 'Bearer not-the-admin-key' }, { authorization: `Bearer ${ADMIN_KEY.slice(0, -1)}` }, { authorization: `Basic ${ADMIN_KEY}` }]) {
          const response = await adminFetch(gateway.url, route.path, { method: route.method, body: route.body, key: null, headers });
          expect(response.status, `${route.method} ${route.path} with ${headers.authorization}`).toBe(401);
          expect((await response.json()).statusCode).toBe(401);
        }
      }
      // A refused PUT changed nothing.
      expect(readFileSync(gateway.configPath).equals(fileBefore)).toBe(true);
    });

    it('every route answers the right key', async () => {
      for (const route of routes) {
        const response = await adminFetch(gateway.url, route.path, { method: route.method, body: route.body });
        expect(response.status, `${route.method} ${route.path}: ${await response.clone().text()}`).toBe(route.ok);
        expect(response.headers.get('content-type')).toMatch(/application\/json/);
      }
      const events = await SseTestClient.open(gateway.url);
      expect(events.response.status).toBe(200);
      expect(events.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await events.close();
    });

    it('the proxy routes do not take the admin key, and the admin routes do not take a client key', async () => {
      const asClient = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(asClient.status).toBe(401);
      const asAdmin = await adminFetch(gateway.url, '/v0/health', { key: 'plexus-test-client-key-0123456789' });
      expect(asAdmin.status).toBe(401);
    });
  });

  describe('an admin key whose environment variable is unset', () => {
    let gateway: TestGateway;
    const variable = 'PLEXUS_ADMIN_TEST_KEY_THAT_IS_NOT_SET';

    beforeAll(async () => {
      delete process.env[variable];
      gateway = await startTestGateway(upstream.url, (config) => {
        config.admin.apiKey = `{env:${variable}}`;
      });
    });
    afterAll(() => gateway?.stop());

    it('turns the admin API off: 503 naming the variable on every route, whatever key is sent', async () => {
      for (const route of [...endpoints({}), { method: 'GET', path: '/v0/events', ok: 200 }]) {
        for (const key of [ADMIN_KEY, null]) {
          const response = await adminFetch(gateway.url, route.path, { method: route.method, body: route.body, key });
          expect(response.status, `${route.method} ${route.path}`).toBe(503);
          const body = await response.json();
          expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
          expect(body.message).toContain(variable);
        }
      }
    });

    it('keeps serving clients', async () => {
      const completion = await openAiClient(gateway.url).chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Oi!');
    });
  });

  describe('the rate limit', () => {
    it('limits each address across all admin routes, follows a config change at once, and never limits the proxy', async () => {
      const gateway = await startTestGateway(upstream.url, (config) => {
        config.admin.rateLimit = { windowMs: 60_000, maxRequests: 10 };
      });
      try {
        const paths = ['/v0/health', '/v0/providers', '/v0/debug'];
        for (const [index, path] of paths.entries()) {
          const response = await adminFetch(gateway.url, path);
          expect(response.status).toBe(200);
          expect(response.headers.get('x-ratelimit-limit')).toBe('10');
          expect(response.headers.get('x-ratelimit-remaining')).toBe(String(9 - index));
        }
        // Refused requests count too (key guessing is limited).
        expect((await adminFetch(gateway.url, '/v0/health', { key: 'guess' })).status).toBe(401);

        const config = await adminJson(gateway.url, '/v0/config');
        config.admin.rateLimit.maxRequests = 6;
        await adminJson(gateway.url, '/v0/config', { method: 'PUT', body: config });

        // 6 requests so far: under the old limit of 10 this one would pass.
        const limited = await adminFetch(gateway.url, '/v0/models');
        expect(limited.status).toBe(429);
        expect(limited.headers.get('content-type')).toMatch(/application\/json/);
        const retryAfter = Number(limited.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(limited.headers.get('x-ratelimit-limit')).toBe('6');
        expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
        const body = await limited.json();
        expect(body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
        expect(body.message).toMatch(/admin\.rateLimit/);

        const completion = await openAiClient(gateway.url).chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });
        expect(completion.choices[0].message.content).toBe('Oi!');
        expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
      } finally {
        await gateway.stop();
      }
    });

    it('lets a client in again once Retry-After has passed', async () => {
      const gateway = await startTestGateway(upstream.url, (config) => {
        config.admin.rateLimit = { windowMs: 1000, maxRequests: 2 };
      });
      try {
        expect((await adminFetch(gateway.url, '/v0/health')).status).toBe(200);
        expect((await adminFetch(gateway.url, '/v0/health')).status).toBe(200);
        const limited = await adminFetch(gateway.url, '/v0/health');
        expect(limited.status).toBe(429);
        const retryAfter = Number(limited.headers.get('retry-after'));
        expect(retryAfter).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 50));
        expect((await adminFetch(gateway.url, '/v0/health')).status).toBe(200);
      } finally {
        await gateway.stop();
      }
    });
  });
});

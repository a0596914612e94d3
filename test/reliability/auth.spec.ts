import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { ADMIN_KEY, CLIENT_KEY, type TestGateway } from '../support/start-test-gateway';
import { concreteUrl, listAppRoutes, type AppRoute } from './support/list-app-routes';
import { startGateway } from './support/start-gateway';

/** Bodies that would succeed with the right key, so only the key can stop them. */
function validBody(route: AppRoute): string | undefined {
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  if (route.path === '/v1/chat/completions') return JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });
  if (route.path === '/v1/messages') return JSON.stringify({ model: 'via-messages', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
  if (route.path.includes('/models/')) return JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
  if (route.path === '/v0/debug') return JSON.stringify({ enabled: false });
  return '{}';
}

type Credentials = { headers: Record<string, string>; query: string };

/** Every way to present a key that is not the right one for the route family. */
function wrongCredentials(route: AppRoute): Array<[string, Credentials]> {
  const otherRoleKey = route.path.startsWith('/v0') ? CLIENT_KEY : ADMIN_KEY;
  const rightKey = route.path.startsWith('/v0') ? ADMIN_KEY : CLIENT_KEY;
  const none: Credentials = { headers: {}, query: '' };
  const bearer = (key: string): Credentials => ({ headers: { authorization: `Bearer ${key}` }, query: '' });
  return [
    ['no key', none],
    ['empty bearer', { headers: { authorization: 'Bearer ' }, query: '' }],
    ['the other role\'s key', bearer(otherRoleKey)],
    ['all but the last character', bearer(rightKey.slice(0, -1))],
    ['one character more', bearer(`${rightKey}0`)],
    ['upper-cased', bearer(rightKey.toUpperCase())],
    ['another scheme', { headers: { authorization: `Basic ${Buffer.from(`user:${rightKey.slice(0, -1)}`).toString('base64')}` }, query: '' }],
    ['wrong x-api-key', { headers: { 'x-api-key': `${rightKey}x` }, query: '' }],
    ['wrong x-goog-api-key', { headers: { 'x-goog-api-key': 'AIzaSyWrong' }, query: '' }],
    ['wrong ?key=', { headers: {}, query: `key=${encodeURIComponent(rightKey.slice(1))}` }],
    ['two ?key= values', { headers: {}, query: `key=wrong&key=${encodeURIComponent(rightKey)}` }],
  ];
}

describe('authentication', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  let routes: AppRoute[];

  beforeAll(async () => {
    await upstream.start();
    gateway = await startGateway(upstream.url, {
      mutate(config) {
        // The timing and flood tests send thousands of admin requests from one address.
        config.admin.rateLimit = { windowMs: 60_000, maxRequests: 1_000_000 };
      },
    });
    routes = listAppRoutes(gateway.app).filter((route) => /^\/(v1|v1beta|v0)(\/|$)/.test(route.path));
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  async function send(route: AppRoute, credentials: Credentials): Promise<number> {
    const url = concreteUrl(route);
    const separator = url.includes('?') ? '&' : '?';
    const abort = new AbortController();
    const response = await fetch(`${gateway.url}${url}${credentials.query ? `${separator}${credentials.query}` : ''}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...credentials.headers },
      body: validBody(route),
      signal: abort.signal,
    });
    // The event stream never ends: the status is all that is needed.
    abort.abort();
    return response.status;
  }

  it('finds every API route in the router, client and admin', () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(expect.arrayContaining(['POST /v1/chat/completions', 'POST /v1/messages', 'POST /v1beta/models/*', 'POST /v1/models/*', 'GET /v1/models', 'GET /v1beta/models']));
    expect(names.filter((name) => name.includes(' /v0/')).length).toBeGreaterThanOrEqual(10);
  });

  it('lets the right key through on every route (so the refusals below mean something)', async () => {
    for (const route of routes) {
      const status = await send(route, { headers: { authorization: `Bearer ${route.path.startsWith('/v0') ? ADMIN_KEY : CLIENT_KEY}` }, query: '' });
      expect([401, 403], `${route.method} ${route.path} → ${status}`).not.toContain(status);
      expect(status, `${route.method} ${route.path}`).toBeLessThan(500);
    }
  });

  it('answers no route under /v1, /v1beta or /v0 with a 2xx without the right key', async () => {
    for (const route of routes) {
      for (const [how, credentials] of wrongCredentials(route)) {
        const status = await send(route, credentials);
        expect(status, `${route.method} ${route.path} with ${how}`).toBeGreaterThanOrEqual(400);
        expect(status, `${route.method} ${route.path} with ${how}`).toBeLessThan(500);
      }
    }
  });

  it.each([
    ['admin key', '/v0/health', 'GET', ADMIN_KEY],
    ['client key', '/v1/models', 'GET', CLIENT_KEY],
  ])('takes as long to refuse a wrong %s that shares no leading characters as one that shares all but the last', async (_name, path, method, key) => {
    const far = key.replace(/./g, (character) => (character === 'z' ? 'y' : 'z'));
    const near = `${key.slice(0, -1)}${key.endsWith('z') ? 'y' : 'z'}`;
    const pool = new Pool(gateway.url, { connections: 1 });
    const timings: Record<'far' | 'near', number[]> = { far: [], near: [] };
    try {
      const once = async (presented: string): Promise<number> => {
        const started = performance.now();
        const response = await pool.request({ method: method as 'GET', path, headers: { authorization: `Bearer ${presented}` } });
        await response.body.text();
        expect(response.statusCode).toBe(401);
        return performance.now() - started;
      };
      for (let index = 0; index < 50; index++) await once(index % 2 ? far : near);
      // Interleaved, so drift in machine load falls on both sides alike.
      for (let index = 0; index < 300; index++) {
        timings.far.push(await once(far));
        timings.near.push(await once(near));
      }
    } finally {
      await pool.close();
    }
    const farMedian = median(timings.far);
    const nearMedian = median(timings.near);
    // A comparison that stops at the first wrong character differs by nanoseconds per character;
    // anything slower (a per-character sleep, a lookup by prefix) shows up far above this bound.
    expect(Math.abs(nearMedian - farMedian)).toBeLessThan(0.25 * Math.max(farMedian, nearMedian) + 0.3);
  }, 60_000);

  it('keeps serving the right key at its usual speed under a flood of 10,000 wrong-key requests', async () => {
    const right = new Pool(gateway.url, { connections: 1 });
    const flood = new Pool(gateway.url, { connections: 8 });
    const rightRequest = async (): Promise<number> => {
      const started = performance.now();
      const response = await right.request({ method: 'GET', path: '/v1/models', headers: { authorization: `Bearer ${CLIENT_KEY}` } });
      await response.body.text();
      expect(response.statusCode).toBe(200);
      return performance.now() - started;
    };
    const wrong = [
      { method: 'POST', path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-guess', 'content-type': 'application/json' }, body: '{"model":"via-chat","messages":[{"role":"user","content":"hi"}]}' },
      { method: 'POST', path: '/v1/messages', headers: { 'x-api-key': 'sk-ant-guess', 'content-type': 'application/json' }, body: '{"model":"via-messages","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}' },
      { method: 'GET', path: '/v1beta/models?key=guess', headers: {}, body: undefined },
      { method: 'GET', path: '/v0/config', headers: { authorization: 'Bearer admin-guess' }, body: undefined },
    ] as const;
    try {
      for (let index = 0; index < 30; index++) await rightRequest();
      const before: number[] = [];
      for (let index = 0; index < 200; index++) before.push(await rightRequest());

      let sent = 0;
      const refused = new Map<number, number>();
      const flooding = Promise.all(
        Array.from({ length: 32 }, async () => {
          while (sent < 10_000) {
            const request = wrong[sent++ % wrong.length];
            const response = await flood.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
            await response.body.text();
            refused.set(response.statusCode, (refused.get(response.statusCode) ?? 0) + 1);
          }
        }),
      );
      const during: number[] = [];
      while (sent < 9_000 && during.length < 1_000) during.push(await rightRequest());
      await flooding;

      expect([...refused.entries()]).toEqual([[401, 10_000]]);
      expect(during.length).toBeGreaterThanOrEqual(20);
      expect(median(during)).toBeLessThan(median(before) * 10 + 20);
    } finally {
      await Promise.all([right.close(), flood.close()]);
    }
  }, 120_000);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

import fc from 'fast-check';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { ADMIN_KEY, type TestGateway } from '../support/start-test-gateway';
import { envelopeProblem } from './support/error-envelopes';
import { hostileAdminRequest, type AdminFuzzTarget } from './support/hostile-admin-requests';
import type { HostileRequest } from './support/hostile-requests';
import { listAppRoutes } from './support/list-app-routes';
import { startGateway } from './support/start-gateway';

/**
 * The admin API under the same property as the client endpoints: every route the app serves
 * under /v0 (read from Fastify's router, with query names from /docs-json), damaged inputs,
 * never a 5xx, errors as `{statusCode, message}`, nothing hangs. A config that happens to be
 * valid and applied is put back before the next case. ADMIN_FUZZ_RUNS widens a run.
 */
const INJECT_RUNS = Number(process.env.ADMIN_FUZZ_RUNS ?? 3_000);
const HTTP_RUNS = Math.max(100, Math.round(INJECT_RUNS / 15));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const HANG_MS = 15_000;

describe('hostile and broken clients: admin endpoints', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  let targets: AdminFuzzTarget[];
  let originalConfig: string;
  let arbitrary: fc.Arbitrary<HostileRequest>;

  beforeAll(async () => {
    await upstream.start();
    // OpenRouter prices come from the mock: a refresh must not leave 127.0.0.1.
    upstream.override((request, response) => {
      if (!request.url.startsWith('/openrouter/')) return false;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [] }));
      return true;
    });
    gateway = await startGateway(upstream.url, {
      mutate(config) {
        // The fuzzer must reach validation, not the per-address limit.
        config.admin.rateLimit = { windowMs: 60_000, maxRequests: 1_000_000 };
        config.pricing.openrouter = { enabled: false, url: `${upstream.url}/openrouter/models`, cachePath: `${config.logging.usage.storagePath}/../openrouter.json` };
      },
    });
    const document = await (await fetch(`${gateway.url}/docs-json`)).json();
    targets = listAppRoutes(gateway.app)
      .filter((route) => route.path.startsWith('/v0'))
      // The live event stream never ends by design; its auth is covered in auth.spec.ts.
      .filter((route) => route.path !== '/v0/events')
      .map((route) => {
        const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const queryNames = (operation?.parameters ?? []).filter((parameter: any) => parameter.in === 'query').map((parameter: any) => parameter.name);
        return { route, queryNames };
      });
    originalConfig = gateway.configService.snapshot.sourceText!;
    const headers = { authorization: `Bearer ${ADMIN_KEY}` };
    const configJson = await (await fetch(`${gateway.url}/v0/config`, { headers })).json();
    const configYaml = await (await fetch(`${gateway.url}/v0/config`, { headers: { ...headers, accept: 'application/yaml' } })).text();
    arbitrary = hostileAdminRequest(targets, configJson, configYaml);
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  it('finds the admin routes to fuzz', () => {
    const paths = targets.map((target) => `${target.route.method} ${target.route.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /v0/config', 'PUT /v0/config', 'GET /v0/usage', 'GET /v0/health']));
  });

  const check = async (request: HostileRequest, answer: { status: number; text: string }) => {
    const where = `${request.method} ${request.url.slice(0, 150)} [${request.label}]`;
    if (answer.status >= 500) throw new Error(`${where} → ${answer.status}: ${answer.text.slice(0, 300)}`);
    if (answer.status >= 400 && request.method !== 'HEAD') {
      const problem = envelopeProblem('admin', answer.status, answer.text);
      if (problem) throw new Error(`${where} → ${answer.status}: ${problem}`);
    }
    if (answer.status < 300 && request.method === 'PUT' && request.url.startsWith('/v0/config')) {
      const restored = await gateway.configService.applyText(originalConfig);
      if (!restored.ok) throw new Error(`could not restore the config: ${restored.problems.join('; ')}`);
    }
  };

  it(`answers ${INJECT_RUNS} damaged admin requests (inject) with a 4xx in {statusCode, message} or a success`, async () => {
    const fastify = gateway.app.getHttpAdapter().getInstance();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        const response = await withDeadline(fastify.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload }), request);
        statuses.add(response.statusCode);
        await check(request, { status: response.statusCode, text: response.body });
      }),
      { numRuns: INJECT_RUNS, seed: SEED, endOnFailure: true },
    );
    expect([...statuses].some((status) => status >= 400)).toBe(true);
    expect([...statuses].some((status) => status < 300)).toBe(true);
    const health = await fetch(`${gateway.url}/v0/health`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(health.status).toBe(200);
  }, 240_000);

  it(`answers ${HTTP_RUNS} damaged admin requests over real keep-alive HTTP the same way`, async () => {
    const pool = new Pool(gateway.url, { connections: 4 });
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (request) => {
          const response = await withDeadline(pool.request({ method: request.method as 'GET', path: request.url, headers: request.headers, body: request.payload }), request);
          await check(request, { status: response.statusCode, text: await response.body.text() });
        }),
        { numRuns: HTTP_RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      await pool.close();
    }
  }, 120_000);
});

function withDeadline<T>(promise: Promise<T>, request: HostileRequest): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${request.method} ${request.url.slice(0, 150)} [${request.label}]`)), HANG_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

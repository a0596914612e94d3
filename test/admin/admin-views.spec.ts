import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { anthropicClient, openAiClient } from '../support/sdk-clients';
import { CLIENT_KEY, PROVIDER_KEYS, startTestGateway, type TestGateway } from '../support/start-test-gateway';
import { adminFetch, adminJson, eventually } from './support/admin-api';
import { serveOpenRouterModels } from './support/openrouter-models';

const SPARE_VARIABLE = 'PLEXUS_ADMIN_TEST_VIEWS_SPARE_KEY_NOT_SET';

describe('admin API: providers, models, cooldowns, health, logs, debug and pricing', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  let cooldownPath: string;

  beforeAll(async () => {
    delete process.env[SPARE_VARIABLE];
    await upstream.start();
    const openRouterUrl = serveOpenRouterModels(upstream);
    upstream.override((request, response) => {
      if (request.body?.model !== 'gpt-4o-broken') return false;
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"The server had an error","type":"server_error"}}');
      return true;
    });
    gateway = await startTestGateway(upstream.url, (config) => {
      config.admin.rateLimit = { windowMs: 60_000, maxRequests: 100_000 };
      config.providers[0].models.push('gpt-4o-broken', 'gpt-4o-mini');
      config.providers.push(
        { name: 'disabled-mock', enabled: false, apiTypes: ['chat'], baseUrls: { chat: `${upstream.url}/v1` }, auth: { type: 'bearer', apiKey: 'sk-disabled-secret' }, models: ['gpt-4o'] },
        { name: 'spare', apiTypes: ['chat'], baseUrls: { chat: `${upstream.url}/v1` }, auth: { type: 'bearer', apiKey: `{env:${SPARE_VARIABLE}}` }, models: ['gpt-4o'] },
      );
      config.models.push(
        { alias: 'failover', selector: 'in_order', targets: [{ provider: 'openai-mock', model: 'gpt-4o-broken' }, { provider: 'openai-mock', model: 'gpt-4o' }] },
        { alias: 'unusable', selector: 'in_order', targets: [{ provider: 'disabled-mock', model: 'gpt-4o' }, { provider: 'spare', model: 'gpt-4o' }] },
      );
      config.pricing.openrouter = { enabled: true, url: openRouterUrl, cachePath: join(config.resilience.cooldown.storagePath, '..', 'openrouter.json') };
      cooldownPath = config.resilience.cooldown.storagePath;
    });

    // Traffic for the views below: two aliases, one failover (which leaves a cooldown and an attempt error).
    const openai = openAiClient(gateway.url);
    await openai.chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });
    await openai.chat.completions.create({ model: 'failover', messages: [{ role: 'user', content: 'hi' }] });
    await anthropicClient(gateway.url).messages.create({ model: 'via-messages', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  it('GET /v0/providers: each provider with its state, key set or not (never the key), cooldowns and statistics', async () => {
    const response = await adminFetch(gateway.url, '/v0/providers');
    const text = await response.text();
    for (const secret of [...Object.values(PROVIDER_KEYS), 'sk-disabled-secret']) expect(text).not.toContain(secret);
    const providers = JSON.parse(text) as any[];
    expect(providers.map((provider) => provider.name)).toEqual(['openai-mock', 'anthropic-mock', 'gemini-mock', 'disabled-mock', 'spare']);

    const openai = providers[0];
    expect(openai).toMatchObject({ enabled: true, apiTypes: ['chat'], models: ['gpt-4o', 'gpt-4o-broken', 'gpt-4o-mini'], auth: { type: 'bearer', keySet: true }, state: 'healthy' });
    expect(openai.baseUrls.chat).toBe(`${upstream.url}/v1`);
    expect(openai.cooldowns).toEqual([expect.objectContaining({ model: 'gpt-4o-broken', type: 'server_error' })]);
    const served = openai.stats.find((entry: any) => entry.model === 'gpt-4o');
    expect(served.samples).toBeGreaterThanOrEqual(2);
    expect(served.ttftMs).toBeGreaterThan(0);

    expect(providers[3]).toMatchObject({ enabled: false, state: 'disabled' });
    expect(providers[4].auth).toEqual({ type: 'bearer', keySet: false, keyEnv: SPARE_VARIABLE });
  });

  it('GET /v0/models: each alias and whether each target is available now, and why not', async () => {
    const models = await adminJson<any[]>(gateway.url, '/v0/models');
    const byAlias = new Map(models.map((alias) => [alias.alias, alias]));

    expect(byAlias.get('via-chat')).toMatchObject({ selector: 'in_order', available: true, targets: [{ provider: 'openai-mock', model: 'gpt-4o', available: true }] });
    const failover = byAlias.get('failover');
    expect(failover.available).toBe(true);
    expect(failover.targets[0]).toMatchObject({ model: 'gpt-4o-broken', available: false, cooldown: { type: 'server_error' } });
    expect(failover.targets[0].reason).toMatch(/^cooling down until .* s left\): the provider answered with a server error/);
    expect(failover.targets[1]).toMatchObject({ model: 'gpt-4o', available: true });
    expect(failover.targets[1].reason).toBeUndefined();

    const unusable = byAlias.get('unusable');
    expect(unusable.available).toBe(false);
    expect(unusable.targets.map((target: any) => target.reason)).toEqual(['provider "disabled-mock" is disabled', `provider "spare": ${SPARE_VARIABLE} is not set`]);
  });

  describe('cooldowns', () => {
    it('lists them, clears one provider+model (saved to the cooldown file), and says when a provider does not exist', async () => {
      const listed = await adminJson(gateway.url, '/v0/cooldowns');
      expect(listed.cooldowns).toEqual([expect.objectContaining({ provider: 'openai-mock', model: 'gpt-4o-broken', type: 'server_error', consecutiveFailures: 1 })]);
      expect(listed.cooldowns[0].seconds).toBeGreaterThan(0);
      await eventually(() => (existsSync(cooldownPath) && readFileSync(cooldownPath, 'utf8').includes('gpt-4o-broken') ? true : undefined), 3000, 'the cooldown saved');

      const unknown = await adminFetch(gateway.url, '/v0/cooldowns/no-such-provider', { method: 'DELETE' });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).message).toContain('no-such-provider');
      const otherModel = await adminJson(gateway.url, '/v0/cooldowns/openai-mock?model=gpt-4o', { method: 'DELETE' });
      expect(otherModel.cleared).toEqual([]);

      const cleared = await adminJson(gateway.url, '/v0/cooldowns/openai-mock?model=gpt-4o-broken', { method: 'DELETE' });
      expect(cleared.cleared).toEqual([expect.objectContaining({ provider: 'openai-mock', model: 'gpt-4o-broken' })]);
      expect((await adminJson(gateway.url, '/v0/cooldowns')).cooldowns).toEqual([]);
      await eventually(() => (readFileSync(cooldownPath, 'utf8').includes('gpt-4o-broken') ? undefined : true), 3000, 'the cleared cooldown saved');
      const models = await adminJson<any[]>(gateway.url, '/v0/models');
      expect(models.find((alias) => alias.alias === 'failover').targets[0].available).toBe(true);
    });

    it('DELETE /v0/cooldowns clears every one', async () => {
      await openAiClient(gateway.url).chat.completions.create({ model: 'failover', messages: [{ role: 'user', content: 'hi' }] });
      expect((await adminJson(gateway.url, '/v0/cooldowns')).cooldowns).toHaveLength(1);
      const cleared = await adminJson(gateway.url, '/v0/cooldowns', { method: 'DELETE' });
      expect(cleared.cleared).toHaveLength(1);
      expect((await adminJson(gateway.url, '/v0/cooldowns')).cooldowns).toEqual([]);
    });
  });

  it('GET /v0/health: status, thresholds, each provider, and the log writer', async () => {
    const health = await adminJson(gateway.url, '/v0/health');
    expect(health.status).toBe('healthy');
    expect(health.thresholds).toEqual({ degradedThreshold: 0.5, unhealthyThreshold: 0.9 });
    expect(health.counts).toEqual({ total: 4, healthy: 4, unhealthy: 0 });
    expect(health.providers.map((provider: any) => [provider.name, provider.state, provider.hasKey])).toEqual([
      ['openai-mock', 'healthy', true],
      ['anthropic-mock', 'healthy', true],
      ['gemini-mock', 'healthy', true],
      ['disabled-mock', 'disabled', true],
      ['spare', 'healthy', false],
    ]);
    expect(health.logWriter).toMatchObject({ ok: true, dropped: 0 });
    expect(typeof health.logWriter.queued).toBe('number');
  });

  describe('usage and errors', () => {
    // The log writer flushes every second; wait for the traffic made in beforeAll.
    const allUsage = () =>
      eventually(async () => {
        const page = await adminJson(gateway.url, '/v0/usage');
        return page.records.length >= 3 ? page.records : undefined;
      }, 5000, 'usage records on disk');

    it('GET /v0/usage: records newest first, filtered and paged by cursor', async () => {
      const records = await allUsage();
      // Requests here run one after another, so newest first is latest arrival first.
      const arrivals = records.map((record: any) => record.timestamp);
      expect(arrivals).toEqual([...arrivals].sort().reverse());
      expect(records.at(-1).requestedModel).toBe('via-chat');
      expect(JSON.stringify(records)).not.toContain(CLIENT_KEY);

      const anthropic = await adminJson(gateway.url, '/v0/usage?provider=anthropic-mock');
      expect(anthropic.records.map((record: any) => record.provider)).toEqual(['anthropic-mock']);
      expect((await adminJson(gateway.url, '/v0/usage?alias=failover&status=success')).records).toHaveLength(records.filter((record: any) => record.alias === 'failover').length);
      expect((await adminJson(gateway.url, `/v0/usage?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).records).toEqual([]);

      const first = await adminJson(gateway.url, '/v0/usage?limit=1');
      expect(first.records).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await adminJson(gateway.url, `/v0/usage?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
      expect(second.records).toHaveLength(1);
      expect(second.records[0].requestId).toBe(records[1].requestId);
    });

    it('refuses bad filters with one message per bad field', async () => {
      const response = await adminFetch(gateway.url, '/v0/usage?limit=5000&status=maybe&from=yesterday&provder=openai');
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      const messages = body.message as string[];
      expect(messages).toEqual(
        expect.arrayContaining([
          'property provder should not exist',
          'limit must not be greater than 1000',
          expect.stringMatching(/^status must be one of the following values/),
          expect.stringMatching(/^from must be a valid ISO 8601 date string/),
        ]),
      );
      expect((await adminFetch(gateway.url, '/v0/usage?cursor=not-a-cursor')).status).toBe(400);
    });

    it('GET /v0/usage/summary: totals, and per group with groupBy', async () => {
      const records = await allUsage();
      const expected = { requests: records.length, inputTokens: 0, outputTokens: 0, cost: 0 };
      for (const record of records) {
        expected.inputTokens += record.usage.inputTokens;
        expected.outputTokens += record.usage.outputTokens;
        expected.cost += record.cost.total;
      }

      const totalsOnly = await adminJson(gateway.url, '/v0/usage/summary');
      expect(totalsOnly.groups).toBeUndefined();
      expect(totalsOnly.totals).toMatchObject({ requests: expected.requests, inputTokens: expected.inputTokens, outputTokens: expected.outputTokens });
      expect(totalsOnly.totals.cost).toBeCloseTo(expected.cost, 10);
      expect(expected.cost).toBeGreaterThan(0);

      const byProvider = await adminJson(gateway.url, '/v0/usage/summary?groupBy=provider');
      expect(byProvider.groupBy).toBe('provider');
      expect(byProvider.totals).toEqual(totalsOnly.totals);
      const groups = Object.fromEntries(byProvider.groups.map((group: any) => [group.key, group.requests]));
      expect(groups).toEqual({ 'openai-mock': records.filter((record: any) => record.provider === 'openai-mock').length, 'anthropic-mock': 1 });

      const byKey = await adminJson(gateway.url, '/v0/usage/summary?groupBy=apiKey&provider=anthropic-mock');
      expect(byKey.groups).toEqual([expect.objectContaining({ key: 'test-client', requests: 1 })]);

      const bad = await adminFetch(gateway.url, '/v0/usage/summary?groupBy=colour');
      expect(bad.status).toBe(400);
      expect((await bad.json()).message[0]).toMatch(/^groupBy must be one of the following values: apiKey, alias, provider, model, day/);
    });

    it('GET /v0/errors: the failed-over attempt, filterable', async () => {
      const page = await eventually(async () => {
        const result = await adminJson(gateway.url, '/v0/errors?kind=attempt');
        return result.records.length > 0 ? result : undefined;
      }, 5000, 'error records on disk');
      expect(page.records[0]).toMatchObject({ kind: 'attempt', provider: 'openai-mock', model: 'gpt-4o-broken', errorType: 'server_error', status: 500, keyName: 'test-client' });
      expect((await adminJson(gateway.url, '/v0/errors?errorType=rate_limit')).records).toEqual([]);
      expect((await adminFetch(gateway.url, '/v0/errors?kind=bogus')).status).toBe(400);
    });
  });

  describe('debug capture', () => {
    it('is switched at runtime, and a captured trace is served with its secrets masked', async () => {
      expect(await adminJson(gateway.url, '/v0/debug')).toMatchObject({ enabled: false });
      expect(await adminJson(gateway.url, '/v0/debug', { method: 'PUT', body: { enabled: true } })).toMatchObject({ enabled: true });
      expect((await adminJson(gateway.url, '/v0/debug')).enabled).toBe(true);

      const requestId = `admin-debug-${Date.now()}`;
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}`, 'x-request-id': requestId },
        body: JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'trace me' }] }),
      });
      expect(response.status).toBe(200);
      const trace = await eventually(async () => {
        const result = await adminFetch(gateway.url, `/v0/debug/${requestId}`);
        return result.status === 200 ? result.json() : undefined;
      }, 3000, 'the debug trace');
      expect(trace.requestId).toBe(requestId);
      expect(trace.upstreamRequests[0].body.messages[0].content).toBe('trace me');
      const text = JSON.stringify(trace);
      expect(text).not.toContain(PROVIDER_KEYS.chat);
      expect(text).not.toContain(CLIENT_KEY);

      expect(await adminJson(gateway.url, '/v0/debug', { method: 'PUT', body: { enabled: false } })).toMatchObject({ enabled: false });
    });

    it('validates the switch and the request id, and answers 404 for an unknown trace', async () => {
      const notBoolean = await adminFetch(gateway.url, '/v0/debug', { method: 'PUT', body: { enabled: 'yes', verbose: true } });
      expect(notBoolean.status).toBe(400);
      expect((await notBoolean.json()).message).toEqual(expect.arrayContaining(['property verbose should not exist', 'enabled must be a boolean value']));
      expect((await adminFetch(gateway.url, '/v0/debug', { method: 'PUT', body: {} })).status).toBe(400);
      expect((await adminJson(gateway.url, '/v0/debug')).enabled).toBe(false);

      const unknown = await adminFetch(gateway.url, '/v0/debug/never-seen-request');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).message).toContain('never-seen-request');
      const traversal = await adminFetch(gateway.url, `/v0/debug/${encodeURIComponent('../../cooldowns')}`);
      expect(traversal.status).toBe(400);
    });
  });

  describe('pricing', () => {
    it('GET /v0/pricing: each routable model with its price and source, and the OpenRouter cache age', async () => {
      const pricing = await adminJson(gateway.url, '/v0/pricing');
      const price = (provider: string, model: string) => pricing.prices.find((entry: any) => entry.provider === provider && entry.model === model);
      expect(price('openai-mock', 'gpt-4o')).toMatchObject({ source: 'models', inputPer1M: 2.5, outputPer1M: 10, cachedPer1M: 1.25, discount: 1 });
      expect(price('openai-mock', 'gpt-4o-mini')).toMatchObject({ source: 'openrouter', inputPer1M: 0.15, outputPer1M: 0.6 });
      expect(price('openai-mock', 'gpt-4o-broken')).toMatchObject({ source: 'none', inputPer1M: 0, outputPer1M: 0 });
      expect(pricing.openRouter).toMatchObject({ enabled: true, origin: 'network', modelCount: 2 });
      expect(pricing.openRouter.ageSeconds).toBeGreaterThanOrEqual(0);
    });

    it('POST /v0/pricing/refresh fetches now; a failed refresh is a 502 and keeps the known prices', async () => {
      const before = await adminJson(gateway.url, '/v0/pricing');
      const fetchesBefore = upstream.received.filter((request) => request.url === '/api/v1/models').length;
      const refreshed = await adminJson(gateway.url, '/v0/pricing/refresh', { method: 'POST' });
      expect(upstream.received.filter((request) => request.url === '/api/v1/models')).toHaveLength(fetchesBefore + 1);
      expect(Date.parse(refreshed.openRouter.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(before.openRouter.fetchedAt));

      upstream.override((request, response) => {
        if (request.url !== '/api/v1/models') return false;
        response.writeHead(503).end();
        return true;
      });
      const failed = await adminFetch(gateway.url, '/v0/pricing/refresh', { method: 'POST' });
      expect(failed.status).toBe(502);
      expect((await failed.json()).message).toMatch(/HTTP 503.*keeping 2 known prices/);
      const after = await adminJson(gateway.url, '/v0/pricing');
      expect(after.prices).toEqual(refreshed.prices);
      expect(after.openRouter.lastError).toContain('HTTP 503');
    });
  });
});

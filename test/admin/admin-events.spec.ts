import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventBusService } from '../../src/events/event-bus.service';
import { MockUpstream } from '../support/mock-upstream';
import { anthropicClient, openAiClient } from '../support/sdk-clients';
import { ADMIN_KEY, CLIENT_KEY, PROVIDER_KEYS, startTestGateway, type TestGateway } from '../support/start-test-gateway';
import { adminFetch, adminJson, eventually } from './support/admin-api';
import { serveOpenRouterModels } from './support/openrouter-models';
import { SseTestClient } from './support/sse-test-client';

const HEARTBEAT_MS = 200;
const MAX_CLIENTS = 3;
const LOAD_MARKER = 'synthetic-load';
const SECRETS = [ADMIN_KEY, CLIENT_KEY, ...Object.values(PROVIDER_KEYS)];

describe('admin API: live events (GET /v0/events)', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  const clients: SseTestClient[] = [];

  beforeAll(async () => {
    await upstream.start();
    const openRouterUrl = serveOpenRouterModels(upstream);
    gateway = await startTestGateway(upstream.url, (config) => {
      config.admin.rateLimit = { windowMs: 60_000, maxRequests: 100_000 };
      config.events = { heartbeatIntervalMs: HEARTBEAT_MS, maxClients: MAX_CLIENTS };
      config.providers[0].models.push('gpt-4o-broken');
      config.models.push({ alias: 'failover', selector: 'in_order', targets: [{ provider: 'openai-mock', model: 'gpt-4o-broken' }, { provider: 'openai-mock', model: 'gpt-4o' }] });
      // One provider down of three is enough to call the gateway degraded, so health.changed can be seen.
      config.resilience.health = { degradedThreshold: 0.3, unhealthyThreshold: 0.9 };
      config.pricing.openrouter = { enabled: true, url: openRouterUrl, cachePath: join(config.resilience.cooldown.storagePath, '..', 'openrouter.json') };
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.reset();
    serveOpenRouterModels(upstream);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await adminJson(gateway.url, '/v0/cooldowns', { method: 'DELETE' });
  });

  const openClient = async (): Promise<SseTestClient> => {
    const client = await SseTestClient.open(gateway.url);
    clients.push(client);
    expect(client.response.status).toBe(200);
    return client;
  };
  const chat = (model: string) => openAiClient(gateway.url).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  it('streams request.completed with the usage of a request made through an SDK, as numbered SSE frames', async () => {
    const events = await openClient();
    const completion = await chat('via-chat');
    const event = await events.waitFor('request.completed', (record) => record.requestedModel === 'via-chat');

    expect(event.type).toBe('request.completed');
    expect(event.data).toMatchObject({
      status: 'success',
      alias: 'via-chat',
      provider: 'openai-mock',
      targetModel: 'gpt-4o',
      usage: { inputTokens: completion.usage!.prompt_tokens, outputTokens: completion.usage!.completion_tokens },
      cost: { currency: 'USD', source: 'models' },
    });
    expect(event.data.cost.total).toBeGreaterThan(0);
    const frame = events.frames.find((candidate) => candidate.event === 'request.completed')!;
    expect(Number(frame.id)).toBe(event.id);

    await chat('via-chat');
    await eventually(() => (events.events('request.completed').length === 2 ? true : undefined));
    const ids = events.frames.filter((candidate) => candidate.id !== undefined).map((candidate) => Number(candidate.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('streams cooldown.started when a target fails over, and cooldown.ended when an admin clears it', async () => {
    upstream.override((request, response) => {
      if (request.body?.model !== 'gpt-4o-broken') return false;
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"The server had an error","type":"server_error"}}');
      return true;
    });
    const events = await openClient();
    const completion = await chat('failover');
    expect(completion.choices[0].message.content).toBe('Oi!');

    const started = await events.waitFor('cooldown.started');
    expect(started.data).toMatchObject({ provider: 'openai-mock', model: 'gpt-4o-broken', type: 'server_error' });
    expect(Date.parse(started.data.until)).toBeGreaterThan(Date.now());
    const completed = await events.waitFor('request.completed', (record) => record.requestedModel === 'failover');
    expect(completed.data.targetModel).toBe('gpt-4o');
    expect(completed.data.attempts.map((attempt: any) => [attempt.model, attempt.errorType])).toContainEqual(['gpt-4o-broken', 'server_error']);
    expect(started.id).toBeLessThan(completed.id);

    await adminJson(gateway.url, '/v0/cooldowns/openai-mock?model=gpt-4o-broken', { method: 'DELETE' });
    const ended = await events.waitFor('cooldown.ended');
    expect(ended.data).toMatchObject({ provider: 'openai-mock', model: 'gpt-4o-broken', cause: 'cleared' });
  });

  it('streams config.reloaded (path and time, never the config) and pricing.refreshed', async () => {
    const events = await openClient();
    const config = await adminJson(gateway.url, '/v0/config');
    const applied = await adminJson(gateway.url, '/v0/config', { method: 'PUT', body: config });
    const reloaded = await events.waitFor('config.reloaded');
    expect(reloaded.data).toEqual({ path: gateway.configPath, loadedAt: applied.loadedAt });

    await adminJson(gateway.url, '/v0/pricing/refresh', { method: 'POST' });
    const refreshed = await events.waitFor('pricing.refreshed');
    expect(refreshed.data).toMatchObject({ source: 'openrouter', modelCount: 2 });
  });

  it('sends a heartbeat comment every events.heartbeatIntervalMs', async () => {
    const events = await openClient();
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 5 + HEARTBEAT_MS / 2));
    const beats = events.frames.filter((frame) => frame.comments.includes('heartbeat')).map((frame) => frame.receivedAt);
    // Timers run late on a busy machine, never early: the bounds allow for that, not for another interval.
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.length).toBeLessThanOrEqual(6);
    const gaps = beats.slice(1).map((at, index) => at - beats[index]);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(HEARTBEAT_MS / 2);
      expect(gap).toBeLessThan(HEARTBEAT_MS * 3);
    }
  });

  it('refuses the client over events.maxClients at once with 429 JSON, and frees a place as soon as a client leaves', async () => {
    const open = [];
    for (let index = 0; index < MAX_CLIENTS; index++) open.push(await openClient());
    const startedAt = performance.now();
    const refused = await adminFetch(gateway.url, '/v0/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/application\/json/);
    const body = await refused.json();
    expect(body.message).toContain('events.maxClients');
    expect(performance.now() - startedAt).toBeLessThan(1000);

    await open[0].close();
    const leftAt = performance.now();
    const replacement = await eventually(async () => {
      const candidate = await SseTestClient.open(gateway.url);
      if (candidate.response.status === 200) return candidate;
      await candidate.close();
      return undefined;
    }, 1000, 'a free place');
    clients.push(replacement);
    expect(performance.now() - leftAt).toBeLessThan(500);
  });

  it('a client that stops reading holds back neither other clients nor requests, costs bounded memory, and is told what it missed', async () => {
    const stalled = await openStalledClient(gateway.url);
    const live = await openClient();
    await eventually(() => (live.frames.length > 0 ? true : undefined));

    // Real requests keep succeeding, and the live client sees each one.
    const requests = Array.from({ length: 50 }, () => chat('via-chat'));
    for (const completion of await Promise.all(requests)) expect(completion.choices[0].message.content).toBe('Oi!');
    await eventually(() => (live.count('request.completed') === 50 ? true : undefined), 3000, '50 request.completed events');

    // Request events are about 1 KB; filling the kernel's socket buffers (megabytes on loopback)
    // with them alone would take thousands of requests, so the bus is also fed large events, in
    // batches the live client reads as they come.
    const bus = gateway.app.get(EventBusService);
    const published = 3000;
    const padding = 'x'.repeat(8 * 1024);
    for (let sequence = 0; sequence < published; ) {
      for (const end = sequence + 50; sequence < end; sequence++) bus.publish('pricing.refreshed', { source: LOAD_MARKER, sequence, padding });
      await eventually(() => (live.count('pricing.refreshed', LOAD_MARKER) === sequence ? true : undefined), 2000, `event ${sequence} on the live client`);
    }
    expect(live.count('dropped')).toBe(0);

    const startedAt = performance.now();
    expect((await chat('via-chat')).choices[0].message.content).toBe('Oi!');
    expect(performance.now() - startedAt).toBeLessThan(2000);
    await eventually(() => (live.count('request.completed') === 51 ? true : undefined), 1000, 'the next event on the live client');

    // The stalled client reads again: it gets what fit in its buffers, is told how many it
    // missed, and everything adds up (nothing lost silently).
    const text = await stalled.readUntil('event: request.completed\n', 20_000);
    const received = text.split(`"source":"${LOAD_MARKER}"`).length - 1;
    const missed = [...text.matchAll(/event: dropped\ndata: (\{[^\n]*\})/g)].reduce((total, match) => total + JSON.parse(match[1]).missed, 0);
    expect(missed).toBeGreaterThan(0);
    expect(received).toBeLessThan(published);
    expect(received + missed).toBe(published);
    stalled.destroy();
  });

  it('never lets a configured secret into the stream, even one an upstream error echoes', async () => {
    upstream.override((request, response) => {
      if (request.url.includes('/chat/completions') && request.body?.messages?.[0]?.content === 'echo my key') {
        response.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({ error: { message: `Invalid request for key ${PROVIDER_KEYS.chat}`, type: 'invalid_request_error', code: null } }),
        );
        return true;
      }
      if (request.url.includes('/chat/completions') && request.body?.messages?.[0]?.content === 'revoked') {
        response.writeHead(401, { 'content-type': 'application/json' }).end(
          JSON.stringify({ error: { message: `Incorrect API key provided: ${PROVIDER_KEYS.chat}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }),
        );
        return true;
      }
      return false;
    });
    const events = await openClient();
    const client = openAiClient(gateway.url);
    await expect(client.chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'echo my key' }] })).rejects.toMatchObject({ status: 400 });
    await expect(client.chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'revoked' }] })).rejects.toBeTruthy();
    await anthropicClient(gateway.url).messages.create({ model: 'via-messages', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await adminJson(gateway.url, '/v0/config', { method: 'PUT', body: await adminJson(gateway.url, '/v0/config') });
    await adminJson(gateway.url, '/v0/cooldowns', { method: 'DELETE' });

    const failed = await events.waitFor('request.failed', (record) => record.httpStatus === 400);
    await events.waitFor('cooldown.started', (entry) => entry.type === 'auth_error');
    await events.waitFor('health.changed', (change) => change.to === 'degraded');
    await events.waitFor('health.changed', (change) => change.to === 'healthy');
    await events.waitFor('request.completed', (record) => record.requestedModel === 'via-messages');
    await events.waitFor('config.reloaded');
    await events.waitFor('cooldown.ended', (entry) => entry.cause === 'cleared');

    // The upstream text did reach the event, masked: this test sees the secret if masking stops.
    expect(JSON.stringify(failed.data)).toContain('Invalid request for key ***');
    for (const secret of SECRETS) expect(events.raw).not.toContain(secret);
  });
});

describe('admin API: live events at shutdown', () => {
  it('a graceful shutdown ends open event streams instead of waiting out its grace period for them', async () => {
    const upstream = new MockUpstream();
    await upstream.start();
    const gateway = await startTestGateway(upstream.url);
    try {
      const events = await SseTestClient.open(gateway.url);
      expect(events.response.status).toBe(200);
      const startedAt = performance.now();
      await gateway.shutdown(20_000);
      expect(performance.now() - startedAt).toBeLessThan(5000);
      await events.close();
    } finally {
      await gateway.stop();
      await upstream.close();
    }
  });
});

interface StalledClient {
  /** Resumes reading and collects text until `marker` appears after a `dropped` notice. */
  readUntil(marker: string, timeoutMs: number): Promise<string>;
  destroy(): void;
}

/** An event-stream client on a raw socket that reads the response head and then stops reading. */
async function openStalledClient(gatewayUrl: string): Promise<StalledClient> {
  const { hostname, port } = new URL(gatewayUrl);
  const socket: Socket = connect(Number(port), hostname);
  socket.setEncoding('utf8');
  socket.write(`GET /v0/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nAccept: text/event-stream\r\n\r\n`);
  const head = await new Promise<string>((resolve, reject) => {
    socket.once('data', (chunk: string) => {
      socket.pause();
      resolve(chunk);
    });
    socket.once('error', reject);
  });
  expect(head).toMatch(/^HTTP\/1\.1 200/);
  return {
    readUntil(marker, timeoutMs) {
      return new Promise((resolve, reject) => {
        const chunks: string[] = [];
        let tail = '';
        let sawDropped = false;
        const timer = setTimeout(() => reject(new Error(`stalled client: no "${marker.trim()}" after a dropped notice within ${timeoutMs} ms`)), timeoutMs);
        socket.on('data', (chunk: string) => {
          chunks.push(chunk);
          // Only the new text (and a little overlap) is searched: the whole stream is megabytes.
          const window = tail + chunk;
          tail = window.slice(-64);
          const from = sawDropped ? 0 : window.indexOf('event: dropped');
          if (from === -1) return;
          sawDropped = true;
          if (window.indexOf(marker, from) === -1) return;
          clearTimeout(timer);
          resolve(chunks.join(''));
        });
        socket.resume();
      });
    },
    destroy: () => socket.destroy(),
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import { freePort, spawnGateway, type ChildGateway } from '../reliability/support/child-gateway';
import { sleep } from '../reliability/support/raw-client';
import { MockUpstream } from '../support/mock-upstream';
import { standardConfig } from '../support/start-test-gateway';
import { testConfigService } from '../support/test-config';
import { answerProblem, soakRequest } from './support/soak-traffic';

/** Load time; the whole run (start-up, warm-up, drain, checks) adds about a minute. */
const DURATION_MS = Number(process.env.SOAK_DURATION_MS ?? 8 * 60_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 24);
const SAMPLE_EVERY_MS = 5_000;
/** Memory and handles are compared after this (JIT, pools and caches fill up first). */
const WARM_UP_MS = Math.min(60_000, DURATION_MS * 0.2);

interface Sample {
  atMs: number;
  rss: number;
  heapUsed: number;
  resources: number;
  kinds: Record<string, number>;
}

/**
 * The soak: the real gateway as its own process under a steady mix of every client format,
 * streamed and not, text and tools, across every provider format, with an alias whose first
 * target always fails. Afterwards: no error the client did not cause, RSS and open handles flat
 * after warm-up, and exactly one usage record per request served. Prints the figures.
 */
describe('soak', () => {
  const upstream = new MockUpstream();
  let dataDir: string;
  let gateway: ChildGateway;
  let brokenCalls = 0;

  beforeAll(async () => {
    await upstream.start();
    upstream.override((request, response) => {
      if (!request.url.startsWith('/broken/')) return false;
      brokenCalls++;
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"the broken provider failed","type":"server_error"}}');
      return true;
    });
    // The mock keeps every request it saw; a soak would hold hundreds of thousands.
    setInterval(() => (upstream.received.length = 0), 1_000).unref();
    dataDir = mkdtempSync(join(tmpdir(), 'plexus-soak-'));
    const port = await freePort();
    const config = standardConfig(upstream.url, dataDir);
    config.server.port = port;
    config.providers.push({ name: 'broken-mock', apiTypes: ['chat'], baseUrls: { chat: `${upstream.url}/broken/v1` }, auth: { type: 'bearer', apiKey: 'sk-broken' }, models: ['gpt-4o'] });
    config.models.push({ alias: 'flaky', selector: 'in_order', targets: [{ provider: 'broken-mock', model: 'gpt-4o' }, { provider: 'openai-mock', model: 'gpt-4o' }] });
    // Short cooldowns, so the broken target is tried (and failed over) again and again.
    config.resilience.cooldown = { ...config.resilience.cooldown, minDuration: 0, maxDuration: 1, defaults: { server_error: 1 } };
    const configPath = join(dataDir, 'plexus.yaml');
    writeFileSync(configPath, stringify(config));
    gateway = await spawnGateway(configPath, { port, preload: ['./test/soak/support/resource-probe.ts'], ipc: true, keepOutputChars: 1024 * 1024 });
  });
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sample = (startedAt: number): Promise<Sample> =>
    new Promise((resolve) => {
      gateway.child.once('message', (message) => resolve({ atMs: Date.now() - startedAt, ...(message as Omit<Sample, 'atMs'>) }));
      gateway.child.send('sample');
    });

  it(`holds a ${Math.round(DURATION_MS / 1000)} s mixed load: no errors, flat memory and handles, one usage record per request`, async () => {
    const pool = new Pool(gateway.url, { connections: CONCURRENCY, pipelining: 1 });
    const startedAt = Date.now();
    const samples: Sample[] = [await sample(startedAt)];
    const sampler = setInterval(() => void sample(startedAt).then((next) => samples.push(next)), SAMPLE_EVERY_MS);
    const problems: string[] = [];
    const latencies: number[] = [];
    let served = 0;
    let next = 0;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() - startedAt < DURATION_MS) {
        const request = soakRequest(next++);
        const began = performance.now();
        try {
          const response = await pool.request({ method: 'POST', path: request.path, headers: request.headers, body: request.body });
          const problem = answerProblem(request, response.statusCode, await response.body.text());
          if (problem) problems.push(`${request.kind}: ${problem}`);
          else served++;
        } catch (error) {
          problems.push(`${request.kind}: ${(error as Error).message}`);
        }
        latencies.push(performance.now() - began);
      }
    });
    await Promise.all(workers);
    clearInterval(sampler);
    await pool.close();
    await sleep(2_000);
    samples.push(await sample(startedAt));

    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;
    const usage = new UsageQueryService(testConfigService({ logging: { usage: { storagePath: join(dataDir, 'logs/usage') } } }));
    const byAlias = await usage.summary({ groupBy: 'alias' });
    const successes = await usage.summary({ groupBy: 'day', status: 'success' });
    const recorded = byAlias.groups.reduce((total, group) => total + group.requests, 0);
    const recordedSuccesses = successes.groups.reduce((total, group) => total + group.requests, 0);

    const settled = samples.filter((entry) => entry.atMs >= WARM_UP_MS);
    const third = Math.max(1, Math.floor(settled.length / 3));
    const early = settled.slice(0, third);
    const late = settled.slice(-third);
    const figures = {
      durationS: Math.round(DURATION_MS / 1000),
      concurrency: CONCURRENCY,
      requests: served + problems.length,
      served,
      perSecond: Math.round(served / (DURATION_MS / 1000)),
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) },
      failoversToBrokenTarget: brokenCalls,
      usageRecords: recorded,
      usageRecordsSuccess: recordedSuccesses,
      byAlias: Object.fromEntries(byAlias.groups.map((group) => [group.key, group.requests])),
      rssMb: { warm: mb(median(early.map((entry) => entry.rss))), end: mb(median(late.map((entry) => entry.rss))), max: mb(Math.max(...settled.map((entry) => entry.rss))) },
      heapMb: { warm: mb(median(early.map((entry) => entry.heapUsed))), end: mb(median(late.map((entry) => entry.heapUsed))) },
      activeResources: { warm: median(early.map((entry) => entry.resources)), end: median(late.map((entry) => entry.resources)), idleAfter: samples[samples.length - 1].resources, idleKinds: samples[samples.length - 1].kinds },
      problems: problems.slice(0, 10),
    };
    process.stdout.write(`\nSOAK FIGURES ${JSON.stringify(figures, null, 2)}\n`);

    expect(exit.code).toBe(0);
    expect(problems).toEqual([]);
    expect(gateway.output()).not.toContain('failed inside Plexus');
    expect(brokenCalls).toBeGreaterThan(DURATION_MS / 10_000);
    expect(recorded).toBe(served);
    expect(recordedSuccesses).toBe(served);
    expect(settled.length).toBeGreaterThanOrEqual(3);
    expect(median(late.map((entry) => entry.rss))).toBeLessThan(median(early.map((entry) => entry.rss)) * 1.2 + 32 * 1024 * 1024);
    expect(median(late.map((entry) => entry.resources))).toBeLessThanOrEqual(median(early.map((entry) => entry.resources)) + 16);
  });
});

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] * 10) / 10;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 102.4) / 10;
}

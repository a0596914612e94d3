import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConfigService } from '../../src/config/config.service';
import type { PlexusEvent } from '../../src/events/plexus-event';
import { EventBusService } from '../../src/events/event-bus.service';
import { OpenRouterPriceService } from '../../src/pricing/openrouter-price.service';
import { PricingService } from '../../src/pricing/pricing.service';
import type { IrUsage } from '../../src/wire/ir';
import { testConfig, testConfigService, testSnapshot } from '../support/test-config';

/** Shaped like https://openrouter.ai/api/v1/models (prices are USD per token, as strings). */
const MODEL_LIST = {
  data: [
    { id: 'openai/gpt-4o', pricing: { prompt: '0.0000025', completion: '0.00001', input_cache_read: '0.00000125', internal_reasoning: '0' } },
    { id: 'deepseek/deepseek-r1', pricing: { prompt: '0.0000004', completion: '0.000002', internal_reasoning: '0.000003' } },
    { id: 'anthropic/claude-sonnet-4', pricing: { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' } },
    { id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } },
  ],
};

const usage = (partial: Partial<IrUsage>): IrUsage => ({ inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, ...partial });

describe('OpenRouter prices', () => {
  let server: Server;
  let url: string;
  let failing = false;
  let hits = 0;
  let directory: string;
  const started: OpenRouterPriceService[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      if (failing || request.url !== '/api/v1/models') {
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(MODEL_LIST));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/models`;
    directory = await mkdtemp(join(tmpdir(), 'plexus-openrouter-'));
  });

  afterEach(() => {
    failing = false;
    for (const service of started.splice(0)) service.onModuleDestroy();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  function openRouterConfig(cacheFile: string, overrides: { url?: string; enabled?: boolean; pricing?: object } = {}): ConfigService {
    return testConfigService({
      pricing: {
        ...(overrides.pricing ?? {}),
        openrouter: { enabled: overrides.enabled ?? true, cacheRefreshMinutes: 60, url: overrides.url ?? url, cachePath: join(directory, cacheFile) },
      },
    });
  }

  async function start(configService: ConfigService, scheduler?: SchedulerRegistry) {
    const openRouter = new OpenRouterPriceService(configService, scheduler);
    const eventBus = new EventBusService();
    const events: PlexusEvent[] = [];
    eventBus.events$.subscribe((event) => events.push(event));
    const pricing = new PricingService(configService, openRouter, eventBus);
    started.push(openRouter);
    await openRouter.onModuleInit();
    await openRouter.refresh();
    return { openRouter, pricing, events };
  }

  it('prices from the list, per 1M, by exact id or by the id without its vendor prefix', async () => {
    const { pricing, events } = await start(openRouterConfig('exact.json'));
    const cases = [
      { provider: 'openrouter', model: 'openai/gpt-4o', usage: { inputTokens: 1000, cacheReadTokens: 2000, outputTokens: 100 }, total: 0.0025 + 0.0025 + 0.001 },
      { provider: 'openai', model: 'gpt-4o', usage: { inputTokens: 1000, outputTokens: 500, reasoningTokens: 500 }, total: 0.0025 + 0.005 },
      { provider: 'deepseek', model: 'deepseek-r1', usage: { outputTokens: 1000, reasoningTokens: 400 }, total: 0.0012 + 0.0012 },
      { provider: 'anthropic', model: 'claude-sonnet-4', usage: { cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 }, total: 0.3 + 3.75 },
    ];
    for (const testCase of cases) {
      const cost = pricing.cost(testCase.provider, testCase.model, usage(testCase.usage));
      expect(cost.source, testCase.model).toBe('openrouter');
      expect(cost.total, testCase.model).toBeCloseTo(testCase.total, 12);
    }
    expect(pricing.priceFor('openai', 'gpt-4o')).toEqual({ source: 'openrouter', inputPer1M: 2.5, outputPer1M: 10, cachedPer1M: 1.25 });
    expect(pricing.priceFor('x', 'openrouter/auto').source).toBe('none');
    expect(pricing.priceFor('x', 'gpt-4o-mini').source).toBe('none');
    expect(pricing.openRouterCacheAge()).toMatchObject({ enabled: true, origin: 'network', modelCount: 3 });
    expect(events.filter((event) => event.type === 'pricing.refreshed')).toHaveLength(1);
  });

  it('configured prices win over OpenRouter, and nothing comes from OpenRouter when it is disabled', async () => {
    const configService = openRouterConfig('precedence.json', { pricing: { models: { 'gpt-4o': { inputPer1M: 1, outputPer1M: 1 } } } });
    const { pricing } = await start(configService);
    expect(pricing.priceFor('openai', 'gpt-4o').source).toBe('models');
    expect(pricing.priceFor('deepseek', 'deepseek-r1').source).toBe('openrouter');

    const disabled = testConfig({ pricing: { openrouter: { ...configService.config.pricing.openrouter, enabled: false } } });
    configService.replace(testSnapshot(disabled));
    expect(pricing.priceFor('deepseek', 'deepseek-r1').source).toBe('none');
  });

  it('writes the list to the disk cache and prices from it after a restart without network', async () => {
    await start(openRouterConfig('restart.json'));
    const cached = JSON.parse(await readFile(join(directory, 'restart.json'), 'utf8'));
    expect(cached.models['openai/gpt-4o']).toEqual({ inputPer1M: 2.5, outputPer1M: 10, cachedPer1M: 1.25 });

    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { pricing } = await start(openRouterConfig('restart.json', { url: 'http://127.0.0.1:9/api/v1/models' }));
    expect(pricing.cost('openai', 'gpt-4o', usage({ inputTokens: 1_000_000 })).total).toBeCloseTo(2.5, 12);
    expect(pricing.openRouterCacheAge()).toMatchObject({ origin: 'disk', modelCount: 3 });
    expect(pricing.openRouterCacheAge().lastError).toContain('127.0.0.1:9');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('a failed refresh keeps the old prices and logs one warning', async () => {
    const { openRouter, pricing, events } = await start(openRouterConfig('failing.json'));
    const before = pricing.openRouterCacheAge().fetchedAt;
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    failing = true;
    const hitsBefore = hits;
    await openRouter.refresh();
    expect(hits).toBe(hitsBefore + 1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('HTTP 503');
    expect(pricing.cost('openai', 'gpt-4o', usage({ outputTokens: 1_000_000 })).total).toBeCloseTo(10, 12);
    expect(pricing.openRouterCacheAge()).toMatchObject({ origin: 'network', fetchedAt: before, lastError: expect.stringContaining('HTTP 503') });
    expect(events.filter((event) => event.type === 'pricing.refreshed')).toHaveLength(1);
  });

  it('schedules the refresh in the SchedulerRegistry and follows cacheRefreshMinutes changes', async () => {
    const scheduler = new SchedulerRegistry();
    const configService = openRouterConfig('schedule.json');
    const { openRouter } = await start(configService, scheduler);
    expect(scheduler.getIntervals()).toEqual(['openrouter-price-refresh']);
    expect(openRouter.scheduledMinutes).toBe(60);

    const settings = configService.config.pricing.openrouter;
    configService.replace(testSnapshot(testConfig({ pricing: { openrouter: { ...settings, cacheRefreshMinutes: 5 } } })));
    expect(openRouter.scheduledMinutes).toBe(5);
    expect(scheduler.getIntervals()).toEqual(['openrouter-price-refresh']);

    configService.replace(testSnapshot(testConfig({ pricing: { openrouter: { ...settings, enabled: false } } })));
    expect(openRouter.scheduledMinutes).toBeUndefined();
    expect(scheduler.getIntervals()).toEqual([]);
  });

  it('does not fetch when OpenRouter is disabled', async () => {
    const hitsBefore = hits;
    const openRouter = new OpenRouterPriceService(openRouterConfig('off.json', { enabled: false }));
    started.push(openRouter);
    await openRouter.onModuleInit();
    expect(hits).toBe(hitsBefore);
    expect(openRouter.scheduledMinutes).toBeUndefined();
  });
});

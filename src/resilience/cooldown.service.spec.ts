import { describe, expect, it } from 'vitest';
import type { PlexusConfig } from '../config/plexus-config';
import { EventBusService } from '../events/event-bus.service';
import type { PlexusEvent } from '../events/plexus-event';
import { testConfig, testConfigService, testSnapshot } from '../../test/support/test-config';
import { ManualClock } from '../../test/routing/manual-clock';
import { providerConfig } from '../../test/routing/provider-config';
import type { CooldownEntry } from './cooldown-entry';
import { CooldownStore } from './cooldown-store';
import { CooldownService } from './cooldown.service';

class MemoryCooldownStore extends CooldownStore {
  saves: CooldownEntry[][] = [];
  constructor(private entries: CooldownEntry[] = []) {
    super();
  }
  async load(): Promise<CooldownEntry[]> {
    return this.entries;
  }
  async save(entries: CooldownEntry[]): Promise<void> {
    this.saves.push(entries);
    this.entries = entries;
  }
}

function setup(overrides: Parameters<typeof testConfigService>[0] = {}, saved: CooldownEntry[] = []) {
  const configService = testConfigService({
    providers: [providerConfig('openai', { models: ['gpt-4o', 'gpt-4o-mini'] }), providerConfig('anthropic')],
    ...overrides,
  });
  const eventBus = new EventBusService();
  const events: PlexusEvent[] = [];
  eventBus.events$.subscribe((event) => events.push(event));
  const clock = new ManualClock();
  const store = new MemoryCooldownStore(saved);
  const cooldowns = new CooldownService(configService, eventBus, clock, store);
  return { cooldowns, clock, events, store, configService };
}

describe('CooldownService lengths', () => {
  it('uses resilience.cooldown.defaults for the error type', () => {
    const { cooldowns } = setup();
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'server_error').durationSeconds).toBe(30);
    expect(cooldowns.recordFailure('openai', 'gpt-4o-mini', 'rate_limit').durationSeconds).toBe(60);
    expect(cooldowns.remainingSeconds('openai', 'gpt-4o')).toBe(30);
  });

  it("prefers the provider's own cooldown for that type", () => {
    const { cooldowns } = setup({ providers: [providerConfig('openai', { cooldown: { server_error: 12 } })] });
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'server_error').durationSeconds).toBe(12);
    // types the provider does not override keep the defaults
    expect(cooldowns.recordFailure('openai', 'o3', 'timeout').durationSeconds).toBe(30);
  });

  it('doubles for each consecutive failure of the same target and clamps to maxDuration', () => {
    const { cooldowns, clock } = setup({ resilience: { cooldown: { maxDuration: 200 } } });
    const lengths: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = cooldowns.recordFailure('openai', 'gpt-4o', 'server_error');
      lengths.push(entry.durationSeconds);
      clock.advanceSeconds(entry.durationSeconds);
      expect(cooldowns.isCoolingDown('openai', 'gpt-4o')).toBe(false);
    }
    expect(lengths).toEqual([30, 60, 120, 200, 200]);
  });

  it('does not double again for failures of requests already in flight when the cooldown started', () => {
    const { cooldowns, events } = setup();
    const entries = Array.from({ length: 8 }, () => cooldowns.recordFailure('openai', 'gpt-4o', 'server_error'));
    expect(entries.map((entry) => entry.durationSeconds)).toEqual(Array(8).fill(30));
    expect(entries.at(-1)?.consecutiveFailures).toBe(1);
    expect(events.filter((event) => event.type === 'cooldown.started')).toHaveLength(1);
  });

  it('takes a rate limit length from retry-after, clamped to [minDuration, maxDuration]', () => {
    const { cooldowns } = setup();
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit', 48).durationSeconds).toBe(48);
    expect(cooldowns.recordFailure('openai', 'gpt-4o-mini', 'rate_limit', 1).durationSeconds).toBe(5);
    expect(cooldowns.recordFailure('anthropic', 'claude', 'rate_limit', 86_400).durationSeconds).toBe(3600);
    // retry-after only decides rate limits; a server error keeps its configured length
    expect(cooldowns.recordFailure('anthropic', 'haiku', 'server_error', 48).durationSeconds).toBe(30);
  });

  it('clamps a configured length below minDuration', () => {
    const { cooldowns } = setup({ providers: [providerConfig('openai', { cooldown: { timeout: 1 } })] });
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'timeout').durationSeconds).toBe(5);
  });

  it('starts from the base length again after a success', () => {
    const { cooldowns, clock } = setup();
    clock.advanceSeconds(cooldowns.recordFailure('openai', 'gpt-4o', 'server_error').durationSeconds);
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'server_error').durationSeconds).toBe(60);
    clock.advanceSeconds(60);
    cooldowns.recordSuccess('openai', 'gpt-4o');
    const entry = cooldowns.recordFailure('openai', 'gpt-4o', 'server_error');
    expect(entry.durationSeconds).toBe(30);
    expect(entry.consecutiveFailures).toBe(1);
  });
});

describe('CooldownService scope', () => {
  it('rests only the provider+model pair for rate limits, timeouts and server errors', () => {
    const { cooldowns } = setup();
    cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit');
    cooldowns.recordFailure('openai', 'gpt-4o', 'timeout');
    cooldowns.recordFailure('openai', 'gpt-4o', 'server_error');
    expect(cooldowns.isCoolingDown('openai', 'gpt-4o')).toBe(true);
    expect(cooldowns.isCoolingDown('openai', 'gpt-4o-mini')).toBe(false);
    expect(cooldowns.list().map((entry) => entry.model)).toEqual(['gpt-4o']);
  });

  it.each(['auth_error', 'connection_error'] as const)('rests the whole provider for %s', (type) => {
    const { cooldowns } = setup();
    const entry = cooldowns.recordFailure('openai', 'gpt-4o', type);
    expect(entry.model).toBeNull();
    expect(cooldowns.isCoolingDown('openai', 'gpt-4o-mini')).toBe(true);
    expect(cooldowns.isCoolingDown('anthropic', 'claude')).toBe(false);
    expect(cooldowns.remainingSeconds('openai', 'anything')).toBe(entry.durationSeconds);
  });

  it('reports the longer of a provider-wide and a model cooldown', () => {
    const { cooldowns } = setup();
    cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit', 600);
    cooldowns.recordFailure('openai', 'gpt-4o', 'connection_error');
    expect(cooldowns.activeEntry('openai', 'gpt-4o')).toMatchObject({ type: 'rate_limit', seconds: 600 });
    expect(cooldowns.activeEntry('openai', 'gpt-4o-mini')).toMatchObject({ type: 'connection_error', seconds: 30 });
  });
});

describe('CooldownService listing, clearing and events', () => {
  it('lists entries with time left and publishes started and ended events', () => {
    const { cooldowns, clock, events } = setup();
    const started = cooldowns.recordFailure('openai', 'gpt-4o', 'server_error', undefined, 'HTTP 502 from upstream');
    expect(events.find((event) => event.type === 'cooldown.started')?.data).toEqual(started);
    expect(started).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o',
      type: 'server_error',
      until: new Date(clock.now() + 30_000).toISOString(),
      seconds: 30,
      consecutiveFailures: 1,
    });
    expect(started.reason).toContain('HTTP 502 from upstream');
    clock.advanceSeconds(10);
    expect(cooldowns.list()).toEqual([{ ...started, seconds: 20 }]);
    clock.advanceSeconds(20);
    expect(cooldowns.list()).toEqual([]);
    expect(events.find((event) => event.type === 'cooldown.ended')?.data).toMatchObject({ provider: 'openai', cause: 'expired' });
  });

  it('clears everything, one provider, or one pair, and forgets the failure count', () => {
    const { cooldowns, events } = setup();
    cooldowns.recordFailure('openai', 'gpt-4o', 'server_error');
    cooldowns.recordFailure('openai', 'gpt-4o-mini', 'server_error');
    cooldowns.recordFailure('openai', 'x', 'auth_error');
    cooldowns.recordFailure('anthropic', 'claude', 'timeout');

    expect(cooldowns.clear('openai', 'gpt-4o').map((entry) => entry.model)).toEqual(['gpt-4o']);
    expect(cooldowns.recordFailure('openai', 'gpt-4o', 'server_error').durationSeconds).toBe(30);
    expect(cooldowns.clear('openai')).toHaveLength(3);
    expect(cooldowns.list().map((entry) => entry.provider)).toEqual(['anthropic']);
    cooldowns.clear();
    expect(cooldowns.list()).toEqual([]);
    expect(events.filter((event) => event.type === 'cooldown.ended').every((event) => (event.data as { cause: string }).cause === 'cleared')).toBe(true);
  });

  it('drops the cooldowns of a provider that leaves the config', async () => {
    const { cooldowns, configService } = setup();
    await cooldowns.onModuleInit();
    cooldowns.recordFailure('anthropic', 'claude', 'server_error');
    cooldowns.recordFailure('openai', 'gpt-4o', 'server_error');
    const next: PlexusConfig = testConfig({ providers: [providerConfig('openai')] });
    configService.replace(testSnapshot(next));
    expect(cooldowns.list().map((entry) => entry.provider)).toEqual(['openai']);
  });

  it('restores saved cooldowns at start-up, dropping expired ones and unknown providers', async () => {
    const { cooldowns: before } = setup();
    const running = before.recordFailure('openai', 'gpt-4o', 'rate_limit', 600);
    const expiring = before.recordFailure('openai', 'gpt-4o-mini', 'server_error');
    const unknown = { ...running, provider: 'removed-provider' };

    const { cooldowns, clock, store } = setup({}, [running, expiring, unknown]);
    clock.advanceSeconds(31);
    await cooldowns.onModuleInit();
    expect(cooldowns.list()).toEqual([{ ...running, seconds: 569 }]);
    expect(cooldowns.isCoolingDown('openai', 'gpt-4o-mini')).toBe(false);
    // the dropped entries are written away
    await cooldowns.onModuleDestroy();
    expect(store.saves).toEqual([[{ ...running, seconds: 569 }]]);
  });
});

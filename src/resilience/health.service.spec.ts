import { describe, expect, it } from 'vitest';
import { EventBusService } from '../events/event-bus.service';
import type { PlexusEvent } from '../events/plexus-event';
import type { ProviderConfig } from '../config/plexus-config';
import { testConfig, testConfigService, testSnapshot } from '../../test/support/test-config';
import { ManualClock } from '../../test/routing/manual-clock';
import { aliasConfig, providerConfig } from '../../test/routing/provider-config';
import { CooldownStore } from './cooldown-store';
import { CooldownService } from './cooldown.service';
import { HealthService } from './health.service';

class NullStore extends CooldownStore {
  async load() {
    return [];
  }
  async save() {}
}

function setup(providers: ProviderConfig[], extra: Parameters<typeof testConfig>[0] = {}) {
  const configService = testConfigService({ providers, ...extra });
  const eventBus = new EventBusService();
  const events: PlexusEvent[] = [];
  eventBus.events$.subscribe((event) => event.type === 'health.changed' && events.push(event));
  const clock = new ManualClock();
  const cooldowns = new CooldownService(configService, eventBus, clock, new NullStore());
  const health = new HealthService(configService, cooldowns, eventBus);
  return { health, cooldowns, clock, events, configService };
}

const tenProviders = Array.from({ length: 10 }, (_, index) => providerConfig(`p${index}`, { models: ['m'] }));

describe('HealthService', () => {
  it('moves through degraded (>= 0.5) and unhealthy (>= 0.9) as providers go down, and back', () => {
    const { health, cooldowns, clock, events } = setup(tenProviders);
    const statuses: string[] = [];
    for (let index = 0; index < 10; index++) {
      cooldowns.recordFailure(`p${index}`, 'm', 'auth_error');
      statuses.push(`${index + 1}:${health.publicStatus().status}`);
    }
    expect(statuses).toEqual([
      '1:healthy', '2:healthy', '3:healthy', '4:healthy',
      '5:degraded', '6:degraded', '7:degraded', '8:degraded',
      '9:unhealthy', '10:unhealthy',
    ]);
    expect(health.publicStatus().providers).toEqual({ total: 10, healthy: 0, unhealthy: 10 });
    clock.advanceSeconds(300);
    expect(health.publicStatus().status).toBe('healthy');
    expect(events.map((event) => event.data)).toEqual([
      { from: 'healthy', to: 'degraded', providers: { total: 10, healthy: 5, unhealthy: 5 } },
      { from: 'degraded', to: 'unhealthy', providers: { total: 10, healthy: 1, unhealthy: 9 } },
      { from: 'unhealthy', to: 'healthy', providers: { total: 10, healthy: 10, unhealthy: 0 } },
    ]);
  });

  it('counts a provider unhealthy only when every model it serves is cooling down', () => {
    const { health, cooldowns } = setup([providerConfig('openai', { models: ['gpt-4o'] }), providerConfig('anthropic')], {
      models: [aliasConfig('smart', [['openai', 'o3']])],
    });
    cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit');
    expect(health.publicStatus().providers.unhealthy).toBe(0);
    cooldowns.recordFailure('openai', 'o3', 'server_error'); // the model an alias routes to
    expect(health.publicStatus()).toEqual({ status: 'degraded', providers: { total: 2, healthy: 1, unhealthy: 1 } });
  });

  it('leaves disabled providers out of the ratio', () => {
    const { health, cooldowns } = setup([
      providerConfig('a'),
      providerConfig('b', { enabled: false }),
      providerConfig('c', { enabled: false }),
    ]);
    cooldowns.recordFailure('a', 'm', 'connection_error');
    expect(health.publicStatus()).toEqual({ status: 'unhealthy', providers: { total: 1, healthy: 0, unhealthy: 1 } });
  });

  it('is healthy with no enabled provider', () => {
    const { health } = setup([providerConfig('a', { enabled: false })]);
    expect(health.publicStatus()).toEqual({ status: 'healthy', providers: { total: 0, healthy: 0, unhealthy: 0 } });
  });

  it('announces a change caused by a config reload', () => {
    const { health, cooldowns, configService, events } = setup([providerConfig('a'), providerConfig('b')]);
    cooldowns.recordFailure('a', 'm', 'auth_error');
    expect(health.publicStatus().status).toBe('degraded');
    configService.replace(testSnapshot(testConfig({ providers: [providerConfig('a'), providerConfig('b'), providerConfig('c')] })));
    expect(events.at(-1)?.data).toMatchObject({ from: 'degraded', to: 'healthy' });
  });

  it('details thresholds and every provider with its cooldowns for the admin API', () => {
    const { health, cooldowns } = setup([providerConfig('a'), providerConfig('b', { enabled: false }), providerConfig('c', { auth: { type: 'bearer' } })]);
    const entry = cooldowns.recordFailure('a', 'm', 'auth_error');
    expect(health.detail()).toEqual({
      status: 'degraded',
      counts: { total: 2, healthy: 1, unhealthy: 1 },
      thresholds: { degradedThreshold: 0.5, unhealthyThreshold: 0.9 },
      providers: [
        { name: 'a', enabled: true, hasKey: true, state: 'unhealthy', cooldowns: [entry] },
        { name: 'b', enabled: false, hasKey: true, state: 'disabled', cooldowns: [] },
        { name: 'c', enabled: true, hasKey: false, state: 'healthy', cooldowns: [] },
      ],
    });
  });
});

import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { ConfigService } from '../config/config.service';
import { EventBusService } from '../events/event-bus.service';
import { PriceEstimator } from '../pricing/price-estimator';
import { testConfigService } from '../../test/support/test-config';
import { aliasConfig, providerConfig } from '../../test/routing/provider-config';
import { RoutingModule } from './routing.module';
import { RoutingService } from './routing.service';
import { StatsService } from './stats.service';

class FlatPrices extends PriceEstimator {
  estimateCostUsd(providerName: string): number | undefined {
    return providerName === 'b' ? 1 : 2;
  }
}

describe('RoutingModule', () => {
  it('wires every selector with the global config, events and pricing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'plexus-routing-'));
    const configService = testConfigService({
      providers: [providerConfig('a', { models: ['m'] }), providerConfig('b', { models: ['m'] })],
      models: ['random', 'in_order', 'cost', 'latency', 'performance'].map((selector) =>
        aliasConfig(selector, [['a', 'm'], ['b', 'm']], { selector: selector as never }),
      ),
      resilience: { cooldown: { storagePath: join(directory, 'cooldowns.json') } },
    });

    @Global()
    @Module({
      providers: [{ provide: ConfigService, useValue: configService }, EventBusService, { provide: PriceEstimator, useClass: FlatPrices }],
      exports: [ConfigService, EventBusService, PriceEstimator],
    })
    class GlobalsModule {}

    @Module({ imports: [GlobalsModule, RoutingModule] })
    class TestModule {}

    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    try {
      const routing = app.get(RoutingService);
      app.get(StatsService).recordSuccess('b', 'm', { ttftMs: 10, outputTokensPerSecond: 100 });
      for (const selector of ['random', 'in_order', 'cost', 'latency', 'performance']) {
        const plan = routing.plan({ requestedModel: selector, clientApi: 'chat', estimatedInputTokens: 1 });
        expect(plan.targets.map((target) => target.provider.name).sort()).toEqual(['a', 'b']);
      }
      expect(routing.plan({ requestedModel: 'cost', clientApi: 'chat', estimatedInputTokens: 1 }).targets[0].provider.name).toBe('b');
    } finally {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../config/config.service';
import { EventBusService } from '../events/event-bus.service';
import { testConfigService } from '../../test/support/test-config';
import { providerConfig } from '../../test/routing/provider-config';
import { CooldownService } from './cooldown.service';
import { ResilienceModule } from './resilience.module';

let app: NestFastifyApplication;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'plexus-health-'));
  const configService = testConfigService({
    providers: [providerConfig('secret-provider-a'), providerConfig('secret-provider-b')],
    resilience: { cooldown: { storagePath: join(directory, 'cooldowns.json') } },
  });

  @Global()
  @Module({
    providers: [{ provide: ConfigService, useValue: configService }, EventBusService],
    exports: [ConfigService, EventBusService],
  })
  class GlobalsModule {}

  @Module({ imports: [GlobalsModule, ResilienceModule] })
  class TestAppModule {}

  app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app?.close();
  await rm(directory, { recursive: true, force: true });
});

const getHealth = () => app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health' });

describe('GET /health', () => {
  it('answers 200 with counts only while healthy, 200 when degraded, 503 when unhealthy', async () => {
    const healthy = await getHealth();
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'healthy', providers: { total: 2, healthy: 2, unhealthy: 0 } });
    expect(healthy.headers['cache-control']).toBe('no-store');

    const cooldowns = app.get(CooldownService);
    cooldowns.recordFailure('secret-provider-a', 'm', 'auth_error');
    const degraded = await getHealth();
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json().status).toBe('degraded');

    cooldowns.recordFailure('secret-provider-b', 'm', 'connection_error');
    const unhealthy = await getHealth();
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toEqual({ status: 'unhealthy', providers: { total: 2, healthy: 0, unhealthy: 2 } });
    expect(unhealthy.body).not.toContain('secret-provider');
    expect(unhealthy.body).not.toContain('-key');

    cooldowns.clear();
    expect((await getHealth()).statusCode).toBe(200);
  });
});

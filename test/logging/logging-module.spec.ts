import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service';
import { EventsModule } from '../../src/events/events.module';
import { DebugTraceService } from '../../src/logging/debug-trace.service';
import { ErrorQueryService } from '../../src/logging/error-query.service';
import { LoggingModule } from '../../src/logging/logging.module';
import { RecordSink } from '../../src/logging/record-sink';
import { RetentionService } from '../../src/logging/retention.service';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { PriceEstimator } from '../../src/pricing/price-estimator';
import { PricingModule } from '../../src/pricing/pricing.module';
import { PricingService } from '../../src/pricing/pricing.service';
import { testConfigService } from '../support/test-config';
import { completedRequest } from './completed-request';

describe('LoggingModule and PricingModule in a Nest application', () => {
  let directory: string;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-module-'));
    const configService = testConfigService({
      logging: {
        usage: { enabled: true, storagePath: join(directory, 'usage'), retentionDays: 30 },
        errors: { storagePath: join(directory, 'errors'), retentionDays: 30 },
        debug: { enabled: false, captureRequests: true, captureResponses: true, storagePath: join(directory, 'debug'), retentionDays: 7 },
      },
      pricing: { models: { 'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 } } },
    });

    @Global()
    @Module({ providers: [{ provide: ConfigService, useValue: configService }], exports: [ConfigService] })
    class TestConfigModule {}

    @Module({ imports: [TestConfigModule, EventsModule, PricingModule, LoggingModule] })
    class TestAppModule {}

    app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
    app.enableShutdownHooks();
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('resolves every service, with PriceEstimator backed by PricingService', () => {
    for (const token of [UsageRecorder, UsageQueryService, ErrorQueryService, DebugTraceService, RetentionService, RecordSink]) expect(app.get(token)).toBeDefined();
    expect(app.get(PriceEstimator)).toBe(app.get(PricingService));
  });

  it('writes what was recorded when the application shuts down', async () => {
    const priced = app.get(UsageRecorder).record(completedRequest({ requestId: 'at-shutdown' }));
    expect(priced.cost.total).toBeCloseTo(0.0045, 12);
    await app.close();
    const text = await readFile(join(directory, 'usage', 'usage-2025-03-10.jsonl'), 'utf8');
    expect(JSON.parse(text.trim()).requestId).toBe('at-shutdown');
  });
});

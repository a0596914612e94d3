import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigService } from '../../src/config/config.service';
import { EventBusService } from '../../src/events/event-bus.service';
import { Clock } from '../../src/logging/clock';
import type { ErrorRecord } from '../../src/logging/error-record';
import { JsonlRecordSink } from '../../src/logging/jsonl-record-sink';
import { SecretMasker } from '../../src/logging/secret-masker';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import type { UsageRecord } from '../../src/logging/usage-record';
import { OpenRouterPriceService } from '../../src/pricing/openrouter-price.service';
import { PricingService } from '../../src/pricing/pricing.service';
import { testConfigService } from '../support/test-config';
import { completedRequest } from './completed-request';

const NOW = new Date('2025-03-10T12:00:02.000Z');

describe('UsageRecorder', () => {
  let directory: string;
  let sink: JsonlRecordSink;
  let recorder: UsageRecorder;

  function setUp(usageEnabled = true): ConfigService {
    const configService = testConfigService({
      providers: [],
      apiKeys: [{ name: 'team-a', secret: 'client-secret-value-123', enabled: true }],
      logging: { usage: { enabled: usageEnabled, storagePath: join(directory, 'usage'), retentionDays: 30 }, errors: { storagePath: join(directory, 'errors'), retentionDays: 30 } },
      pricing: { models: { 'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 } }, discounts: { openai: 0.5 } },
    });
    sink = new JsonlRecordSink(configService);
    const pricing = new PricingService(configService, new OpenRouterPriceService(configService), new EventBusService());
    const clock = { now: () => NOW } as Clock;
    recorder = new UsageRecorder(configService, pricing, sink, new SecretMasker(configService), clock);
    return configService;
  }

  const lines = async <T>(path: string): Promise<T[]> =>
    (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-recorder-'));
  });

  afterEach(async () => {
    await sink.onApplicationShutdown();
    await rm(directory, { recursive: true, force: true });
  });

  it('prices the record, computes output speed and returns it synchronously', () => {
    setUp();
    const priced = recorder.record(completedRequest());
    expect(priced.cost).toMatchObject({ source: 'models', discount: 0.5, currency: 'USD' });
    expect(priced.cost.total).toBeCloseTo((1000 * 2.5 + 200 * 10) / 1e6 * 0.5, 12);
    // 200 tokens over the 1000 ms after the first token.
    expect(priced.outputTokensPerSecond).toBe(200);
  });

  it('writes one usage line per request to usage-<UTC day>.jsonl within about a second, without a flush', async () => {
    setUp();
    recorder.record(completedRequest({ requestId: 'a', timestamp: '2025-03-10T23:59:59.000Z' }));
    recorder.record(completedRequest({ requestId: 'b', timestamp: '2025-03-11T00:00:01.000Z' }));
    const started = Date.now();
    const dayFile = join(directory, 'usage', 'usage-2025-03-11.jsonl');
    while (Date.now() - started < 3000) {
      if ((await readdir(join(directory, 'usage')).catch(() => [])).length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The timer writes every second; the slack is for a loaded CI machine, not for a slower timer.
    expect(Date.now() - started).toBeLessThan(2500);
    expect((await lines<UsageRecord>(join(directory, 'usage', 'usage-2025-03-10.jsonl'))).map((line) => line.requestId)).toEqual(['a']);
    const [line] = await lines<UsageRecord>(dayFile);
    expect(line).toMatchObject({
      requestId: 'b',
      keyName: 'team-a',
      clientApi: 'chat',
      requestedModel: 'smart',
      alias: 'smart',
      provider: 'openai',
      targetModel: 'gpt-4o',
      providerApi: 'chat',
      streamed: true,
      translated: false,
      status: 'success',
      httpStatus: 200,
      usage: { inputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 0 },
      usageEstimated: false,
      cost: { source: 'models', currency: 'USD', discount: 0.5 },
      durationMs: 1500,
      ttftMs: 500,
      outputTokensPerSecond: 200,
      finishReason: 'stop',
    });
    expect(line.attempts).toHaveLength(1);
  });

  it('writes usage and error lines for a failed request, keeping only 4 KB of the upstream body in the error log', async () => {
    setUp();
    const upstreamBody = `{"error":{"message":"${'x'.repeat(10_000)}"}}`;
    recorder.record(
      completedRequest({
        requestId: 'failed',
        status: 'error',
        httpStatus: 429,
        usage: { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 },
        attempts: [{ provider: 'openai', model: 'gpt-4o', providerApi: 'chat', status: 429, errorType: 'rate_limit', message: 'slow down', durationMs: 80 }],
        error: { type: 'rate_limit', message: 'provider "openai" is rate limited', upstreamBody },
      }),
    );
    await recorder.flush();
    const [usage] = await lines<UsageRecord>(join(directory, 'usage', 'usage-2025-03-10.jsonl'));
    expect(usage.status).toBe('error');
    expect(usage.error).toEqual({ type: 'rate_limit', message: 'provider "openai" is rate limited' });
    const [error] = await lines<ErrorRecord>(join(directory, 'errors', 'errors-2025-03-10.jsonl'));
    expect(error).toMatchObject({
      kind: 'request',
      requestId: 'failed',
      time: NOW.toISOString(),
      keyName: 'team-a',
      requestedModel: 'smart',
      provider: 'openai',
      model: 'gpt-4o',
      errorType: 'rate_limit',
      status: 429,
      message: 'provider "openai" is rate limited',
    });
    expect(Buffer.byteLength(error.upstreamBody!)).toBe(4096);
    expect(upstreamBody.startsWith(error.upstreamBody!)).toBe(true);
  });

  it('logs a cancelled request with an error to the error log, but not a plain cancellation', async () => {
    setUp();
    recorder.record(completedRequest({ requestId: 'gone', status: 'cancelled', httpStatus: 499 }));
    recorder.record(completedRequest({ requestId: 'broke', status: 'cancelled', httpStatus: 499, error: { type: 'connection_error', message: 'upstream reset' } }));
    await recorder.flush();
    expect((await lines<UsageRecord>(join(directory, 'usage', 'usage-2025-03-10.jsonl'))).map((line) => line.requestId)).toEqual(['gone', 'broke']);
    expect((await lines<ErrorRecord>(join(directory, 'errors', 'errors-2025-03-10.jsonl'))).map((line) => line.requestId)).toEqual(['broke']);
  });

  it('logs failed attempts that were failed over, masking configured secrets', async () => {
    setUp();
    recorder.recordAttemptFailure(
      'req-9',
      'team-a',
      { provider: 'anthropic', model: 'claude-sonnet-4', providerApi: 'messages', status: 529, errorType: 'server_error', message: 'overloaded', durationMs: 120 },
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded; key client-secret-value-123"}}',
    );
    await recorder.flush();
    const [error] = await lines<ErrorRecord>(join(directory, 'errors', 'errors-2025-03-10.jsonl'));
    expect(error).toEqual({
      kind: 'attempt',
      requestId: 'req-9',
      time: NOW.toISOString(),
      keyName: 'team-a',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      errorType: 'server_error',
      status: 529,
      message: 'overloaded',
      upstreamBody: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded; key ***"}}',
      durationMs: 120,
    });
  });

  it('writes no usage line when usage logging is disabled, but still logs errors', async () => {
    setUp(false);
    recorder.record(completedRequest());
    recorder.record(completedRequest({ requestId: 'bad', status: 'error', httpStatus: 502, error: { type: 'server_error', message: 'bad gateway' } }));
    await recorder.flush();
    await expect(readdir(join(directory, 'usage'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await lines<ErrorRecord>(join(directory, 'errors', 'errors-2025-03-10.jsonl'))).map((line) => line.requestId)).toEqual(['bad']);
  });

  it('prices a request that never reached a provider at zero with source none', () => {
    setUp();
    const priced = recorder.record(completedRequest({ provider: undefined, targetModel: undefined, status: 'error', httpStatus: 404, attempts: [] }));
    expect(priced.cost).toMatchObject({ total: 0, source: 'none' });
  });
});

import { describe, expect, it } from 'vitest';
import { testConfig, testConfigService, testSnapshot } from '../../test/support/test-config';
import { aliasConfig, providerConfig } from '../../test/routing/provider-config';
import { FAILURE_TTFT_PENALTY_MS, STATS_WINDOW, StatsService } from './stats.service';

function stats() {
  const configService = testConfigService({
    providers: [providerConfig('openai', { models: ['gpt-4o'] }), providerConfig('groq')],
    models: [aliasConfig('fast', [['groq', 'llama'], ['openai', 'gpt-4o-mini']])],
  });
  return { service: new StatsService(configService), configService };
}

describe('StatsService', () => {
  it('reports medians of time to first token and output speed', () => {
    const { service } = stats();
    for (const [ttftMs, rate] of [[400, 50], [300, 80], [5000, 10], [350, 60]]) {
      service.recordSuccess('groq', 'llama', { ttftMs, outputTokensPerSecond: rate });
    }
    service.recordSuccess('groq', 'llama', { ttftMs: 320 }); // non-streamed: no rate
    expect(service.metrics('groq', 'llama')).toEqual({
      samples: 5,
      ttftMs: 350,
      outputTokensPerSecond: 55,
      failures: 0,
      consecutiveFailures: 0,
    });
  });

  it('keeps only the last STATS_WINDOW samples, so a lasting change wins', () => {
    const { service } = stats();
    for (let index = 0; index < STATS_WINDOW; index++) service.recordSuccess('groq', 'llama', { ttftMs: 2000 });
    for (let index = 0; index < STATS_WINDOW / 2 + 1; index++) service.recordSuccess('groq', 'llama', { ttftMs: 200 });
    expect(service.metrics('groq', 'llama')).toMatchObject({ samples: STATS_WINDOW, ttftMs: 200 });
  });

  it('counts a failure as a penalty sample and tracks failures since the last success', () => {
    const { service } = stats();
    service.recordSuccess('openai', 'gpt-4o', { ttftMs: 500, outputTokensPerSecond: 40 });
    service.recordFailure('openai', 'gpt-4o');
    service.recordFailure('openai', 'gpt-4o');
    expect(service.metrics('openai', 'gpt-4o')).toEqual({
      samples: 3,
      ttftMs: FAILURE_TTFT_PENALTY_MS,
      outputTokensPerSecond: 0,
      failures: 2,
      consecutiveFailures: 2,
    });
    service.recordSuccess('openai', 'gpt-4o', { ttftMs: 500 });
    expect(service.metrics('openai', 'gpt-4o')?.consecutiveFailures).toBe(0);
  });

  it('tracks only configured targets and forgets targets that leave the config', () => {
    const { service, configService } = stats();
    service.recordSuccess('openai', 'gpt-4o', { ttftMs: 100 });
    service.recordSuccess('groq', 'llama', { ttftMs: 100 });
    service.recordSuccess('openai', 'not-configured', { ttftMs: 100 });
    service.recordFailure('nobody', 'x');
    expect(service.snapshot().map((entry) => `${entry.provider}/${entry.model}`)).toEqual(['openai/gpt-4o', 'groq/llama']);

    configService.replace(testSnapshot(testConfig({ providers: [providerConfig('groq', { models: ['llama'] })] })));
    expect(service.snapshot()).toEqual([
      { provider: 'groq', model: 'llama', samples: 1, ttftMs: 100, outputTokensPerSecond: null, failures: 0 },
    ]);
  });
});

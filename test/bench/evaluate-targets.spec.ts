import { describe, expect, it } from 'vitest';
import type { ScenarioResult, TargetFigures } from '../../bench/report/bench-report';
import { evaluateTargets } from '../../bench/report/evaluate-targets';

function figures(target: TargetFigures['target'], overrides: Partial<TargetFigures> = {}): TargetFigures {
  return {
    target,
    repetitions: 3,
    throughputPerSecond: 1000,
    p50Ms: 1,
    p99Ms: 2,
    cpuMicrosPerRequest: 100,
    rssIdleMb: 60,
    rssPeakMb: 70,
    rssEndMb: 65,
    requests: 3000,
    errors: 0,
    ...overrides,
  };
}

function scenario(id: string, rows: TargetFigures[], skipped: ScenarioResult['skipped'] = {}): ScenarioResult {
  return { id, title: id, settings: '', unit: 'requests', rows, skipped, extra: {} };
}

const plexusUp = { available: true, detail: 'spawned', idleRssMb: 80 };
const sizes = (connections: number) => ({ nonStreamConcurrencies: [connections], streamConcurrency: 16, openStreams: 1_000, soakRequests: 100_000 });
const find = (verdicts: ReturnType<typeof evaluateTargets>, description: string) => verdicts.find((verdict) => verdict.description === description)!;

describe('evaluateTargets', () => {
  it('judges CPU per request as a ratio to the floor proxy', () => {
    const verdicts = evaluateTargets(
      {
        plexus: plexusUp,
        scenarios: [
          scenario('s1-c16', [figures('direct'), figures('plexus', { cpuMicrosPerRequest: 140 }), figures('floor', { cpuMicrosPerRequest: 100 })]),
          scenario('s2-translated', [figures('plexus', { cpuMicrosPerRequest: 260 }), figures('floor', { cpuMicrosPerRequest: 100 })]),
        ],
      },
      sizes(16),
    );
    expect(find(verdicts, 'same-format non-stream CPU per request, concurrency 16')).toMatchObject({ status: 'met', measured: expect.stringContaining('1.40×') });
    expect(find(verdicts, 'translated non-stream CPU per request (Anthropic client → OpenAI provider)').status).toBe('missed');
    expect(find(verdicts, 'idle RSS').status).toBe('met');
  });

  it('counts a Plexus that failed its preflight as a miss, with the reason', () => {
    const verdicts = evaluateTargets(
      { plexus: plexusUp, scenarios: [scenario('s3-stream-translated-c16', [figures('floor')], { plexus: 'preflight: status 500: boom' })] },
      sizes(16),
    );
    expect(find(verdicts, 'translated streams complete with every event')).toMatchObject({ status: 'missed', measured: 'preflight: status 500: boom' });
  });

  it('fails the completeness target on a single incomplete stream', () => {
    const verdicts = evaluateTargets(
      { plexus: plexusUp, scenarios: [scenario('s3-stream-translated-c16', [figures('plexus', { incomplete: 1 }), figures('floor')])] },
      sizes(16),
    );
    expect(find(verdicts, 'translated streams complete with every event').status).toBe('missed');
  });

  it('leaves everything not measured when Plexus did not run', () => {
    const verdicts = evaluateTargets({ plexus: { available: false, detail: 'not measured: the build failed' }, scenarios: [scenario('s1-c1', [figures('direct'), figures('floor')])] }, sizes(1));
    expect(verdicts.every((verdict) => verdict.status === 'not measured')).toBe(true);
  });
});

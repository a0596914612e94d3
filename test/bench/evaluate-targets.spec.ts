import { describe, expect, it } from 'vitest';
import type { ScenarioResult, TargetFigures } from '../../bench/report/bench-report';
import { evaluateTargets } from '../../bench/report/evaluate-targets';
import { addLatencyOverDirect } from '../../bench/scenarios/run-figures';

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

  it('judges CPU on the median of per-repetition ratios when the repetitions can be paired', () => {
    const reps = (cpus: number[]) => cpus.map((cpuMicrosPerRequest) => ({ cpuMicrosPerRequest, p50Ms: 1, p99Ms: 2 }));
    // The machine was slow during repetition 2 for both; the medians alone (150 vs 100) would say 1.5×.
    const plexus = figures('plexus', { cpuMicrosPerRequest: 150, perRepetition: reps([140, 300, 150]) });
    const floor = figures('floor', { cpuMicrosPerRequest: 100, perRepetition: reps([100, 250, 80]) });
    const verdicts = evaluateTargets({ plexus: plexusUp, scenarios: [scenario('s1-c16', [figures('direct'), plexus, floor])] }, sizes(16));
    const verdict = find(verdicts, 'same-format non-stream CPU per request, concurrency 16');
    expect(verdict.status).toBe('met');
    expect(verdict.measured).toContain('1.40× (median of the per-repetition ratios 1.40, 1.20, 1.88)');
    expect(verdict.measured).toContain('= 1.50×');

    // A repetition missing on one side: nothing to pair, the ratio of the medians decides.
    const unpaired = evaluateTargets(
      { plexus: plexusUp, scenarios: [scenario('s1-c16', [figures('direct'), plexus, figures('floor', { cpuMicrosPerRequest: 90, perRepetition: reps([100, 250]) })])] },
      sizes(16),
    );
    expect(find(unpaired, 'same-format non-stream CPU per request, concurrency 16')).toMatchObject({ status: 'missed', measured: expect.stringContaining('= 1.67×') });
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

describe('addLatencyOverDirect', () => {
  it('adds the median of the per-repetition differences to direct, else the difference of medians', () => {
    const reps = (p50s: number[]) => p50s.map((p50Ms) => ({ cpuMicrosPerRequest: 1, p50Ms, p99Ms: p50Ms * 2 }));
    const rows = addLatencyOverDirect([
      figures('direct', { p50Ms: 1, p99Ms: 2, perRepetition: reps([1, 3, 1]) }),
      figures('plexus', { p50Ms: 1.3, p99Ms: 2.6, perRepetition: reps([1.2, 3.3, 1.3]) }),
      figures('floor', { p50Ms: 1.5, p99Ms: 3 }),
    ]);
    expect(rows[1].addedP50Ms).toBeCloseTo(0.3); // differences 0.2, 0.3, 0.3
    expect(rows[1].addedP99Ms).toBeCloseTo(0.6);
    expect(rows[2].addedP50Ms).toBeCloseTo(0.5); // no repetitions to pair
    expect(rows[0].addedP50Ms).toBeUndefined();
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlexusLauncher } from '../../bench/bench-environment';
import type { BenchOptions } from '../../bench/bench-options';
import { findRepoRoot } from '../../bench/repo-root';
import type { ScenarioResult, TargetFigures } from '../../bench/report/bench-report';
import { renderResultsMarkdown } from '../../bench/report/render-results-markdown';
import { runBenchmark } from '../../bench/run-benchmark';

const repoRoot = findRepoRoot();
const bootstrapPath = join(repoRoot, 'src', 'bootstrap.ts');

/** Tiny sizes of every scenario: seconds in all, no timing assertions. */
const SMOKE_OPTIONS: BenchOptions = {
  quick: true,
  repetitions: 1,
  openStreamsRepetitions: 1,
  loadSeconds: 0.2,
  warmupSeconds: 0,
  nonStreamConcurrencies: [1],
  translatedConcurrency: 2,
  streamConcurrency: 2,
  streamDeltas: 5,
  streamIntervalMs: 1,
  openStreams: 20,
  openStreamsHoldSeconds: 0.3,
  soakRequests: 100,
  soakConnections: 2,
  soakBoundSeconds: 10,
  usageRecords: 500,
  only: ['s1', 's2', 's3', 's4', 's5', 's6'],
  // autocannon takes fractional seconds; full runs use wrk, so both generators stay exercised.
  tool: 'autocannon',
  build: false,
  plexus: true,
  profile: 'never',
  // Plexus runs inside the test process here: keep its per-request log lines out of the output.
  plexusLogLevel: 'warn',
  budgetSeconds: 120,
};

/** Plexus in this process through the lead's startPlexus (no build needed); dist/main.js otherwise. */
const inProcessPlexus: PlexusLauncher | undefined = existsSync(bootstrapPath)
  ? async ({ configPath }) => {
      const { startPlexus } = await import(bootstrapPath);
      const running = await startPlexus({ configPath, watchConfig: false });
      return { name: 'plexus', pid: process.pid, url: running.url, stop: () => running.close() };
    }
  : undefined;

function row(scenario: ScenarioResult | undefined, target: TargetFigures['target']): TargetFigures | undefined {
  return scenario?.rows.find((candidate) => candidate.target === target);
}

function expectSaneRow(figures: TargetFigures | undefined): void {
  expect(figures).toBeDefined();
  expect(figures!.requests).toBeGreaterThan(0);
  expect(figures!.errors).toBe(0);
  expect(figures!.throughputPerSecond).toBeGreaterThan(0);
  expect(figures!.p50Ms).toBeGreaterThan(0);
  expect(figures!.p99Ms).toBeGreaterThanOrEqual(figures!.p50Ms);
  expect(Number.isFinite(figures!.cpuMicrosPerRequest)).toBe(true);
  expect(figures!.rssIdleMb).toBeGreaterThan(0);
  expect(figures!.rssPeakMb).toBeGreaterThanOrEqual(figures!.rssIdleMb);
}

describe('bench smoke', () => {
  it('runs every scenario against the mock, the floor proxy and Plexus and reports sane figures', async () => {
    const report = await runBenchmark({ repoRoot, options: SMOKE_OPTIONS, plexusLauncher: inProcessPlexus });
    const scenario = (id: string) => report.scenarios.find((candidate) => candidate.id === id);
    const targets: Array<TargetFigures['target']> = report.plexus.available ? ['direct', 'plexus', 'floor'] : ['direct', 'floor'];

    expect(report.scenarios.map((candidate) => candidate.id)).toEqual([
      's1-c1',
      's2-translated',
      's3-stream-same-c2',
      's3-stream-translated-c2',
      's3-stream-same-c1',
      's3-stream-translated-c1',
      's4-open-streams',
      's5-soak',
      's6-usage-query',
    ]);
    for (const id of ['s1-c1', 's2-translated', 's3-stream-same-c2', 's3-stream-translated-c1', 's4-open-streams']) {
      expect(scenario(id)!.skipped).toEqual({});
      for (const target of targets) expectSaneRow(row(scenario(id), target));
      expect(row(scenario(id), 'floor')!.addedP50Ms).toEqual(expect.any(Number));
    }
    for (const id of ['s3-stream-same-c2', 's3-stream-translated-c1', 's4-open-streams']) {
      for (const target of targets) {
        expect(row(scenario(id), target)!.incomplete).toBe(0);
        expect(row(scenario(id), target)!.ttfbP50Ms).toBeGreaterThan(0);
      }
    }
    expect(row(scenario('s4-open-streams'), 'floor')!.requests).toBe(SMOKE_OPTIONS.openStreams);
    expect(row(scenario('s5-soak'), 'floor')!.requests).toBeGreaterThanOrEqual(SMOKE_OPTIONS.soakRequests);
    expect(scenario('s5-soak')!.extra['floor RSS growth after warm-up (MB)']).toEqual(expect.any(Number));

    expect(report.targets.length).toBeGreaterThan(10);
    const markdown = renderResultsMarkdown(report);
    expect(markdown).toContain('QUICK RUN');
    expect(markdown).toContain(report.machine.nodeVersion);
    const withAnalysis = renderResultsMarkdown(report, '# Analysis\n\n## Why s1 is slow\n\nwritev is 30 %.\n');
    expect(withAnalysis).toContain('## Causes of the misses');
    expect(withAnalysis).toContain('### Why s1 is slow\n\nwritev is 30 %.');
    expect(withAnalysis).not.toContain('# Analysis');

    if (existsSync(bootstrapPath)) {
      // Once the gateway exists the smoke test insists on measuring it, so the bench cannot rot.
      expect(report.plexus.detail).not.toContain('not measured');
      expect(report.plexus.available).toBe(true);
      expect(scenario('s6-usage-query')!.extra['answers checked']).toMatch(/^page newest-first/);
      expect(report.targets.find((target) => target.description === 'translated streams complete with every event')!.status).toBe('met');
    }
  }, 120_000);
});

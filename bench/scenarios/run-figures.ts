import { median } from '../load/percentile';
import type { StreamLoadResult } from '../load/stream-load';
import type { ProcessUsage } from '../processes/measure-process';
import type { RepetitionFigures, TargetFigures, TargetName } from '../report/bench-report';

/** One measured load run against one target. */
export interface RunFigures {
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ttfbP50Ms?: number;
  ttfbP99Ms?: number;
  /** Requests or streams the CPU time is divided by. */
  count: number;
  errors: number;
  incomplete?: number;
  maxOpen?: number;
  usage: ProcessUsage;
}

const MB = 1024 * 1024;

/** One stream run's figures. Only streams that ended properly count, so a broken translation cannot look cheap. */
export function streamRunFigures(load: StreamLoadResult, usage: ProcessUsage): RunFigures {
  return {
    throughputPerSecond: load.streamsPerSecond,
    p50Ms: load.totalMicros.p50 / 1000,
    p99Ms: load.totalMicros.p99 / 1000,
    ttfbP50Ms: load.ttfbMicros.p50 / 1000,
    ttfbP99Ms: load.ttfbMicros.p99 / 1000,
    count: load.completed,
    errors: load.errors,
    incomplete: load.incomplete,
    maxOpen: load.maxOpen,
    usage,
  };
}

/** Folds a target's repetitions: medians for rates, latencies, CPU per request and RSS; sums for counts. */
export function foldRuns(target: TargetName, runs: RunFigures[]): TargetFigures {
  const pick = (read: (run: RunFigures) => number | undefined) => median(runs.map((run) => read(run) ?? Number.NaN));
  const perRepetition = runs.map((run): RepetitionFigures => {
    const figures: RepetitionFigures = { cpuMicrosPerRequest: cpuPerRequest(run), p50Ms: run.p50Ms, p99Ms: run.p99Ms };
    if (run.ttfbP50Ms !== undefined) figures.ttfbP50Ms = run.ttfbP50Ms;
    return figures;
  });
  const hasStreams = runs.some((run) => run.ttfbP50Ms !== undefined);
  const figures: TargetFigures = {
    target,
    repetitions: runs.length,
    throughputPerSecond: pick((run) => run.throughputPerSecond),
    p50Ms: pick((run) => run.p50Ms),
    p99Ms: pick((run) => run.p99Ms),
    cpuMicrosPerRequest: pick(cpuPerRequest),
    rssIdleMb: pick((run) => run.usage.rssIdleBytes / MB),
    rssPeakMb: pick((run) => run.usage.rssPeakBytes / MB),
    rssEndMb: pick((run) => run.usage.rssEndBytes / MB),
    requests: runs.reduce((sum, run) => sum + run.count, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    perRepetition,
  };
  if (hasStreams) {
    figures.ttfbP50Ms = pick((run) => run.ttfbP50Ms);
    figures.ttfbP99Ms = pick((run) => run.ttfbP99Ms);
    figures.incomplete = runs.reduce((sum, run) => sum + (run.incomplete ?? 0), 0);
  }
  if (runs.some((run) => run.maxOpen !== undefined)) figures.maxOpen = pick((run) => run.maxOpen);
  return figures;
}

function cpuPerRequest(run: RunFigures): number {
  return run.count > 0 ? (run.usage.cpuSeconds / run.count) * 1e6 : Number.NaN;
}

/**
 * Sets each proxied row's added latency against the direct row of the same scenario: the median
 * of the per-repetition differences (repetition i of both ran back to back, so a slow minute of
 * the machine counts against both), or the difference of the medians when there is no pairing.
 */
export function addLatencyOverDirect(rows: TargetFigures[]): TargetFigures[] {
  const direct = rows.find((row) => row.target === 'direct');
  if (direct === undefined) return rows;
  return rows.map((row) => {
    if (row.target === 'direct') return row;
    const added: Partial<TargetFigures> = {
      addedP50Ms: pairedMedian(row, direct, (figures) => figures.p50Ms, (a, b) => a - b) ?? row.p50Ms - direct.p50Ms,
      addedP99Ms: pairedMedian(row, direct, (figures) => figures.p99Ms, (a, b) => a - b) ?? row.p99Ms - direct.p99Ms,
    };
    if (row.ttfbP50Ms !== undefined && direct.ttfbP50Ms !== undefined) {
      added.addedTtfbP50Ms = pairedMedian(row, direct, (figures) => figures.ttfbP50Ms, (a, b) => a - b) ?? row.ttfbP50Ms - direct.ttfbP50Ms;
    }
    return { ...row, ...added };
  });
}

/**
 * The median over repetitions of `combine(a_i, b_i)`; undefined when the two rows do not have
 * the same number of repetitions (nothing to pair) or a figure is missing.
 */
export function pairedMedian(
  a: TargetFigures,
  b: TargetFigures,
  read: (figures: RepetitionFigures) => number | undefined,
  combine: (a: number, b: number) => number,
): number | undefined {
  const left = a.perRepetition;
  const right = b.perRepetition;
  if (left === undefined || right === undefined || left.length !== right.length || left.length === 0) return undefined;
  const values: number[] = [];
  for (let index = 0; index < left.length; index++) {
    const x = read(left[index]);
    const y = read(right[index]);
    if (x === undefined || y === undefined) return undefined;
    values.push(combine(x, y));
  }
  const result = median(values);
  return Number.isNaN(result) ? undefined : result;
}

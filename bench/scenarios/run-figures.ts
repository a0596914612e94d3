import { median } from '../load/percentile';
import type { ProcessUsage } from '../processes/measure-process';
import type { TargetFigures, TargetName } from '../report/bench-report';

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

/** Folds a target's repetitions: medians for rates, latencies, CPU per request and RSS; sums for counts. */
export function foldRuns(target: TargetName, runs: RunFigures[]): TargetFigures {
  const pick = (read: (run: RunFigures) => number | undefined) => median(runs.map((run) => read(run) ?? Number.NaN));
  const hasStreams = runs.some((run) => run.ttfbP50Ms !== undefined);
  const figures: TargetFigures = {
    target,
    repetitions: runs.length,
    throughputPerSecond: pick((run) => run.throughputPerSecond),
    p50Ms: pick((run) => run.p50Ms),
    p99Ms: pick((run) => run.p99Ms),
    cpuMicrosPerRequest: pick((run) => (run.count > 0 ? (run.usage.cpuSeconds / run.count) * 1e6 : Number.NaN)),
    rssIdleMb: pick((run) => run.usage.rssIdleBytes / MB),
    rssPeakMb: pick((run) => run.usage.rssPeakBytes / MB),
    rssEndMb: pick((run) => run.usage.rssEndBytes / MB),
    requests: runs.reduce((sum, run) => sum + run.count, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
  if (hasStreams) {
    figures.ttfbP50Ms = pick((run) => run.ttfbP50Ms);
    figures.ttfbP99Ms = pick((run) => run.ttfbP99Ms);
    figures.incomplete = runs.reduce((sum, run) => sum + (run.incomplete ?? 0), 0);
  }
  if (runs.some((run) => run.maxOpen !== undefined)) figures.maxOpen = pick((run) => run.maxOpen);
  return figures;
}

/** Sets each proxied row's added latency against the direct row of the same scenario. */
export function addLatencyOverDirect(rows: TargetFigures[]): TargetFigures[] {
  const direct = rows.find((row) => row.target === 'direct');
  if (direct === undefined) return rows;
  return rows.map((row) => {
    if (row.target === 'direct') return row;
    const added: Partial<TargetFigures> = { addedP50Ms: row.p50Ms - direct.p50Ms, addedP99Ms: row.p99Ms - direct.p99Ms };
    if (row.ttfbP50Ms !== undefined && direct.ttfbP50Ms !== undefined) added.addedTtfbP50Ms = row.ttfbP50Ms - direct.ttfbP50Ms;
    return { ...row, ...added };
  });
}

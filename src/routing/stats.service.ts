import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { PlexusConfig } from '../config/plexus-config';

/** Samples kept per provider+model: enough for a stable median, small enough to follow change. */
export const STATS_WINDOW = 20;
/** What a failed try counts as for time to first token: slower than any answer worth having. */
export const FAILURE_TTFT_PENALTY_MS = 30_000;

export interface SuccessSample {
  ttftMs: number;
  /** Only for answers long enough to measure a rate. */
  outputTokensPerSecond?: number;
}

/** A target's recent statistics: medians over the last STATS_WINDOW tries, null when unmeasured. */
export interface TargetMetrics {
  samples: number;
  ttftMs: number | null;
  outputTokensPerSecond: number | null;
  /** Failed tries among the samples. */
  failures: number;
  /** Failed tries since its last success. */
  consecutiveFailures: number;
}

export interface TargetStatsSnapshot extends Omit<TargetMetrics, 'consecutiveFailures'> {
  provider: string;
  model: string;
}

interface Sample {
  ttftMs: number;
  outputTokensPerSecond?: number;
  failed: boolean;
}

interface TargetStats {
  provider: string;
  model: string;
  samples: Sample[];
  consecutiveFailures: number;
}

/**
 * Recent time to first token and output speed per provider+model, for the latency and
 * performance selectors. The statistic is the median of a sliding window of the last
 * STATS_WINDOW tries: one slow outlier does not reorder targets, a lasting change does within
 * half a window. A failed try enters the window as a penalty sample (FAILURE_TTFT_PENALTY_MS,
 * 0 tokens/s). Memory is bounded: only targets in the config are tracked (alias targets and
 * provider models) and keys that leave the config are dropped on reload.
 */
@Injectable()
export class StatsService implements OnModuleDestroy {
  private readonly stats = new Map<string, TargetStats>();
  private knownKeys: Set<string>;
  private readonly unsubscribe: () => void;

  constructor(configService: ConfigService) {
    this.knownKeys = configuredKeys(configService.config);
    this.unsubscribe = configService.onChange((snapshot) => {
      this.knownKeys = configuredKeys(snapshot.config);
      for (const key of this.stats.keys()) if (!this.knownKeys.has(key)) this.stats.delete(key);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  recordSuccess(provider: string, model: string, sample: SuccessSample): void {
    const stats = this.statsFor(provider, model);
    if (!stats || !Number.isFinite(sample.ttftMs)) return;
    const rate = sample.outputTokensPerSecond;
    push(stats, { ttftMs: sample.ttftMs, outputTokensPerSecond: rate !== undefined && Number.isFinite(rate) ? rate : undefined, failed: false });
    stats.consecutiveFailures = 0;
  }

  recordFailure(provider: string, model: string): void {
    const stats = this.statsFor(provider, model);
    if (!stats) return;
    push(stats, { ttftMs: FAILURE_TTFT_PENALTY_MS, outputTokensPerSecond: 0, failed: true });
    stats.consecutiveFailures++;
  }

  metrics(provider: string, model: string): TargetMetrics | undefined {
    const stats = this.stats.get(keyOf(provider, model));
    return stats && toMetrics(stats);
  }

  snapshot(): TargetStatsSnapshot[] {
    return [...this.stats.values()].map((stats) => {
      const { consecutiveFailures: _, ...metrics } = toMetrics(stats);
      return { provider: stats.provider, model: stats.model, ...metrics };
    });
  }

  private statsFor(provider: string, model: string): TargetStats | undefined {
    const key = keyOf(provider, model);
    if (!this.knownKeys.has(key)) return undefined;
    let stats = this.stats.get(key);
    if (!stats) {
      stats = { provider, model, samples: [], consecutiveFailures: 0 };
      this.stats.set(key, stats);
    }
    return stats;
  }
}

function push(stats: TargetStats, sample: Sample): void {
  stats.samples.push(sample);
  if (stats.samples.length > STATS_WINDOW) stats.samples.shift();
}

function toMetrics(stats: TargetStats): TargetMetrics {
  const rates: number[] = [];
  for (const sample of stats.samples) if (sample.outputTokensPerSecond !== undefined) rates.push(sample.outputTokensPerSecond);
  return {
    samples: stats.samples.length,
    ttftMs: median(stats.samples.map((sample) => sample.ttftMs)),
    outputTokensPerSecond: median(rates),
    failures: stats.samples.filter((sample) => sample.failed).length,
    consecutiveFailures: stats.consecutiveFailures,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function configuredKeys(config: Readonly<PlexusConfig>): Set<string> {
  const keys = new Set<string>();
  for (const provider of config.providers) for (const model of provider.models) keys.add(keyOf(provider.name, model));
  for (const alias of config.models) for (const target of alias.targets) keys.add(keyOf(target.provider, target.model));
  return keys;
}

function keyOf(provider: string, model: string): string {
  return `${provider}\u0000${model}`;
}

import { median } from '../load/percentile';

export interface RssTrend {
  /** Median RSS of the first and last thirds after warm-up, MB. */
  startMb: number;
  endMb: number;
  /** endMb − startMb: a leak shows as steady growth here. */
  growthMb: number;
  /** Least-squares slope over the post-warm-up samples, MB per minute. */
  slopeMbPerMinute: number;
  samplesUsed: number;
}

/**
 * Whether RSS keeps climbing once warm: compares the median of the last third of the samples
 * after warm-up with the first third's (medians, so one GC cycle's sawtooth does not decide).
 */
export function rssTrend(samples: Array<{ atMs: number; bytes: number }>, warmupFraction = 0.2): RssTrend {
  const after = samples.slice(Math.floor(samples.length * warmupFraction));
  const mb = after.map((sample) => sample.bytes / 2 ** 20);
  const third = Math.max(1, Math.floor(mb.length / 3));
  const startMb = median(mb.slice(0, third));
  const endMb = median(mb.slice(-third));
  return { startMb, endMb, growthMb: endMb - startMb, slopeMbPerMinute: slope(after.map((sample) => sample.atMs / 60_000), mb), samplesUsed: mb.length };
}

function slope(x: number[], y: number[]): number {
  if (x.length < 2) return Number.NaN;
  const meanX = x.reduce((sum, value) => sum + value, 0) / x.length;
  const meanY = y.reduce((sum, value) => sum + value, 0) / y.length;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < x.length; index++) {
    covariance += (x[index] - meanX) * (y[index] - meanY);
    variance += (x[index] - meanX) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

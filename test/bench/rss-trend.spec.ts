import { describe, expect, it } from 'vitest';
import { rssTrend } from '../../bench/report/rss-trend';

const MB = 2 ** 20;
/** 4 minutes of samples every 250 ms: a GC sawtooth between 80 and 90 MB, plus `leakMbPerMinute`. */
function series(leakMbPerMinute: number) {
  return Array.from({ length: 960 }, (_, index) => {
    const atMs = index * 250;
    return { atMs, bytes: (80 + (index % 40) / 4 + (leakMbPerMinute * atMs) / 60_000) * MB };
  });
}

describe('rssTrend', () => {
  it('sees no growth in a steady GC sawtooth', () => {
    const trend = rssTrend(series(0));
    expect(Math.abs(trend.growthMb)).toBeLessThan(1);
    expect(Math.abs(trend.slopeMbPerMinute)).toBeLessThan(0.5);
  });

  it('sees a slow leak under the sawtooth', () => {
    const trend = rssTrend(series(3));
    expect(trend.growthMb).toBeGreaterThan(5);
    expect(trend.slopeMbPerMinute).toBeCloseTo(3, 0);
  });

  it('ignores the warm-up climb', () => {
    const warmingUp = series(0).map((sample, index) => (index < 150 ? { ...sample, bytes: sample.bytes - (150 - index) * MB } : sample));
    expect(Math.abs(rssTrend(warmingUp).growthMb)).toBeLessThan(1);
  });
});

import { readRssBytes } from './process-stats';

export interface RssSample {
  /** ms since the sampler started. */
  atMs: number;
  bytes: number;
}

export interface RssSampler {
  stop(): { peakBytes: number; samples: RssSample[] };
}

/** Samples a process's RSS on a timer; the samples are bounded by the run's own time bound. */
export function startRssSampler(pid: number, intervalMs = 100): RssSampler {
  const startedAt = performance.now();
  const samples: RssSample[] = [];
  let peakBytes = 0;
  const sample = () => {
    try {
      const bytes = readRssBytes(pid);
      peakBytes = Math.max(peakBytes, bytes);
      samples.push({ atMs: performance.now() - startedAt, bytes });
    } catch {
      // The process is gone; the load run reports that as errors.
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakBytes, samples };
    },
  };
}

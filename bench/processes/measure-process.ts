import { readCpuSeconds, readRssBytes } from './process-stats';
import { startRssSampler, type RssSample } from './rss-sampler';

export interface ProcessUsage {
  /** User + system CPU seconds spent during the run. */
  cpuSeconds: number;
  rssIdleBytes: number;
  rssPeakBytes: number;
  rssEndBytes: number;
  samples: RssSample[];
}

/** Runs `run` while reading the process's CPU time before and after and sampling its RSS. */
export async function measureProcess<T>(pid: number, run: () => Promise<T>, sampleIntervalMs = 100): Promise<{ value: T; usage: ProcessUsage }> {
  const rssIdleBytes = readRssBytes(pid);
  const cpuBefore = readCpuSeconds(pid);
  const sampler = startRssSampler(pid, sampleIntervalMs);
  let value: T;
  try {
    value = await run();
  } catch (error) {
    sampler.stop();
    throw error;
  }
  const sampled = sampler.stop();
  const cpuSeconds = readCpuSeconds(pid) - cpuBefore;
  return {
    value,
    usage: { cpuSeconds, rssIdleBytes, rssPeakBytes: Math.max(sampled.peakBytes, rssIdleBytes), rssEndBytes: readRssBytes(pid), samples: sampled.samples },
  };
}

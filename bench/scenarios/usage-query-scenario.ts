import type { BenchContext } from '../bench-context';
import { median } from '../load/percentile';
import { readRssBytes } from '../processes/process-stats';
import { startRssSampler } from '../processes/rss-sampler';
import type { ScenarioResult } from '../report/bench-report';
import type { UsageQueryClient } from './usage-query-client';
import type { WrittenUsageLog } from './write-usage-records';

/**
 * The admin's two usage questions over a large log: the newest page and a per-model summary.
 * Each answer is checked against what was written, so a fast wrong answer cannot pass.
 */
export async function runUsageQueryScenario(
  context: BenchContext,
  client: UsageQueryClient,
  log: WrittenUsageLog,
  plexusPid?: number,
): Promise<ScenarioResult> {
  const { options } = context;
  const result: ScenarioResult = {
    id: 's6-usage-query',
    title: `Usage query and summary over ${log.records.toLocaleString('en')} records`,
    settings: `${log.files} daily files, ${(log.bytes / 2 ** 20).toFixed(0)} MB; ${client.mode}; × ${Math.max(3, options.repetitions)}`,
    unit: 'requests',
    rows: [],
    skipped: {},
    extra: {},
  };
  const repetitions = Math.max(3, options.repetitions);
  const pageTimes: number[] = [];
  const summaryTimes: number[] = [];
  const problems = new Set<string>();
  const sampler = plexusPid === undefined ? undefined : startRssSampler(plexusPid, 50);
  const rssBefore = plexusPid === undefined ? undefined : readRssBytes(plexusPid);
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const pageStart = performance.now();
    const page = await client.firstPage();
    pageTimes.push(performance.now() - pageStart);
    const pageProblem = checkPage(page, log);
    if (pageProblem) problems.add(pageProblem);

    const summaryStart = performance.now();
    const summary = await client.summaryByModel();
    summaryTimes.push(performance.now() - summaryStart);
    const summaryProblem = checkSummary(summary, log);
    if (summaryProblem) problems.add(summaryProblem);
    context.log(`  s6: first page ${pageTimes.at(-1)!.toFixed(1)} ms, summary ${summaryTimes.at(-1)!.toFixed(0)} ms`);
  }
  const sampled = sampler?.stop();
  Object.assign(result.extra, {
    mode: client.mode,
    'first page, first call (ms)': round(pageTimes[0]),
    'first page, median (ms)': round(median(pageTimes)),
    'summary, first call (ms)': round(summaryTimes[0]),
    'summary, median (ms)': round(median(summaryTimes)),
    'answers checked': problems.size === 0 ? 'page newest-first and summary counts match what was written' : [...problems].join('; '),
  });
  if (sampled && rssBefore !== undefined) {
    result.extra['Plexus RSS before → peak during queries (MB)'] = `${(rssBefore / 2 ** 20).toFixed(1)} → ${(sampled.peakBytes / 2 ** 20).toFixed(1)}`;
  }
  return result;
}

function checkPage(page: any, log: WrittenUsageLog): string | undefined {
  const records = page?.records;
  if (!Array.isArray(records)) return 'page: no records[] in the answer';
  if (records.length !== Math.min(100, log.records)) return `page: ${records.length} records, expected ${Math.min(100, log.records)}`;
  if (records[0]?.requestId !== log.newestRequestId) return `page: first record ${records[0]?.requestId}, expected the newest ${log.newestRequestId}`;
  return undefined;
}

function checkSummary(summary: any, log: WrittenUsageLog): string | undefined {
  const groups = summary?.groups;
  if (!Array.isArray(groups)) return 'summary: no groups[] in the answer';
  for (const [model, count] of Object.entries(log.perModel)) {
    const group = groups.find((candidate: any) => candidate.key === model);
    // The Plexus answering here proxies no calls, so nothing but the written records is in the log.
    if (group?.requests !== count) return `summary: ${model} has ${group?.requests} requests, expected ${count}`;
  }
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

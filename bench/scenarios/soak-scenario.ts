import type { BenchContext } from '../bench-context';
import { servingFormat } from '../bench-context';
import { runHttpLoad } from '../load/http-load';
import { preflightNonStream } from '../load/preflight';
import { measureProcess } from '../processes/measure-process';
import type { ScenarioResult } from '../report/bench-report';
import { rssTrend } from '../report/rss-trend';
import { answerText } from '../wire/answer-text';
import { clientRequest } from '../wire/client-request';
import { foldRuns } from './run-figures';

const SAMPLE_MS = 250;
const SERIES_POINTS = 12;

/** A dozen evenly spaced RSS samples, so a reader can see the shape the trend figures summarise. */
function rssSeries(samples: Array<{ atMs: number; bytes: number }>): string {
  if (samples.length === 0) return '–';
  const step = Math.max(1, Math.floor(samples.length / SERIES_POINTS));
  const picked = samples.filter((_, index) => index % step === 0);
  return `${picked.map((sample) => (sample.bytes / 2 ** 20).toFixed(0)).join(' → ')} (every ${((step * SAMPLE_MS) / 1000).toFixed(1)} s)`;
}

/**
 * `soakRequests` non-streamed calls in a row (OpenAI client and provider) through each proxy,
 * once, RSS sampled every 250 ms: the question is the trend across one long run, not a median
 * of short ones. The mock called directly is left out: it has nothing to leak.
 */
export async function runSoakScenario(context: BenchContext, model: string): Promise<ScenarioResult> {
  const { options, fixtures } = context;
  const request = clientRequest(fixtures, 'chat', model, false);
  const result: ScenarioResult = {
    id: 's5-soak',
    title: `${options.soakRequests.toLocaleString('en')} requests in a row, watching RSS`,
    settings:
      `${options.soakRequests} requests per proxy (at most ${options.soakBoundSeconds} s) over ${options.soakConnections} connections with autocannon ` +
      `(wrk cannot stop at a count); RSS every ${SAMPLE_MS} ms, the first 20% of the samples are warm-up`,
    unit: 'requests',
    rows: [],
    skipped: {},
    extra: {},
  };
  for (const target of context.targets.filter((candidate) => candidate.name !== 'direct')) {
    const expected = answerText(servingFormat(target.name, 'chat'), JSON.parse(fixtures.chat.response)) ?? '';
    const problem = await preflightNonStream(target, request, 'chat', expected);
    if (problem !== undefined) {
      result.skipped[target.name] = problem;
      continue;
    }
    const { value: load, usage } = await measureProcess(
      target.pid,
      () =>
        runHttpLoad(options.tool, {
          url: `${target.url}${request.path}`,
          headers: request.headers,
          body: request.body,
          connections: options.soakConnections,
          durationSeconds: options.soakBoundSeconds,
          maxRequests: options.soakRequests,
        }),
      SAMPLE_MS,
    );
    context.log(`  s5 ${target.name}: ${load.requests} requests, ${Math.round(load.requestsPerSecond)} req/s, RSS end ${(usage.rssEndBytes / 2 ** 20).toFixed(1)} MB, errors ${load.errors}`);
    result.rows.push(
      foldRuns(target.name, [
        { throughputPerSecond: load.requestsPerSecond, p50Ms: load.latencyMicros.p50 / 1000, p99Ms: load.latencyMicros.p99 / 1000, count: load.requests, errors: load.errors, usage },
      ]),
    );
    const trend = rssTrend(usage.samples);
    result.extra[`${target.name} requests done`] = load.requests;
    result.extra[`${target.name} RSS after warm-up → end (MB)`] = `${trend.startMb.toFixed(1)} → ${trend.endMb.toFixed(1)}`;
    result.extra[`${target.name} RSS growth after warm-up (MB)`] = Math.round(trend.growthMb * 10) / 10;
    result.extra[`${target.name} RSS slope (MB/min)`] = Math.round(trend.slopeMbPerMinute * 100) / 100;
    result.extra[`${target.name} RSS over the run (MB)`] = rssSeries(usage.samples);
  }
  return result;
}

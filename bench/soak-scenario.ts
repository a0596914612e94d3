import { answerText } from './answer-text';
import { servingFormat, type BenchContext, type BenchTarget } from './bench-context';
import type { ScenarioResult } from './bench-report';
import { clientRequest } from './client-request';
import { runHttpLoad } from './http-load';
import { measureProcess } from './measure-process';
import { preflightNonStream } from './preflight';
import type { RssSample } from './rss-sampler';
import { rssTrend } from './rss-trend';
import { foldRuns, type RunFigures } from './run-figures';

/**
 * `soakRequests` non-streamed calls in a row (OpenAI client and provider) per repetition, RSS
 * sampled every 250 ms; the repetitions of one target run back to back in the same process, so
 * their samples form one series for the trend. Proxies only: the mock has nothing to leak.
 */
export async function runSoakScenario(context: BenchContext, model: string): Promise<ScenarioResult> {
  const { options, fixtures } = context;
  const request = clientRequest(fixtures, 'chat', model, false);
  const result: ScenarioResult = {
    id: 's5-soak',
    title: `${options.soakRequests.toLocaleString('en')} requests in a row, watching RSS`,
    settings: `${options.soakRequests} requests × ${options.repetitions} per target over ${options.soakConnections} connections (autocannon: wrk cannot stop at a count), RSS every 250 ms, first 20% of samples = warm-up`,
    unit: 'requests',
    rows: [],
    skipped: {},
    extra: {},
  };
  const boundSeconds = Math.max(30, Math.ceil(options.soakRequests / 500));
  for (const target of context.targets.filter((candidate) => candidate.name !== 'direct')) {
    const expected = answerText(servingFormat(target.name, 'chat'), JSON.parse(fixtures.chat.response)) ?? '';
    const problem = await preflightNonStream(target, request, 'chat', expected);
    if (problem !== undefined) {
      result.skipped[target.name] = problem;
      continue;
    }
    const runs: RunFigures[] = [];
    const series: RssSample[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      runs.push(await soakOnce(context, target, request, boundSeconds, series));
    }
    result.rows.push(foldRuns(target.name, runs));
    const trend = rssTrend(series);
    result.extra[`${target.name} RSS after warm-up → end (MB)`] = `${trend.startMb.toFixed(1)} → ${trend.endMb.toFixed(1)}`;
    result.extra[`${target.name} RSS growth after warm-up (MB)`] = Math.round(trend.growthMb * 10) / 10;
    result.extra[`${target.name} RSS slope (MB/min)`] = Math.round(trend.slopeMbPerMinute * 100) / 100;
    result.extra[`${target.name} RSS at the end of each repetition (MB)`] = runs.map((run) => (run.usage.rssEndBytes / 2 ** 20).toFixed(1)).join(', ');
  }
  return result;
}

async function soakOnce(
  context: BenchContext,
  target: BenchTarget,
  request: ReturnType<typeof clientRequest>,
  boundSeconds: number,
  series: RssSample[],
): Promise<RunFigures> {
  const { options } = context;
  const offsetMs = series.length > 0 ? series[series.length - 1].atMs + 250 : 0;
  const { value: load, usage } = await measureProcess(
    target.pid,
    () =>
      runHttpLoad(options.tool, {
        url: `${target.url}${request.path}`,
        headers: request.headers,
        body: request.body,
        connections: options.soakConnections,
        durationSeconds: boundSeconds,
        maxRequests: options.soakRequests,
      }),
    250,
  );
  series.push(...usage.samples.map((sample) => ({ atMs: sample.atMs + offsetMs, bytes: sample.bytes })));
  context.log(`  s5 ${target.name}: ${load.requests} requests, ${Math.round(load.requestsPerSecond)} req/s, RSS end ${(usage.rssEndBytes / 2 ** 20).toFixed(1)} MB, errors ${load.errors}`);
  return {
    throughputPerSecond: load.requestsPerSecond,
    p50Ms: load.latencyMicros.p50 / 1000,
    p99Ms: load.latencyMicros.p99 / 1000,
    count: load.requests,
    errors: load.errors,
    usage,
  };
}

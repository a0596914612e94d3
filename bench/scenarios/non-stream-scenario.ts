import { servingFormat, type BenchContext, type BenchTarget } from '../bench-context';
import { runHttpLoad } from '../load/http-load';
import type { HttpLoadSpec } from '../load/http-load-spec';
import { preflightNonStream } from '../load/preflight';
import { measureProcess } from '../processes/measure-process';
import type { ScenarioResult } from '../report/bench-report';
import { answerText } from '../wire/answer-text';
import { clientRequest } from '../wire/client-request';
import type { WireFormat } from '../wire/wire-format';
import { addLatencyOverDirect, foldRuns, type RunFigures } from './run-figures';
import { runInterleaved } from './run-interleaved';

export interface NonStreamScenarioSpec {
  id: string;
  title: string;
  clientFormat: WireFormat;
  connections: number;
  model: string;
}

/** Closed-loop non-streamed calls at a fixed concurrency, every target interleaved. */
export async function runNonStreamScenario(context: BenchContext, spec: NonStreamScenarioSpec): Promise<ScenarioResult> {
  const { options, fixtures } = context;
  const request = clientRequest(fixtures, spec.clientFormat, spec.model, false);
  const result: ScenarioResult = {
    id: spec.id,
    title: spec.title,
    settings: `${spec.connections} connection(s), ${options.loadSeconds} s × ${options.repetitions} per target, ${options.tool}`,
    unit: 'requests',
    rows: [],
    skipped: {},
    extra: {},
  };
  const active: BenchTarget[] = [];
  for (const target of context.targets) {
    const expected = answerText(servingFormat(target.name, spec.clientFormat), JSON.parse(fixtures[servingFormat(target.name, spec.clientFormat)].response));
    const problem = await preflightNonStream(target, request, spec.clientFormat, expected ?? '');
    if (problem === undefined) active.push(target);
    else result.skipped[target.name] = problem;
  }
  const loadSpec = (url: string, durationSeconds: number): HttpLoadSpec => ({
    url: `${url}${request.path}`,
    headers: request.headers,
    body: request.body,
    connections: spec.connections,
    durationSeconds,
  });
  if (options.warmupSeconds > 0) {
    for (const target of active) await runHttpLoad(options.tool, loadSpec(target.url, options.warmupSeconds));
  }
  const runs = await runInterleaved(active, options.repetitions, async (target): Promise<RunFigures> => {
    const { value: load, usage } = await measureProcess(target.pid, () => runHttpLoad(options.tool, loadSpec(target.url, options.loadSeconds)));
    context.log(`  ${spec.id} ${target.name}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${(load.latencyMicros.p50 / 1000).toFixed(3)} ms, errors ${load.errors}`);
    return {
      throughputPerSecond: load.requestsPerSecond,
      p50Ms: load.latencyMicros.p50 / 1000,
      p99Ms: load.latencyMicros.p99 / 1000,
      count: load.requests,
      errors: load.errors,
      usage,
    };
  });
  result.rows = addLatencyOverDirect([...runs].map(([name, targetRuns]) => foldRuns(name, targetRuns)));
  return result;
}

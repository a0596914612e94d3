import { servingFormat, type BenchContext, type BenchTarget } from '../bench-context';
import { preflightStream } from '../load/preflight';
import { runStreamLoad, type StreamLoadSpec } from '../load/stream-load';
import { measureProcess } from '../processes/measure-process';
import type { ScenarioResult } from '../report/bench-report';
import { buildMockStreamFrames } from '../wire/build-mock-stream-frames';
import { clientRequest } from '../wire/client-request';
import { mockModelName } from '../wire/mock-model-shape';
import type { WireFormat } from '../wire/wire-format';
import { addLatencyOverDirect, foldRuns, streamRunFigures, type RunFigures } from './run-figures';
import { runInterleaved } from './run-interleaved';

export interface StreamScenarioSpec {
  id: string;
  title: string;
  clientFormat: WireFormat;
  concurrency: number;
}

/**
 * Closed-loop streams of `streamDeltas` text events, read to the end by every client; only
 * streams that end properly with every event count towards throughput and CPU per stream.
 */
export async function runStreamScenario(context: BenchContext, spec: StreamScenarioSpec): Promise<ScenarioResult> {
  const { options, fixtures } = context;
  const model = mockModelName({ deltas: options.streamDeltas, intervalMs: options.streamIntervalMs });
  const request = clientRequest(fixtures, spec.clientFormat, model, true);
  const result: ScenarioResult = {
    id: spec.id,
    title: spec.title,
    settings: `${spec.concurrency} concurrent streams of ${options.streamDeltas} deltas ${options.streamIntervalMs} ms apart, ${options.loadSeconds} s × ${options.repetitions} per target`,
    unit: 'streams',
    rows: [],
    skipped: {},
    extra: {},
  };
  const expectedFor = (target: BenchTarget) => {
    const frames = buildMockStreamFrames(servingFormat(target.name, spec.clientFormat), fixtures[servingFormat(target.name, spec.clientFormat)].stream, options.streamDeltas);
    return { text: frames.text, deltas: options.streamDeltas };
  };
  const active: BenchTarget[] = [];
  for (const target of context.targets) {
    const problem = await preflightStream(target, request, spec.clientFormat, expectedFor(target));
    if (problem === undefined) active.push(target);
    else result.skipped[target.name] = problem;
  }
  const loadSpec = (target: BenchTarget, durationSeconds: number): StreamLoadSpec => ({
    origin: target.url,
    ...request,
    format: spec.clientFormat,
    expectedText: expectedFor(target).text,
    expectedDeltas: options.streamDeltas,
    concurrency: spec.concurrency,
    durationMs: durationSeconds * 1000,
  });
  if (options.warmupSeconds > 0) {
    for (const target of active) await runStreamLoad(loadSpec(target, options.warmupSeconds));
  }
  const runs = await runInterleaved(active, options.repetitions, async (target): Promise<RunFigures> => {
    const { value: load, usage } = await measureProcess(target.pid, () => runStreamLoad(loadSpec(target, options.loadSeconds)));
    context.log(
      `  ${spec.id} ${target.name}: ${Math.round(load.streamsPerSecond)} streams/s, ttfb p50 ${(load.ttfbMicros.p50 / 1000).toFixed(3)} ms, ` +
        `incomplete ${load.incomplete}, errors ${load.errors}${load.firstProblem ? ` (${load.firstProblem.slice(0, 160)})` : ''}`,
    );
    return streamRunFigures(load, usage);
  });
  result.rows = addLatencyOverDirect([...runs].map(([name, targetRuns]) => foldRuns(name, targetRuns)));
  return result;
}

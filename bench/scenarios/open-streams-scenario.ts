import { servingFormat, type BenchContext, type BenchTarget } from '../bench-context';
import { preflightStream } from '../load/preflight';
import { runStreamLoad } from '../load/stream-load';
import { measureProcess } from '../processes/measure-process';
import type { ScenarioResult } from '../report/bench-report';
import { buildMockStreamFrames } from '../wire/build-mock-stream-frames';
import { clientRequest } from '../wire/client-request';
import { mockModelName } from '../wire/mock-model-shape';
import { addLatencyOverDirect, foldRuns, streamRunFigures, type RunFigures } from './run-figures';
import { runInterleaved } from './run-interleaved';

/** The mock model that holds a stream open for `holdSeconds`: deltas spread evenly over it. */
export function holdModelName(deltas: number, holdSeconds: number): string {
  return mockModelName({ deltas, intervalMs: Math.round((holdSeconds * 1000) / Math.max(1, deltas - 1)) });
}

/**
 * Many slow streams open at once (OpenAI client, OpenAI provider): what each open stream costs
 * in memory. Opens are spread over up to one second; every stream is read to its end.
 */
export async function runOpenStreamsScenario(context: BenchContext): Promise<ScenarioResult> {
  const { options, fixtures } = context;
  const count = options.openStreams;
  const holdSeconds = options.openStreamsHoldSeconds;
  const request = clientRequest(fixtures, 'chat', holdModelName(options.streamDeltas, holdSeconds), true);
  const quickRequest = clientRequest(fixtures, 'chat', mockModelName({ deltas: options.streamDeltas, intervalMs: options.streamIntervalMs }), true);
  const expected = (target: BenchTarget) => ({
    text: buildMockStreamFrames('chat', fixtures[servingFormat(target.name, 'chat')].stream, options.streamDeltas).text,
    deltas: options.streamDeltas,
  });
  const result: ScenarioResult = {
    id: 's4-open-streams',
    title: `${count.toLocaleString('en')} concurrent open streams held ${holdSeconds} s`,
    settings: `${count} streams opened over ${rampMs(holdSeconds) / 1000} s, ${options.streamDeltas} deltas each spread over ${holdSeconds} s, × ${options.openStreamsRepetitions} per target; RSS sampled every 100 ms`,
    unit: 'streams',
    rows: [],
    skipped: {},
    extra: {},
  };
  const active: BenchTarget[] = [];
  for (const target of context.targets) {
    const problem = await preflightStream(target, quickRequest, 'chat', expected(target));
    if (problem === undefined) active.push(target);
    else result.skipped[target.name] = problem;
  }
  const runs = await runInterleaved(active, options.openStreamsRepetitions, async (target): Promise<RunFigures> => {
    const { value: load, usage } = await measureProcess(target.pid, () =>
      runStreamLoad({
        origin: target.url,
        ...request,
        format: 'chat',
        expectedText: expected(target).text,
        expectedDeltas: options.streamDeltas,
        concurrency: count,
        durationMs: (holdSeconds + 15) * 1000,
        streamsPerClient: 1,
        rampMs: rampMs(holdSeconds),
        timeoutMs: (holdSeconds + 15) * 1000,
      }),
    );
    const growthMb = (usage.rssPeakBytes - usage.rssIdleBytes) / 2 ** 20;
    context.log(
      `  s4 ${target.name}: ${load.completed}/${count} complete, max open ${load.maxOpen}, RSS +${growthMb.toFixed(1)} MB, errors ${load.errors}` +
        `${load.firstProblem ? ` (${load.firstProblem.slice(0, 160)})` : ''}`,
    );
    return streamRunFigures(load, usage);
  });
  result.rows = addLatencyOverDirect([...runs].map(([name, targetRuns]) => foldRuns(name, targetRuns)));
  for (const row of result.rows) result.extra[`${row.target} RSS growth peak − idle (MB)`] = round(row.rssPeakMb - row.rssIdleMb);
  return result;
}

/** Opens spread over up to 1 s, never more than half the hold, so all streams overlap. */
export function rampMs(holdSeconds: number): number {
  return Math.min(1_000, holdSeconds * 500);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

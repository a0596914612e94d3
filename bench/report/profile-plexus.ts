import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchTarget } from '../bench-context';
import type { BenchOptions } from '../bench-options';
import type { BenchEnvironment } from '../bench-environment';
import { runHttpLoad } from '../load/http-load';
import { runStreamLoad } from '../load/stream-load';
import { holdModelName, rampMs } from '../scenarios/open-streams-scenario';
import { httpUsageQueryClient } from '../scenarios/usage-query-client';
import type { UsageLogOnDisk } from '../scenarios/usage-scenario-setup';
import { buildMockStreamFrames } from '../wire/build-mock-stream-frames';
import { clientRequest } from '../wire/client-request';
import { mockModelName } from '../wire/mock-model-shape';
import type { WireFormat } from '../wire/wire-format';
import type { ProfileSummary, ScenarioResult, TargetVerdict } from './bench-report';
import { SCENARIO_IDS } from './evaluate-targets';
import { summarizeCpuProfile, type CpuProfile, type ProfileWindow } from './summarize-cpu-profile';

const PROFILE_SECONDS = 5;

/**
 * For each scenario, a fresh Plexus under `node --cpu-prof` runs that scenario's load for a few
 * seconds, exits on SIGTERM (which writes the profile), and the samples taken during the load
 * are summarised.
 */
export async function profilePlexus(
  context: BenchContext,
  environment: BenchEnvironment,
  scenarioIds: string[],
  deadline: number,
  usageLog?: UsageLogOnDisk,
): Promise<ProfileSummary[]> {
  const summaries: ProfileSummary[] = [];
  for (const scenarioId of [...new Set(scenarioIds)]) {
    const load = loadFor(context, scenarioId);
    const label = `${scenarioId}: ${load.description}`;
    if (Date.now() > deadline) {
      summaries.push({ load: label, durationSeconds: 0, busyMs: 0, top: [], byArea: [], error: 'skipped: the run was past its time budget' });
      continue;
    }
    context.log(`profiling Plexus under ${label}…`);
    const profileDir = mkdtempSync(join(environment.workDir, 'cpu-profile-'));
    try {
      const { plexus } = await environment.startPlexus({
        name: `profile-${scenarioId}`,
        cpuProfileDir: profileDir,
        usageDir: scenarioId === SCENARIO_IDS.usage ? usageLog?.directory : undefined,
      });
      let window: ProfileWindow | undefined;
      try {
        const fromMicros = monotonicMicros();
        await load.run({ name: 'plexus', url: plexus.url, pid: plexus.pid });
        // Start-up stays out of a load's profile; it is the whole point of the idle one.
        if (scenarioId !== SCENARIO_IDS.idle) window = { fromMicros, toMicros: monotonicMicros() };
      } finally {
        await plexus.stop();
      }
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file === undefined) throw new Error('Plexus exited without writing a .cpuprofile (did it exit through process.exit on SIGTERM?)');
      if (context.options.profileDir !== undefined) {
        mkdirSync(context.options.profileDir, { recursive: true });
        copyFileSync(join(profileDir, file), join(context.options.profileDir, `${scenarioId}.cpuprofile`));
      }
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
      summaries.push(summarizeCpuProfile(profile, context.repoRoot, label, window));
    } catch (error) {
      summaries.push({ load: label, durationSeconds: 0, busyMs: 0, top: [], byArea: [], error: (error as Error).message });
    }
  }
  return summaries;
}

/**
 * Which scenario loads to profile: every scenario that ran with `--profile`; else, in full runs,
 * those of missed targets, the concurrencies of scenario 1 sharing one profile (16 if missed).
 */
export function chooseProfileLoads(options: BenchOptions, verdicts: TargetVerdict[], scenarios: ScenarioResult[]): string[] {
  if (options.profile === 'never' || (options.profile === 'auto' && options.quick)) return [];
  const ids =
    options.profile === 'always'
      ? scenarios.filter((scenario) => scenario.rows.length > 0 || scenario.id === SCENARIO_IDS.usage).map((scenario) => scenario.id)
      : verdicts.filter((verdict) => verdict.status === 'missed' && verdict.scenarioId !== undefined).map((verdict) => verdict.scenarioId!);
  const sameFormat = ids.filter((id) => id.startsWith('s1-'));
  const chosen = sameFormat.includes(SCENARIO_IDS.sameFormat(16)) ? SCENARIO_IDS.sameFormat(16) : sameFormat[0];
  return [...new Set(ids.filter((id) => !id.startsWith('s1-') || id === chosen))];
}

/** V8 stamps profile samples with the same monotonic clock as process.hrtime, in µs. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

interface ProfileLoad {
  description: string;
  run(target: BenchTarget): Promise<unknown>;
}

function loadFor(context: BenchContext, scenarioId: string): ProfileLoad {
  const { options, fixtures } = context;
  const streamModel = mockModelName({ deltas: options.streamDeltas, intervalMs: options.streamIntervalMs });
  const httpLoad = (format: WireFormat, connections: number): ProfileLoad => {
    const request = clientRequest(fixtures, format, streamModel, false);
    return {
      description: `${format} non-stream, ${connections} connection(s), ${PROFILE_SECONDS} s`,
      run: (target) =>
        runHttpLoad(options.tool, { url: `${target.url}${request.path}`, headers: request.headers, body: request.body, connections, durationSeconds: PROFILE_SECONDS }),
    };
  };
  const streamLoad = (format: WireFormat, model: string, concurrency: number, held: boolean): ProfileLoad => {
    const request = clientRequest(fixtures, format, model, true);
    return {
      description: held ? `${concurrency} held streams` : `${format} streams, ${concurrency} concurrent, ${PROFILE_SECONDS} s`,
      run: (target) =>
        runStreamLoad({
          origin: target.url,
          ...request,
          format,
          expectedText: buildMockStreamFrames('chat', fixtures.chat.stream, options.streamDeltas).text,
          expectedDeltas: options.streamDeltas,
          concurrency,
          durationMs: held ? (options.openStreamsHoldSeconds + 5) * 1000 : PROFILE_SECONDS * 1000,
          streamsPerClient: held ? 1 : undefined,
          rampMs: held ? rampMs(options.openStreamsHoldSeconds) : undefined,
          // Streams still queued when the hold is over are cut: the profile is of the holding.
          timeoutMs: held ? (options.openStreamsHoldSeconds + 5) * 1000 : undefined,
        }),
    };
  };
  const sameFormat = /^s1-c(\d+)$/.exec(scenarioId);
  if (sameFormat) return httpLoad('chat', Number(sameFormat[1]));
  const stream = /^s3-stream-(same|translated)-c(\d+)$/.exec(scenarioId);
  if (stream) return streamLoad(stream[1] === 'same' ? 'chat' : 'messages', streamModel, Number(stream[2]), false);
  switch (scenarioId) {
    case SCENARIO_IDS.translated:
      return httpLoad('messages', options.translatedConcurrency);
    case SCENARIO_IDS.openStreams:
      return streamLoad('chat', holdModelName(options.streamDeltas, options.openStreamsHoldSeconds), options.openStreams, true);
    case SCENARIO_IDS.soak:
      return httpLoad('chat', options.soakConnections);
    case SCENARIO_IDS.idle:
      return {
        description: 'start-up until /health answers, then 1 s idle (what fills the idle RSS)',
        run: () => new Promise((resolve) => setTimeout(resolve, 1_000)),
      };
    case SCENARIO_IDS.usage:
      return {
        description: 'usage first page and summary by model, 3 times',
        run: async (target) => {
          const client = httpUsageQueryClient(target.url);
          for (let index = 0; index < 3; index++) await Promise.all([client.firstPage(), client.summaryByModel()]);
        },
      };
    default:
      return httpLoad('chat', 16);
  }
}

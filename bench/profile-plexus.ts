import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, BenchTarget } from './bench-context';
import type { BenchEnvironment } from './bench-environment';
import type { ProfileSummary } from './bench-report';
import { buildMockStreamFrames } from './build-mock-stream-frames';
import { clientRequest } from './client-request';
import { SCENARIO_IDS } from './evaluate-targets';
import { runHttpLoad } from './http-load';
import { mockModelName } from './mock-model-shape';
import { holdModelName, rampMs } from './open-streams-scenario';
import { runStreamLoad } from './stream-load';
import { summarizeCpuProfile, type CpuProfile } from './summarize-cpu-profile';
import { httpUsageQueryClient } from './usage-query-client';
import type { UsageLogOnDisk } from './usage-scenario-setup';
import type { WireFormat } from './wire-format';

const PROFILE_SECONDS = 5;

/**
 * For each scenario, a fresh Plexus under `node --cpu-prof` runs that scenario's load for a few
 * seconds, exits on SIGTERM (which writes the profile), and the profile is summarised.
 */
export async function profilePlexus(
  context: BenchContext,
  environment: BenchEnvironment,
  scenarioIds: string[],
  usageLog?: UsageLogOnDisk,
): Promise<ProfileSummary[]> {
  const summaries: ProfileSummary[] = [];
  for (const scenarioId of [...new Set(scenarioIds)]) {
    const load = loadFor(context, scenarioId);
    const label = `${scenarioId}: ${load.description}`;
    context.log(`profiling Plexus under ${label}…`);
    const profileDir = mkdtempSync(join(environment.workDir, 'cpu-profile-'));
    try {
      const { plexus } = await environment.startPlexus({
        name: `profile-${scenarioId}`,
        cpuProfileDir: profileDir,
        usageDir: scenarioId === SCENARIO_IDS.usage ? usageLog?.directory : undefined,
      });
      try {
        await load.run({ name: 'plexus', url: plexus.url, pid: plexus.pid });
      } finally {
        await plexus.stop();
      }
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file === undefined) throw new Error('Plexus exited without writing a .cpuprofile (did it exit through process.exit on SIGTERM?)');
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
      summaries.push(summarizeCpuProfile(profile, context.repoRoot, label));
    } catch (error) {
      summaries.push({ load: label, durationSeconds: 0, busyMs: 0, top: [], byArea: [], error: (error as Error).message });
    }
  }
  return summaries;
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
          durationMs: held ? (options.openStreamsHoldSeconds + 30) * 1000 : PROFILE_SECONDS * 1000,
          streamsPerClient: held ? 1 : undefined,
          rampMs: held ? rampMs(options.openStreamsHoldSeconds) : undefined,
        }),
    };
  };
  const sameFormat = /^s1-c(\d+)$/.exec(scenarioId);
  if (sameFormat) return httpLoad('chat', Number(sameFormat[1]));
  switch (scenarioId) {
    case SCENARIO_IDS.translated:
      return httpLoad('messages', options.translatedConcurrency);
    case SCENARIO_IDS.streamSame:
      return streamLoad('chat', streamModel, options.streamConcurrency, false);
    case SCENARIO_IDS.streamTranslated:
      return streamLoad('messages', streamModel, options.streamConcurrency, false);
    case SCENARIO_IDS.openStreams:
      return streamLoad('chat', holdModelName(options.streamDeltas, options.openStreamsHoldSeconds), options.openStreams, true);
    case SCENARIO_IDS.soak:
      return httpLoad('chat', options.soakConnections);
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

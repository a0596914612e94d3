import { join } from 'node:path';
import type { BenchContext } from '../bench-context';
import type { BenchEnvironment } from '../bench-environment';
import type { BenchProcess } from '../processes/child-processes';
import { writePlexusBenchConfig } from '../processes/plexus-bench-config';
import type { ScenarioResult } from '../report/bench-report';
import { directUsageQueryClient, httpUsageQueryClient, probeAdminUsageApi, type UsageQueryClient } from './usage-query-client';
import { runUsageQueryScenario } from './usage-query-scenario';
import { writeUsageRecords, type WrittenUsageLog } from './write-usage-records';

/** Scenario 6's usage log on disk, kept for a profiling run. */
export interface UsageLogOnDisk {
  directory: string;
  log: WrittenUsageLog;
}

/**
 * Writes the usage log, starts a Plexus whose usage storage is that log, and queries it through
 * the admin API, or, while the admin API does not exist yet, through UsageQueryService itself.
 */
export async function runUsageScenario(context: BenchContext, environment: BenchEnvironment, repoRoot: string): Promise<{ result: ScenarioResult; onDisk: UsageLogOnDisk }> {
  const directory = join(environment.workDir, 'usage-log');
  const writeStart = performance.now();
  const log = writeUsageRecords(directory, context.options.usageRecords);
  context.log(`  s6: wrote ${log.records} usage records (${(log.bytes / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`);
  let plexus: BenchProcess | undefined;
  try {
    let client: UsageQueryClient | undefined;
    let configPath: string | undefined;
    let whyDirect = 'Plexus is not running';
    if (environment.plexus !== undefined) {
      const started = await environment.startPlexus({ name: 'plexus-usage', usageDir: directory });
      plexus = started.plexus;
      configPath = started.configPath;
      const problem = await probeAdminUsageApi(plexus.url);
      if (problem === undefined) client = httpUsageQueryClient(plexus.url);
      else whyDirect = problem;
    }
    client ??= directUsageQueryClient(repoRoot, configPath ?? configFor(environment, directory));
    const result = await runUsageQueryScenario(context, client, log, client.mode.startsWith('admin') ? plexus?.pid : undefined);
    if (!client.mode.startsWith('admin')) result.extra['why not over HTTP'] = whyDirect;
    return { result, onDisk: { directory, log } };
  } finally {
    await plexus?.stop();
  }
}

/** Without a running Plexus the direct client still needs a config naming the usage directory. */
function configFor(environment: BenchEnvironment, usageDir: string): string {
  const configPath = join(environment.workDir, 'usage-direct.yaml');
  writePlexusBenchConfig(configPath, { port: 0, mockUrl: environment.mock.url, dataDir: join(environment.workDir, 'usage-direct'), models: ['mock-c1-i0'], usageDir });
  return configPath;
}

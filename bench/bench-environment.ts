import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './bench-options';
import { spawnBenchServer } from './processes/bench-server-process';
import { killAllChildren, type BenchProcess } from './processes/child-processes';
import { findFreePort } from './processes/free-port';
import { writePlexusBenchConfig } from './processes/plexus-bench-config';
import { buildPlexus, spawnPlexus } from './processes/plexus-process';
import { readRssBytes } from './processes/process-stats';

/** Starts Plexus for the bench from a written config file; the default spawns dist/main.js. */
export type PlexusLauncher = (setup: { configPath: string; port: number; logPath: string; cpuProfileDir?: string }) => Promise<BenchProcess>;

export interface PlexusStart {
  plexus: BenchProcess;
  configPath: string;
}

/** The processes under test and the temporary directory they write to. */
export interface BenchEnvironment {
  mock: BenchProcess;
  floor: BenchProcess;
  /** The Plexus of scenarios 1-5, when it runs. */
  plexus?: BenchProcess;
  plexusDetail: string;
  plexusIdleRssMb?: number;
  floorIdleRssMb: number;
  workDir: string;
  /** Another Plexus on the same mock (scenario 6's usage log, profiling runs). */
  startPlexus(extra: { name: string; usageDir?: string; cpuProfileDir?: string }): Promise<PlexusStart>;
  close(): Promise<void>;
}

export interface BenchEnvironmentSetup {
  repoRoot: string;
  options: BenchOptions;
  /** Mock model names Plexus must route. */
  models: string[];
  launcher?: PlexusLauncher;
  log(line: string): void;
}

/**
 * Starts the mock and the floor proxy as child processes, builds and starts Plexus unless told
 * not to, and measures Plexus's idle RSS. Whatever fails to start is reported, never fatal for
 * the rest: without Plexus the bench still measures the mock and the floor.
 */
export async function startBenchEnvironment(setup: BenchEnvironmentSetup): Promise<BenchEnvironment> {
  const workDir = mkdtempSync(join(tmpdir(), 'plexus-bench-'));
  // Also on an abrupt exit (Ctrl-C, a closed stdout pipe), where close() never runs.
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeWorkDir);
  const started: BenchProcess[] = [];
  try {
    const mock = await spawnBenchServer('mock', setup.repoRoot);
    started.push(mock);
    const floor = await spawnBenchServer('floor', setup.repoRoot, mock.url);
    started.push(floor);
    const launcher: PlexusLauncher =
      setup.launcher ?? ((launch) => spawnPlexus({ repoRoot: setup.repoRoot, configPath: launch.configPath, port: launch.port, logPath: launch.logPath, cpuProfileDir: launch.cpuProfileDir }));
    const startPlexus: BenchEnvironment['startPlexus'] = async (extra) => {
      const dataDir = join(workDir, extra.name);
      mkdirSync(dataDir, { recursive: true });
      const configPath = join(dataDir, 'plexus.yaml');
      const port = await findFreePort();
      writePlexusBenchConfig(configPath, { port, mockUrl: mock.url, dataDir, models: setup.models, usageDir: extra.usageDir, logLevel: setup.options.plexusLogLevel });
      const plexus = await launcher({ configPath, port, logPath: join(dataDir, 'plexus.log'), cpuProfileDir: extra.cpuProfileDir });
      started.push(plexus);
      return { plexus, configPath };
    };
    const environment: BenchEnvironment = {
      mock,
      floor,
      plexusDetail: 'not measured (--no-plexus)',
      floorIdleRssMb: readRssBytes(floor.pid) / 2 ** 20,
      workDir,
      startPlexus,
      close: async () => {
        await Promise.all(started.map((child) => child.stop().catch(() => undefined)));
        killAllChildren();
        process.off('exit', removeWorkDir);
        removeWorkDir();
      },
    };
    if (setup.options.plexus) await startMainPlexus(environment, setup);
    return environment;
  } catch (error) {
    await Promise.all(started.map((child) => child.stop().catch(() => undefined)));
    killAllChildren();
    process.off('exit', removeWorkDir);
    removeWorkDir();
    throw error;
  }
}

async function startMainPlexus(environment: BenchEnvironment, setup: BenchEnvironmentSetup): Promise<void> {
  if (setup.launcher === undefined && setup.options.build) {
    setup.log('bringing dist/ up to date (scripts/build-if-needed.mjs)…');
    const buildError = buildPlexus(setup.repoRoot);
    if (buildError !== undefined) {
      environment.plexusDetail = `not measured: the build failed:\n${buildError}`;
      return;
    }
  }
  try {
    const { plexus } = await environment.startPlexus({ name: 'plexus-main' });
    environment.plexus = plexus;
    // Let start-up work settle before calling it idle (in-process, the RSS is not Plexus's alone anyway).
    if (setup.launcher === undefined) await new Promise((resolve) => setTimeout(resolve, 1_000));
    environment.plexusIdleRssMb = readRssBytes(plexus.pid) / 2 ** 20;
    environment.plexusDetail =
      setup.launcher === undefined
        ? `\`node dist/main.js --config <bench config>\` as a child process (pid ${plexus.pid}), NODE_ENV=production, log level ${setup.options.plexusLogLevel ?? 'default'}`
        : `started in-process by the caller (pid ${plexus.pid} is shared with the load generator: CPU figures are not Plexus's alone)`;
  } catch (error) {
    environment.plexusDetail = `not measured: it did not start: ${(error as Error).message}`;
  }
}

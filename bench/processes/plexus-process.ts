import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild, trackChild, waitForHealthy, type BenchProcess } from './child-processes';

export interface SpawnPlexusOptions {
  repoRoot: string;
  configPath: string;
  /** The port written in the config, where /health is polled. */
  port: number;
  /** Plexus's stdout and stderr go here, not through the bench's own pipes. */
  logPath: string;
  /** Run under `node --cpu-prof`; the profile is written here when Plexus exits on SIGTERM. */
  cpuProfileDir?: string;
}

const START_TIMEOUT_MS = 60_000;

/**
 * Brings dist/ up to date the way `npm start` does (scripts/build-if-needed.mjs: tsc only when a
 * source file is newer than dist/main.js); undefined when it succeeded, else the first errors.
 */
export function buildPlexus(repoRoot: string): string | undefined {
  const result = spawnSync(process.execPath, [join('scripts', 'build-if-needed.mjs')], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (result.status === 0 && existsSync(join(repoRoot, 'dist', 'main.js'))) return undefined;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
  return output.split('\n').slice(0, 12).join('\n') || `the build exited with ${result.status}`;
}

/**
 * Starts `node dist/main.js --config FILE` as its own process (its CPU and RSS are what the bench
 * reports) and waits for GET /health. Stopping sends SIGTERM, which Plexus answers with a
 * graceful shutdown, so a `--cpu-prof` profile gets written.
 */
export async function spawnPlexus(options: SpawnPlexusOptions): Promise<BenchProcess> {
  const logFd = openSync(options.logPath, 'a');
  const nodeArgs = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir];
  const child = spawn(process.execPath, [...nodeArgs, join('dist', 'main.js'), '--config', options.configPath], {
    cwd: options.repoRoot,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  closeSync(logFd);
  trackChild(child);
  const url = `http://127.0.0.1:${options.port}`;
  const logTail = () => {
    try {
      return readFileSync(options.logPath, 'utf8').slice(-3000);
    } catch {
      return '(no log)';
    }
  };
  try {
    await waitForHealthy(`${url}/health`, child, START_TIMEOUT_MS, logTail);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`plexus: ${(error as Error).message}`, { cause: error });
  }
  return { name: 'plexus', pid: child.pid!, url, stop: () => stopChild(child, 10_000) };
}

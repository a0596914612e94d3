import { spawn } from 'node:child_process';
import { stopChild, trackChild, type BenchProcess } from './child-processes';
import { compileBenchServers } from './compile-bench-servers';

const START_TIMEOUT_MS = 30_000;

/**
 * Starts the mock upstream or the floor proxy as a child process running bench/serve.ts,
 * compiled to plain JavaScript (see compile-bench-servers.ts). stdin stays an open pipe: when the
 * bench dies, the pipe closes and the child exits on its own.
 */
export function spawnBenchServer(kind: 'mock' | 'floor', repoRoot: string, upstreamUrl?: string): Promise<BenchProcess> {
  const args = [compileBenchServers(repoRoot), kind];
  if (upstreamUrl !== undefined) args.push('--upstream', upstreamUrl);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  trackChild(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`bench ${kind}: ${message}${stderr ? `\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null) => fail(`exited with ${code} before listening`);
    child.once('exit', onEarlyExit);
    child.once('error', (error) => fail(error.message));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const { url } = JSON.parse(stdout.slice(0, newline)) as { url: string };
      resolve({ name: kind, pid: child.pid!, url, stop: () => stopChild(child) });
    });
  });
}

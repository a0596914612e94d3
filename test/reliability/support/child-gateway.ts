import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

export interface ChildGateway {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** The port the config makes it listen on (see freePort). */
  port: number;
  env?: NodeJS.ProcessEnv;
  /** Extra modules loaded before main (after the TypeScript loader), e.g. a resource probe. */
  preload?: string[];
  /** Open an IPC channel (for a preloaded probe to answer on). */
  ipc?: boolean;
  startTimeoutMs?: number;
  /** Output kept in memory, newest last (a soak's request log lines would grow without end). */
  keepOutputChars?: number;
}

/**
 * The real gateway as its own process, started the way `npm run dev` would but without watch:
 * `node -r @swc-node/register src/main.ts --config …` (no build, so it never depends on a stale
 * or shared dist/). Resolves once GET /health answers.
 */
export async function spawnGateway(configPath: string, options: SpawnOptions): Promise<ChildGateway> {
  const preloads = (options.preload ?? []).flatMap((module) => ['-r', module]);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...preloads, 'src/main.ts', '--config', configPath], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const keep = options.keepOutputChars ?? 16 * 1024 * 1024;
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > keep) output = output.slice(-keep);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
    child.once('exit', (code, signal) => resolvePromise({ code, signal })),
  );
  const url = `http://127.0.0.1:${options.port}`;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => (exit = result));
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (exit) throw new Error(`the gateway exited during start-up (code ${exit.code}, signal ${exit.signal}):\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway did not answer /health within ${options.startTimeoutMs ?? 90_000} ms:\n${output.slice(-3000)}`);
    }
    const answered = await fetch(`${url}/health`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 100));
  }
  return { child, url, output: () => output, exited };
}

/** A port nothing listens on right now (the OS picks it; the gateway then binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

/**
 * Child-process entry for the mock upstream and the floor proxy, so each runs on its own event
 * loop and its CPU time can be read from /proc/<pid>/stat. The bench runs it compiled
 * (compile-bench-servers.ts); by hand:
 *   node --import @swc-node/register/esm-register bench/serve.ts mock
 *   node --import @swc-node/register/esm-register bench/serve.ts floor --upstream http://127.0.0.1:PORT
 * Prints one line `{"url":"http://127.0.0.1:PORT"}` when listening. Exits on SIGTERM or when
 * stdin closes, so it never outlives the bench that started it.
 */
import { startFloorProxy } from './floor-proxy';
import { startMockUpstream } from './mock-upstream';
import { findRepoRoot } from './repo-root';
import type { RunningServer } from './running-server';
import { loadWireFixtures } from './wire/wire-fixtures';

async function main(): Promise<void> {
  const [kind, ...rest] = process.argv.slice(2);
  const flag = (name: string) => {
    const index = rest.indexOf(`--${name}`);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  const port = Number(flag('port') ?? 0);
  let server: RunningServer;
  if (kind === 'mock') {
    server = await startMockUpstream({ fixtures: loadWireFixtures(findRepoRoot()), port });
  } else if (kind === 'floor') {
    const upstreamUrl = flag('upstream');
    if (upstreamUrl === undefined) throw new Error('serve floor: --upstream URL is required');
    server = await startFloorProxy({ upstreamUrl, port });
  } else {
    throw new Error(`serve: unknown kind "${kind}" (expected mock or floor)`);
  }
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    const forced = setTimeout(() => process.exit(0), 2_000);
    forced.unref();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});

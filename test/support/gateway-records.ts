import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agent } from 'undici';
import type { ErrorRecord } from '../../src/logging/error-record';
import type { UsageRecord } from '../../src/logging/usage-record';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { UpstreamClientService } from '../../src/providers/upstream-client.service';
import type { TestGateway } from './start-test-gateway';

/**
 * What a running test gateway wrote and holds: its usage and error JSONL lines (read from disk,
 * as an operator would) and its upstream requests still in flight.
 */

/** The usage line of one request, once the gateway has written it (waits for the recorder). */
export async function usageRecordOf(gateway: TestGateway, requestId: string): Promise<UsageRecord> {
  return eventually(async () => (await readLogLines<UsageRecord>(gateway, 'usage')).find((record) => record.requestId === requestId));
}

/** The error-log lines of one request (`attempt` lines for each failed-over try, `request` when it failed). */
export async function errorRecordsOf(gateway: TestGateway, requestId: string, atLeast = 1): Promise<ErrorRecord[]> {
  return eventually(async () => {
    const lines = (await readLogLines<ErrorRecord>(gateway, 'errors')).filter((record) => record.requestId === requestId);
    return lines.length >= atLeast ? lines : undefined;
  });
}

async function readLogLines<T>(gateway: TestGateway, kind: 'usage' | 'errors'): Promise<T[]> {
  await gateway.app.get(UsageRecorder).flush();
  const directory = join(gateway.dataDir, 'logs', kind);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.startsWith(`${kind}-`) && name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * Upstream requests the gateway's undici pools are still running or queueing. The pools are
 * private to UpstreamClientService on purpose; a test reads them to prove nothing is left behind.
 */
export function upstreamRequestsInFlight(gateway: TestGateway): number {
  const service = gateway.app.get(UpstreamClientService) as unknown as { agents: Map<string, Agent> };
  let count = 0;
  for (const agent of service.agents.values()) {
    for (const stats of Object.values(agent.stats)) count += (stats.running ?? 0) + (stats.pending ?? 0);
  }
  return count;
}

/** Polls until `condition` holds (the gateway records and hangs up asynchronously). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the gateway did not write the expected log lines in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

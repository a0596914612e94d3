import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureProcessOutput } from '../support/capture-output';
import { logFileName, utcDay } from '../../src/logging/log-file-name';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { MockUpstream } from '../support/mock-upstream';
import { ADMIN_KEY, CLIENT_KEY, type TestGateway } from '../support/start-test-gateway';
import { sleep, waitUntil } from './support/raw-client';
import { readJsonLines } from './support/read-json-lines';
import { startGateway } from './support/start-gateway';

const FAILURE_LINE = /cannot write usage\/error logs/;
const RECOVERY_LINE = /log writes recovered/;

/**
 * A log disk that fails: requests are served all the same, the failure is logged once (not once
 * per flush) and shown in /v0/health, and when the disk is back every queued record is written.
 * Tests run as root, where chmod does not stop writes, so a failure is a folder whose parent is
 * a regular file (ENOTDIR) or a log file that is a link to /dev/full (ENOSPC).
 */
describe('a failing log disk', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway | undefined;
  let output: string[];

  beforeEach(async () => {
    await upstream.start();
    output = [];
    captureProcessOutput(output);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await gateway?.stop();
    gateway = undefined;
    await upstream.close();
  });

  const logWriter = async () => {
    const response = await fetch(`${gateway!.url}/v0/health`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(response.status).toBe(200);
    return (await response.json()).logWriter as { ok: boolean; lastError?: string; queued: number; dropped: number };
  };

  async function serve(count: number, tag: string): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const requestId = `${tag}-${index}`;
      ids.push(requestId);
      const [path, headers, body] =
        index % 2 === 0
          ? ['/v1/chat/completions', { authorization: `Bearer ${CLIENT_KEY}` }, { model: 'via-messages', stream: index % 4 === 0, messages: [{ role: 'user', content: 'hi' }] }]
          : ['/v1/messages', { 'x-api-key': CLIENT_KEY }, { model: 'via-gemini', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }];
      const response = await fetch(`${gateway!.url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
      await response.text();
    }
    return ids;
  }

  it('keeps serving when the log folder cannot be created (ENOTDIR), logs it once, and writes everything once the folder can be', async () => {
    let blocker = '';
    gateway = await startGateway(upstream.url, {
      mutate(config, dataDir) {
        blocker = join(dataDir, 'blocked');
        writeFileSync(blocker, 'a regular file where the log folder should be');
        config.logging.usage.storagePath = join(blocker, 'usage');
        config.logging.errors.storagePath = join(blocker, 'errors');
        config.logging.debug = { enabled: true, storagePath: join(blocker, 'debug') };
        // Recovery is announced at info level.
        config.logging.level = 'info';
      },
    });
    const served = await serve(20, 'enotdir');

    await waitUntil(() => output.some((line) => FAILURE_LINE.test(line)), 'the failure to be logged', 5_000);
    const health = await logWriter();
    expect(health.ok).toBe(false);
    expect(health.lastError).toMatch(/ENOTDIR|not a directory/);
    expect(health.queued).toBeGreaterThanOrEqual(served.length);
    // More flush ticks go by (one per second) without another line.
    await serve(5, 'enotdir-more');
    await sleep(3_500);
    expect(output.filter((line) => FAILURE_LINE.test(line))).toHaveLength(1);
    // Debug traces go to the same broken folder: also said once, not once per request.
    expect(output.filter((line) => /cannot write debug trace/.test(line))).toHaveLength(1);

    // The disk "recovers": the file becomes the folder it should have been.
    rmSync(blocker);
    mkdirSync(blocker);
    await waitUntil(() => output.some((line) => RECOVERY_LINE.test(line)), 'the recovery to be logged', 5_000);
    expect((await logWriter()).ok).toBe(true);
    const records = readJsonLines(join(blocker, 'usage')).records.map((record) => record.requestId);
    expect(records).toEqual(expect.arrayContaining([...served, 'enotdir-more-4']));
    expect(records).toHaveLength(25);
    expect((await logWriter()).dropped).toBe(0);
  }, 60_000);

  it('keeps serving when the disk is full (ENOSPC) and writes the queued records once there is room', async () => {
    let usageFolder = '';
    gateway = await startGateway(upstream.url, {
      mutate(config, dataDir) {
        usageFolder = join(dataDir, 'usage');
        mkdirSync(usageFolder);
        config.logging.usage.storagePath = usageFolder;
        config.logging.level = 'info';
      },
    });
    // Today's (and, near midnight, tomorrow's) usage file is a link to a device that is always full.
    const days = [utcDay(Date.now())!, utcDay(Date.now() + 60_000)!];
    for (const day of new Set(days)) symlinkSync('/dev/full', join(usageFolder, logFileName('usage', day)));

    const served = await serve(12, 'enospc');
    await waitUntil(() => output.some((line) => FAILURE_LINE.test(line)), 'the failure to be logged', 5_000);
    const health = await logWriter();
    expect(health.ok).toBe(false);
    expect(health.lastError).toMatch(/ENOSPC|no space/i);

    for (const day of new Set(days)) rmSync(join(usageFolder, logFileName('usage', day)), { force: true });
    await gateway.app.get(UsageRecorder).flush();
    await waitUntil(() => output.some((line) => RECOVERY_LINE.test(line)), 'the recovery to be logged', 5_000);
    const records = readJsonLines(usageFolder).records.map((record) => record.requestId);
    expect(records.sort()).toEqual([...served].sort());
  }, 60_000);
});


import { Logger } from '@nestjs/common';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorQueryService } from '../../src/logging/error-query.service';
import { JsonlRecordSink } from '../../src/logging/jsonl-record-sink';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import { testConfigService } from '../support/test-config';

describe('JsonlRecordSink', () => {
  let directory: string;
  let sink: JsonlRecordSink | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-sink-'));
    vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await sink?.onApplicationShutdown();
    sink = undefined;
    vi.restoreAllMocks();
    await rm(directory, { recursive: true, force: true });
  });

  function configFor(usagePath: string, errorsPath = join(directory, 'errors')) {
    return testConfigService({ logging: { usage: { enabled: true, storagePath: usagePath, retentionDays: 30 }, errors: { storagePath: errorsPath, retentionDays: 30 } } });
  }

  const record = (requestId: string, timestamp = '2025-03-10T10:00:00.000Z') => ({ requestId, timestamp, keyName: 'k', status: 'success', usage: {}, cost: { total: 0 } });

  it('creates the directory and writes everything appended on flush (shutdown path)', async () => {
    const usagePath = join(directory, 'nested', 'usage');
    sink = new JsonlRecordSink(configFor(usagePath));
    for (let index = 0; index < 500; index++) sink.append('usage', '2025-03-10T10:00:00.000Z', record(`r${index}`));
    await sink.onApplicationShutdown();
    const text = await readFile(join(usagePath, 'usage-2025-03-10.jsonl'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(500);
    expect(text.endsWith('\n')).toBe(true);
    expect(sink.health()).toEqual({ ok: true, queued: 0, dropped: 0 });
  });

  it('puts each record in the file of its own UTC day, across midnight and for times with an offset', async () => {
    const usagePath = join(directory, 'usage');
    sink = new JsonlRecordSink(configFor(usagePath));
    sink.append('usage', '2025-03-10T23:59:59.999Z', record('late'));
    sink.append('usage', '2025-03-11T00:00:00.000Z', record('midnight'));
    sink.append('usage', '2025-03-10T12:00:00.000Z', record('back'));
    sink.append('usage', '2025-03-11T01:30:00+02:00', record('offset'));
    await sink.flush();
    const ids = async (day: string) => (await readFile(join(usagePath, `usage-${day}.jsonl`), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line).requestId);
    expect(await ids('2025-03-10')).toEqual(['late', 'back', 'offset']);
    expect(await ids('2025-03-11')).toEqual(['midnight']);
  });

  it('a write failure never throws, is logged once, shows in health() and recovers when the disk does', async () => {
    const blocked = join(directory, 'blocked');
    await writeFile(blocked, 'a file where the usage directory should be');
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    sink = new JsonlRecordSink(configFor(blocked, join(directory, 'blocked', 'errors')));

    expect(() => sink!.append('usage', '2025-03-10T10:00:00.000Z', record('first'))).not.toThrow();
    await expect(sink.flush()).resolves.toBeUndefined();
    sink.append('errors', '2025-03-10T10:00:00.000Z', { requestId: 'first-error', time: '2025-03-10T10:00:00.000Z' });
    await sink.flush();
    const failing = sink.health();
    expect(failing).toMatchObject({ ok: false, queued: 2, dropped: 0 });
    expect(failing.lastError).toMatch(/EEXIST|ENOTDIR/);
    expect(Date.parse(failing.since!)).not.toBeNaN();
    expect(logged).toHaveBeenCalledTimes(1);

    await rm(blocked);
    sink.append('usage', '2025-03-10T10:00:01.000Z', record('second'));
    await sink.flush();
    expect(sink.health()).toEqual({ ok: true, queued: 0, dropped: 0 });
    const usageLines = (await readFile(join(blocked, 'usage-2025-03-10.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(usageLines.map((line) => JSON.parse(line).requestId)).toEqual(['first', 'second']);
    expect(await readFile(join(blocked, 'errors', 'errors-2025-03-10.jsonl'), 'utf8')).toContain('first-error');
  });

  it('drops the oldest lines with a counter when the queue overflows while the disk is failing', async () => {
    const blocked = join(directory, 'blocked');
    await writeFile(blocked, '');
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    sink = new JsonlRecordSink(configFor(blocked));
    const lineLength = JSON.stringify(record('r000')).length + 1;
    sink.maxQueuedChars = lineLength * 100;
    for (let index = 0; index < 150; index++) sink.append('usage', '2025-03-10T10:00:00.000Z', record(`r${String(index).padStart(3, '0')}`));
    await sink.flush();
    const health = sink.health();
    expect(health.queued + health.dropped).toBe(150);
    expect(health.queued).toBeLessThanOrEqual(100);
    expect(health.dropped).toBeGreaterThanOrEqual(50);

    await rm(blocked);
    await sink.flush();
    const written = (await readFile(join(blocked, 'usage-2025-03-10.jsonl'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line).requestId);
    expect(written).toHaveLength(health.queued);
    expect(written[written.length - 1]).toBe('r149');
    expect(written[0]).toBe(`r${String(health.dropped).padStart(3, '0')}`);
  });

  it('a partial last line left by a crash is skipped by the readers and does not swallow the next line', async () => {
    const usagePath = join(directory, 'usage');
    const errorsPath = join(directory, 'errors');
    await mkdir(usagePath, { recursive: true });
    await mkdir(errorsPath, { recursive: true });
    const usageFile = join(usagePath, 'usage-2025-03-10.jsonl');
    await writeFile(usageFile, `${JSON.stringify(record('before'))}\n{"requestId":"torn","timest`);
    await writeFile(join(errorsPath, 'errors-2025-03-10.jsonl'), `${JSON.stringify({ requestId: 'e1', time: '2025-03-10T10:00:00.000Z' })}\n{"requestId":"e2","ti`);
    const configService = configFor(usagePath, errorsPath);
    const usage = new UsageQueryService(configService);
    const errors = new ErrorQueryService(configService);

    expect((await usage.query()).records.map((line) => line.requestId)).toEqual(['before']);
    expect((await errors.query()).records.map((line) => line.requestId)).toEqual(['e1']);
    expect((await usage.summary({ groupBy: 'apiKey' })).groups).toMatchObject([{ key: 'k', requests: 1 }]);

    sink = new JsonlRecordSink(configService);
    sink.append('usage', '2025-03-10T11:00:00.000Z', record('after', '2025-03-10T11:00:00.000Z'));
    await sink.flush();
    expect((await usage.query()).records.map((line) => line.requestId)).toEqual(['after', 'before']);
    expect((await usage.summary({ groupBy: 'apiKey' })).groups).toMatchObject([{ key: 'k', requests: 2 }]);

    // A line being written right now has no newline yet: it is not read, even when what has
    // arrived so far happens to parse.
    await appendFile(usageFile, JSON.stringify(record('in-flight', '2025-03-10T12:00:00.000Z')));
    expect((await usage.query()).records.map((line) => line.requestId)).toEqual(['after', 'before']);
    expect((await usage.summary({ groupBy: 'apiKey' })).groups).toMatchObject([{ key: 'k', requests: 2 }]);
  });
});

import { BadRequestException } from '@nestjs/common';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigService } from '../../src/config/config.service';
import { EventBusService } from '../../src/events/event-bus.service';
import { Clock } from '../../src/logging/clock';
import type { CompletedRequestRecord } from '../../src/logging/completed-request-record';
import { ErrorQueryService } from '../../src/logging/error-query.service';
import { JsonlRecordSink } from '../../src/logging/jsonl-record-sink';
import { SecretMasker } from '../../src/logging/secret-masker';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { OpenRouterPriceService } from '../../src/pricing/openrouter-price.service';
import { PricingService } from '../../src/pricing/pricing.service';
import { testConfigService } from '../support/test-config';
import { completedRequest } from './completed-request';

type Row = [id: string, timestamp: string, key: string, alias: string | undefined, provider: string, model: string, status: CompletedRequestRecord['status'], tokens: number[]];

/** [input, cacheRead, cacheWrite, output, reasoning]; written in this order (oldest first). */
const ROWS: Row[] = [
  ['a1', '2025-03-08T09:00:00.000Z', 'team-a', 'smart', 'openai', 'gpt-4o', 'success', [1000, 0, 0, 100, 0]],
  ['a2', '2025-03-08T10:00:00.000Z', 'team-b', 'smart', 'anthropic', 'claude-sonnet-4', 'success', [2000, 500, 100, 300, 50]],
  ['a3', '2025-03-08T23:59:59.000Z', 'team-a', undefined, 'openai', 'gpt-4o', 'error', [0, 0, 0, 0, 0]],
  ['b1', '2025-03-10T00:00:00.000Z', 'team-a', 'fast', 'openai', 'gpt-4o-mini', 'success', [300, 0, 0, 30, 0]],
  ['b2', '2025-03-10T08:00:00.000Z', 'team-b', 'smart', 'anthropic', 'claude-sonnet-4', 'cancelled', [100, 0, 0, 10, 0]],
  ['b3', '2025-03-10T09:00:00.000Z', 'team-a', 'smart', 'openai', 'gpt-4o', 'success', [4000, 1000, 0, 400, 100]],
  ['b4', '2025-03-10T10:00:00.000Z', 'team-b', 'fast', 'openai', 'gpt-4o-mini', 'success', [600, 0, 0, 60, 0]],
];

describe('UsageQueryService and ErrorQueryService over day files', () => {
  let directory: string;
  let configService: ConfigService;
  let usage: UsageQueryService;
  let errors: ErrorQueryService;
  let sink: JsonlRecordSink;
  let recorder: UsageRecorder;

  const ids = (page: { records: Array<{ requestId: string }> }) => page.records.map((record) => record.requestId);

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-query-'));
    configService = testConfigService({
      logging: { usage: { enabled: true, storagePath: join(directory, 'usage'), retentionDays: 30 }, errors: { storagePath: join(directory, 'errors'), retentionDays: 30 } },
      pricing: {
        models: { 'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 }, 'claude-sonnet-4': { inputPer1M: 3, outputPer1M: 15 }, 'gpt-4o-mini': { inputPer1M: 0.15, outputPer1M: 0.6 } },
      },
    });
    sink = new JsonlRecordSink(configService);
    const pricing = new PricingService(configService, new OpenRouterPriceService(configService), new EventBusService());
    let now = Date.parse('2025-03-08T09:00:05.000Z');
    recorder = new UsageRecorder(configService, pricing, sink, new SecretMasker(configService), { now: () => new Date(now) } as Clock);
    for (const [requestId, timestamp, keyName, alias, provider, targetModel, status, [inputTokens, cacheReadTokens, cacheWriteTokens, outputTokens, reasoningTokens]] of ROWS) {
      now = Date.parse(timestamp) + 1000;
      const error = status === 'error' ? { type: 'server_error', message: 'upstream 500' } : undefined;
      recorder.record(
        completedRequest({ requestId, timestamp, keyName, alias, requestedModel: alias ?? targetModel, provider, targetModel, status, error, usage: { inputTokens, cacheReadTokens, cacheWriteTokens, outputTokens, reasoningTokens } }),
      );
    }
    now = Date.parse('2025-03-10T09:00:01.000Z');
    recorder.recordAttemptFailure('b3', 'team-a', { provider: 'anthropic', model: 'claude-sonnet-4', providerApi: 'messages', status: 529, errorType: 'server_error', message: 'overloaded', durationMs: 30 });
    await sink.flush();
    // Foreign files in the same folder are ignored.
    await writeFile(join(directory, 'usage', 'notes.txt'), 'not a log\n');
    await writeFile(join(directory, 'usage', 'usage-backup.jsonl'), `${JSON.stringify({ requestId: 'foreign', timestamp: '2025-03-10T11:00:00.000Z' })}\n`);
    usage = new UsageQueryService(configService);
    errors = new ErrorQueryService(configService);
  });

  afterAll(async () => {
    await sink.onApplicationShutdown();
    await rm(directory, { recursive: true, force: true });
  });

  it('wrote one file per UTC day of the request timestamp', async () => {
    expect((await readdir(join(directory, 'usage'))).sort()).toEqual(['notes.txt', 'usage-2025-03-08.jsonl', 'usage-2025-03-10.jsonl', 'usage-backup.jsonl']);
  });

  it.each([
    { name: 'everything, newest first across days', query: {}, expected: ['b4', 'b3', 'b2', 'b1', 'a3', 'a2', 'a1'] },
    { name: 'by client key', query: { apiKey: 'team-b' }, expected: ['b4', 'b2', 'a2'] },
    { name: 'by provider', query: { provider: 'anthropic' }, expected: ['b2', 'a2'] },
    { name: 'by target model', query: { model: 'gpt-4o-mini' }, expected: ['b4', 'b1'] },
    { name: 'by requested model', query: { model: 'smart' }, expected: ['b3', 'b2', 'a2', 'a1'] },
    { name: 'by alias', query: { alias: 'fast' }, expected: ['b4', 'b1'] },
    { name: 'by status', query: { status: 'error' as const }, expected: ['a3'] },
    { name: 'from inclusive, to exclusive', query: { from: '2025-03-08T10:00:00Z', to: '2025-03-10T08:00:00Z' }, expected: ['b1', 'a3', 'a2'] },
    { name: 'combined filters', query: { apiKey: 'team-a', provider: 'openai', from: new Date('2025-03-09T00:00:00Z') }, expected: ['b3', 'b1'] },
    { name: 'a window with no files', query: { from: '2025-01-01', to: '2025-02-01' }, expected: [] },
  ])('query $name', async ({ query, expected }) => {
    const page = await usage.query(query);
    expect(ids(page)).toEqual(expected);
    expect(page.nextCursor).toBeUndefined();
  });

  it('returns priced records as written', async () => {
    const [record] = (await usage.query({ limit: 1 })).records;
    expect(record).toMatchObject({ requestId: 'b4', keyName: 'team-b', targetModel: 'gpt-4o-mini', cost: { source: 'models', currency: 'USD' } });
    expect(record.cost.total).toBeCloseTo(0.000126, 12);
  });

  it('pages with a cursor, also under a filter', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await usage.query({ limit: 3, cursor });
      pages.push(ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['b4', 'b3', 'b2'], ['b1', 'a3', 'a2'], ['a1']]);

    const first = await usage.query({ apiKey: 'team-a', limit: 2 });
    expect(ids(first)).toEqual(['b3', 'b1']);
    const second = await usage.query({ apiKey: 'team-a', limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['a3', 'a1']);
  });

  it('keeps a cursor stable while new records are appended', async () => {
    const first = await usage.query({ limit: 2 });
    recorder.record(completedRequest({ requestId: 'late', timestamp: '2025-03-10T11:30:00.000Z' }));
    await sink.flush();
    const second = await usage.query({ limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual(['b2', 'b1']);
    expect(ids(await usage.query({ limit: 1 }))).toEqual(['late']);
  });

  it('rejects a cursor it did not produce', async () => {
    await expect(usage.query({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(usage.query({ from: 'yesterday-ish' })).rejects.toThrow(/"from" must be an ISO date/);
  });

  const before = { to: '2025-03-10T11:00:00Z' };
  it.each([
    {
      groupBy: 'apiKey' as const,
      groups: [
        { key: 'team-a', requests: 4, inputTokens: 5300, cacheReadTokens: 1000, cacheWriteTokens: 0, outputTokens: 530, reasoningTokens: 100, cost: 0.020063 },
        { key: 'team-b', requests: 3, inputTokens: 2700, cacheReadTokens: 500, cacheWriteTokens: 100, outputTokens: 370, reasoningTokens: 50, cost: 0.012876 },
      ],
    },
    { groupBy: 'day' as const, groups: [{ key: '2025-03-08', requests: 3, cost: 0.0158 }, { key: '2025-03-10', requests: 4, cost: 0.017139 }] },
    { groupBy: 'provider' as const, groups: [{ key: 'openai', requests: 5, cost: 0.020189 }, { key: 'anthropic', requests: 2, cost: 0.01275 }] },
    { groupBy: 'alias' as const, groups: [{ key: 'smart', requests: 4, cost: 0.03275 }, { key: 'fast', requests: 2, cost: 0.000189 }, { key: '(none)', requests: 1, cost: 0 }] },
    { groupBy: 'model' as const, groups: [{ key: 'gpt-4o', requests: 3, cost: 0.02 }, { key: 'claude-sonnet-4', requests: 2, cost: 0.01275 }, { key: 'gpt-4o-mini', requests: 2, cost: 0.000189 }] },
  ])('summary by $groupBy', async ({ groupBy, groups }) => {
    const summary = await usage.summary({ groupBy, ...before });
    expect(summary.groupBy).toBe(groupBy);
    expect(summary.groups.map((group) => group.key)).toEqual(groups.map((group) => group.key));
    summary.groups.forEach((group, index) => {
      const { cost, ...counts } = groups[index];
      expect(group).toMatchObject(counts);
      expect(group.cost).toBeCloseTo(cost, 12);
    });
  });

  it('summary honours the time window and filters', async () => {
    const summary = await usage.summary({ groupBy: 'provider', from: '2025-03-10T00:00:00Z', to: '2025-03-10T09:30:00Z', status: 'success' });
    expect(summary.groups).toMatchObject([{ key: 'openai', requests: 2, inputTokens: 4300, outputTokens: 430 }]);
    await expect(usage.summary({ groupBy: 'colour' as never })).rejects.toThrow(/"groupBy" must be one of/);
  });

  it('reads the error log newest first with filters and paging', async () => {
    const all = await errors.query();
    expect(all.records.map((record) => [record.kind, record.requestId])).toEqual([
      ['attempt', 'b3'],
      ['request', 'a3'],
    ]);
    expect(all.records[1]).toMatchObject({ time: '2025-03-09T00:00:00.000Z', keyName: 'team-a', provider: 'openai', model: 'gpt-4o', errorType: 'server_error', status: 200, message: 'upstream 500' });
    expect(ids(await errors.query({ kind: 'attempt' }))).toEqual(['b3']);
    expect(ids(await errors.query({ provider: 'openai' }))).toEqual(['a3']);
    expect(ids(await errors.query({ to: '2025-03-09T00:00:00.000Z' }))).toEqual([]);
    const first = await errors.query({ limit: 1 });
    expect(ids(await errors.query({ limit: 1, cursor: first.nextCursor }))).toEqual(['a3']);
  });
});

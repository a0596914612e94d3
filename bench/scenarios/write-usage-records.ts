import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
// Type-only: erased at run time, so the ESM bench loader never loads src/, yet tsc checks the shape.
import type { UsageRecord } from '../../src/logging/usage-record';

export interface WrittenUsageLog {
  records: number;
  files: number;
  bytes: number;
  /** requestId of the last record written: the first one a newest-first page must return. */
  newestRequestId: string;
  /** Records per targetModel, to check a groupBy=model summary against. */
  perModel: Record<string, number>;
}

const MODELS = [
  { alias: 'gpt-4o', provider: 'openai', targetModel: 'gpt-4o-2024-08-06', providerApi: 'chat' },
  { alias: 'claude-sonnet', provider: 'anthropic', targetModel: 'claude-sonnet-4-20250514', providerApi: 'messages' },
  { alias: 'gemini-flash', provider: 'google', targetModel: 'gemini-2.5-flash', providerApi: 'gemini' },
  { alias: 'gpt-4o-mini', provider: 'openai', targetModel: 'gpt-4o-mini', providerApi: 'chat' },
  { alias: 'haiku', provider: 'anthropic', targetModel: 'claude-3-5-haiku-20241022', providerApi: 'messages' },
] as const;
const KEYS = ['team-web', 'team-data', 'ci', 'alice', 'bob', 'batch-jobs'];
const CLIENT_APIS = ['chat', 'messages', 'gemini'] as const;
const FLUSH_BYTES = 4 * 1024 * 1024;

/**
 * Writes `count` usage records as Plexus's usage log does (src/logging: one JSON line per
 * request in `usage-YYYY-MM-DD.jsonl` per UTC day, oldest first within a file), spread evenly
 * over `days` days ending today, with varied keys, models, formats and outcomes.
 */
export function writeUsageRecords(directory: string, count: number, days = 30, now = new Date()): WrittenUsageLog {
  mkdirSync(directory, { recursive: true });
  const perDay = Math.ceil(count / days);
  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * 86_400_000;
  const log: WrittenUsageLog = { records: 0, files: 0, bytes: 0, newestRequestId: '', perModel: {} };
  for (let day = 0; day < days && log.records < count; day++) {
    const dayStart = firstDay + day * 86_400_000;
    const fd = openSync(join(directory, `usage-${new Date(dayStart).toISOString().slice(0, 10)}.jsonl`), 'w');
    log.files++;
    let buffer = '';
    const inDay = Math.min(perDay, count - log.records);
    for (let index = 0; index < inDay; index++) {
      const record = usageRecord(log.records, dayStart + Math.floor((index * 86_400_000) / inDay));
      log.perModel[record.targetModel!] = (log.perModel[record.targetModel!] ?? 0) + 1;
      log.newestRequestId = record.requestId;
      buffer += `${JSON.stringify(record)}\n`;
      log.records++;
      if (buffer.length >= FLUSH_BYTES) {
        log.bytes += writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) log.bytes += writeSync(fd, buffer);
    closeSync(fd);
  }
  return log;
}

function usageRecord(sequence: number, timeMs: number): UsageRecord {
  const model = MODELS[sequence % MODELS.length];
  const clientApi = CLIENT_APIS[(sequence >> 1) % CLIENT_APIS.length];
  const failed = sequence % 97 === 0;
  const inputTokens = 200 + (sequence % 1_800);
  const outputTokens = failed ? 0 : 20 + (sequence % 700);
  const durationMs = 300 + (sequence % 4_000);
  const streamed = sequence % 3 !== 0;
  return {
    requestId: `bench-${sequence.toString(36).padStart(8, '0')}`,
    timestamp: new Date(timeMs).toISOString(),
    keyName: KEYS[sequence % KEYS.length],
    clientApi,
    requestedModel: model.alias,
    alias: model.alias,
    provider: model.provider,
    targetModel: model.targetModel,
    providerApi: model.providerApi,
    streamed,
    translated: clientApi !== model.providerApi,
    status: failed ? 'error' : 'success',
    httpStatus: failed ? 502 : 200,
    attempts: [{ provider: model.provider, model: model.targetModel, providerApi: model.providerApi, status: failed ? 500 : 200, durationMs }],
    usage: { inputTokens, cacheReadTokens: sequence % 5 === 0 ? 128 : 0, cacheWriteTokens: 0, outputTokens, reasoningTokens: sequence % 7 === 0 ? 64 : 0 },
    usageEstimated: false,
    finishReason: failed ? undefined : 'stop',
    durationMs,
    ttftMs: streamed ? 120 + (sequence % 400) : undefined,
    outputTokensPerSecond: failed ? undefined : Math.round((outputTokens / durationMs) * 1000 * 10) / 10,
    error: failed ? { type: 'server_error', message: `provider "${model.provider}" answered 500` } : undefined,
    cost: {
      input: inputTokens * 2.5e-6,
      cached: 0,
      cacheWrite: 0,
      output: outputTokens * 1e-5,
      reasoning: 0,
      total: inputTokens * 2.5e-6 + outputTokens * 1e-5,
      currency: 'USD',
      source: 'models',
      discount: 1,
    },
  };
}

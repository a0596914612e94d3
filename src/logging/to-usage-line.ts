import type { UsageRecord } from './usage-record';

/**
 * The usage line for a priced record, with its fields in one fixed order: the fields summaries
 * read come first, `attempts` and `error` after them, and any field the proxy adds later at the
 * end. extractUsageSummaryFields relies on this order to skip JSON.parse; the upstream error
 * body is left out (it belongs to the error log) and the error and attempt messages are masked.
 */
export function toUsageLine(record: UsageRecord, maskText: (text: string) => string): UsageRecord {
  const ordered = {
    requestId: record.requestId,
    timestamp: record.timestamp,
    keyName: record.keyName,
    clientApi: record.clientApi,
    requestedModel: record.requestedModel,
    alias: record.alias,
    provider: record.provider,
    targetModel: record.targetModel,
    providerApi: record.providerApi,
    streamed: record.streamed,
    translated: record.translated,
    status: record.status,
    httpStatus: record.httpStatus,
    usage: record.usage,
    usageEstimated: record.usageEstimated,
    cost: record.cost,
    outputTokensPerSecond: record.outputTokensPerSecond,
    finishReason: record.finishReason,
    durationMs: record.durationMs,
    ttftMs: record.ttftMs,
    attempts: record.attempts,
  };
  // Known keys keep their place above; keys added to the record later land after them.
  const line: UsageRecord = Object.assign(ordered, record);
  if (record.error) line.error = { type: record.error.type, message: maskText(record.error.message) };
  // A failed attempt's message is the provider's own error text, which can quote the key it was
  // sent ("Incorrect API key provided: sk-…"): masked like the error message, or it reached the
  // usage log and /v0/usage in clear (test/reliability/secrets-never-leak.spec.ts).
  if (record.attempts.some((attempt) => attempt.message !== undefined)) {
    line.attempts = record.attempts.map((attempt) => (attempt.message === undefined ? attempt : { ...attempt, message: maskText(attempt.message) }));
  }
  return line;
}

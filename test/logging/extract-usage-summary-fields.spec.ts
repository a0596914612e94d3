import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractUsageSummaryFields } from '../../src/logging/extract-usage-summary-fields';
import { toUsageLine } from '../../src/logging/to-usage-line';
import type { UsageRecord } from '../../src/logging/usage-record';
import { completedRequest } from './completed-request';

const cost = { input: 1, cached: 0, cacheWrite: 0, output: 2, reasoning: 0, total: 3, currency: 'USD', source: 'models', discount: 1 } as const;

function withoutStatus() {
  const { status: _status, ...rest } = completedRequest();
  return rest;
}

function projection(record: UsageRecord) {
  const { timestamp, keyName, alias, provider, targetModel, requestedModel, status, usage } = record;
  return { timestamp, keyName, alias, provider, targetModel, requestedModel, status, usage, cost: { total: record.cost.total } };
}

/** Strings with the characters that make JSON escaping matter, and key-like text. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('a"b', 'back\\slash\\', '"provider":"x"', 'line\nbreak', '}{', '\\"', 'ümlaut €', '\u0001'),
);
const count = fc.nat({ max: 10_000_000 });

describe('extractUsageSummaryFields', () => {
  it('reads exactly what JSON.parse reads from any line the recorder writes', () => {
    fc.assert(
      fc.property(
        fc.record({
          keyName: tricky,
          requestedModel: tricky,
          alias: fc.option(tricky, { nil: undefined }),
          provider: fc.option(tricky, { nil: undefined }),
          targetModel: fc.option(tricky, { nil: undefined }),
          status: fc.constantFrom('success', 'error', 'cancelled') as fc.Arbitrary<UsageRecord['status']>,
          usage: fc.record({ inputTokens: count, cacheReadTokens: count, cacheWriteTokens: count, outputTokens: count, reasoningTokens: count }),
          total: fc.double({ min: 0, max: 1000, noNaN: true }),
          message: tricky,
          withAttempt: fc.boolean(),
        }),
        ({ total, message, withAttempt, ...fields }) => {
          const record: UsageRecord = {
            ...completedRequest(fields),
            attempts: withAttempt ? [{ provider: 'p"x', model: 'm', providerApi: 'chat', status: 500, errorType: 'server_error', message, durationMs: 1 }] : [],
            error: { type: 'server_error', message },
            cost: { ...cost, total },
          };
          const line = JSON.stringify(toUsageLine(record, (text) => text));
          const extracted = extractUsageSummaryFields(line);
          // Without a top-level provider, an attempt's provider makes the line ambiguous: full parse.
          if (record.provider === undefined && withAttempt) expect(extracted).toBeUndefined();
          else expect(extracted).toEqual(projection(JSON.parse(line)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    { name: 'fields in another order', line: JSON.stringify({ status: 'success', ...withoutStatus(), cost }) },
    { name: 'an alias written after the status', line: JSON.stringify({ ...completedRequest({ alias: undefined }), after: { alias: 'x' }, cost }) },
    { name: 'no usage object', line: JSON.stringify({ ...completedRequest(), usage: undefined, cost }) },
    { name: 'a non-numeric token count', line: JSON.stringify({ ...completedRequest(), usage: { ...completedRequest().usage, inputTokens: 'many' }, cost }) },
    { name: 'a torn line', line: JSON.stringify(toUsageLine({ ...completedRequest(), cost }, (text) => text)).slice(0, 200) },
  ])('gives up (the caller parses fully) on $name', ({ line }) => {
    expect(extractUsageSummaryFields(line)).toBeUndefined();
  });
});

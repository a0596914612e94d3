import type { IrUsage } from '../wire/ir';
import type { UsageRecord } from './usage-record';

/** What a usage summary reads from a line. A full UsageRecord is one too. */
export type UsageSummaryFields = Pick<UsageRecord, 'timestamp' | 'keyName' | 'alias' | 'provider' | 'targetModel' | 'requestedModel' | 'status'> & {
  usage: IrUsage;
  cost: { total: number };
};

const USAGE_KEYS = ['inputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens'] as const;

/**
 * Reads the summary fields of a usage line without JSON.parse, which is most of the cost of
 * summarising a million lines. It relies on the order toUsageLine writes, and on JSON escaping:
 * inside a string value every `"` is written `\"`, so a pattern like `"keyName":"` can only
 * match a real key. Optional fields are looked for between the keys that surround them; when a
 * line is not in the expected shape (another order, a field only found elsewhere, a malformed
 * value) the result is undefined and the caller parses the line fully.
 */
export function extractUsageSummaryFields(line: string): UsageSummaryFields | undefined {
  try {
    const timestamp = stringAt(line, find(line, '"timestamp":"', 0));
    const keyAt = find(line, '"keyName":"', timestamp.end);
    const keyName = stringAt(line, keyAt);
    const requested = stringAt(line, find(line, '"requestedModel":"', keyName.end));
    const statusAt = find(line, '"status":"', requested.end);
    const alias = optionalString(line, '"alias":"', requested.end, statusAt);
    const provider = optionalString(line, '"provider":"', requested.end, statusAt);
    const targetModel = optionalString(line, '"targetModel":"', requested.end, statusAt);
    const status = stringAt(line, statusAt);
    // usage and cost hold no nested objects or braces in strings: each ends at the first `}`.
    const usageStart = find(line, '"usage":{', status.end);
    const usageEnd = find(line, '}', usageStart);
    const usage = {} as IrUsage;
    for (const key of USAGE_KEYS) usage[key] = numberAt(line, findBefore(line, `"${key}":`, usageStart, usageEnd));
    const costStart = find(line, '"cost":{', usageEnd);
    const total = numberAt(line, findBefore(line, '"total":', costStart, find(line, '}', costStart)));
    return {
      timestamp: timestamp.value,
      keyName: keyName.value,
      alias,
      provider,
      targetModel,
      requestedModel: requested.value,
      status: status.value as UsageRecord['status'],
      usage,
      cost: { total },
    };
  } catch {
    return undefined;
  }
}

class NotInExpectedShape extends Error {}

/** The index just after `pattern`, searching from `from`; throws when absent. */
function find(line: string, pattern: string, from: number): number {
  const at = line.indexOf(pattern, from);
  if (at < 0) throw new NotInExpectedShape(pattern);
  return at + pattern.length;
}

/** Like find, but the pattern must start before `before`. */
function findBefore(line: string, pattern: string, from: number, before: number): number {
  const end = find(line, pattern, from);
  if (end - pattern.length >= before) throw new NotInExpectedShape(pattern);
  return end;
}

/** A field between two positions; absent only if it appears nowhere in the line. */
function optionalString(line: string, pattern: string, from: number, before: number): string | undefined {
  const at = line.indexOf(pattern, from);
  if (at >= 0 && at < before) return stringAt(line, at + pattern.length).value;
  if (line.indexOf(pattern) >= 0) throw new NotInExpectedShape(pattern);
  return undefined;
}

/** The JSON string whose contents start at `start` (just after its opening quote). */
function stringAt(line: string, start: number): { value: string; end: number } {
  let end = line.indexOf('"', start);
  while (end > 0 && isEscaped(line, end)) end = line.indexOf('"', end + 1);
  if (end < 0) throw new NotInExpectedShape('unterminated string');
  const raw = line.slice(start, end);
  return { value: raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw, end: end + 1 };
}

/** True when the quote at `index` is preceded by an odd number of backslashes. */
function isEscaped(line: string, index: number): boolean {
  let backslashes = 0;
  for (let position = index - 1; position >= 0 && line.charCodeAt(position) === 0x5c; position--) backslashes++;
  return backslashes % 2 === 1;
}

function numberAt(line: string, start: number): number {
  let end = start;
  while (end < line.length) {
    const code = line.charCodeAt(end);
    if (code === 0x2c || code === 0x7d) break;
    end++;
  }
  const value = Number(line.slice(start, end));
  if (end === start || !Number.isFinite(value)) throw new NotInExpectedShape('number');
  return value;
}

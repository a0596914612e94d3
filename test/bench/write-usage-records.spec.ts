import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeUsageRecords } from '../../bench/scenarios/write-usage-records';

let directory: string | undefined;
afterEach(() => directory && rmSync(directory, { recursive: true, force: true }));

describe('writeUsageRecords', () => {
  it('writes one JSONL file per UTC day, oldest first, in the usage log naming', () => {
    directory = mkdtempSync(join(tmpdir(), 'bench-usage-'));
    const log = writeUsageRecords(directory, 1_000, 10, new Date('2026-03-10T12:00:00Z'));
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(10);
    expect(files[0]).toBe('usage-2026-03-01.jsonl');
    expect(files[9]).toBe('usage-2026-03-10.jsonl');

    const lines = files.flatMap((file) => readFileSync(join(directory!, file), 'utf8').trimEnd().split('\n'));
    expect(lines).toHaveLength(1_000);
    const records = lines.map((line) => JSON.parse(line));
    expect(records.at(-1).requestId).toBe(log.newestRequestId);
    expect(records.every((record, index) => index === 0 || record.timestamp >= records[index - 1].timestamp)).toBe(true);
    expect(Object.values(log.perModel).reduce((sum, count) => sum + count, 0)).toBe(1_000);
    expect(records[1]).toMatchObject({ status: 'success', usage: { inputTokens: expect.any(Number) }, cost: { currency: 'USD' } });
  });
});

import { BadRequestException, Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { buildUsageMatcher } from './build-usage-matcher';
import { clampPageLimit } from './clamp-page-limit';
import { extractUsageSummaryFields, type UsageSummaryFields } from './extract-usage-summary-fields';
import { listLogFiles } from './list-log-files';
import { parseLine, readLogPage } from './read-log-page';
import { readLinesForward } from './read-lines-forward';
import { parseTimeRange } from './time-range';
import type { UsageGroupBy, UsagePage, UsageQuery, UsageSummary, UsageSummaryGroup, UsageSummaryQuery } from './usage-query';
import type { UsageRecord } from './usage-record';
import { usageSummaryKey } from './usage-summary-key';

const GROUP_BY: readonly UsageGroupBy[] = ['apiKey', 'alias', 'provider', 'model', 'day'];

/**
 * Reads the usage log back for the admin API: newest-first pages (each day file read from its
 * end) and summaries streamed line by line, so neither holds the log in memory. Summaries read
 * only the fields they need from each line when it is in the recorder's shape.
 */
@Injectable()
export class UsageQueryService {
  constructor(private readonly configService: ConfigService) {}

  async query(query: UsageQuery = {}): Promise<UsagePage> {
    const range = parseTimeRange(query.from, query.to);
    return readLogPage<UsageRecord>({
      kind: 'usage',
      directory: this.directory,
      fromDay: range.fromDay,
      toDay: range.toDay,
      limit: clampPageLimit(query.limit),
      cursor: query.cursor,
      matches: buildUsageMatcher(query, range),
    });
  }

  async summary(query: UsageSummaryQuery): Promise<UsageSummary> {
    if (!GROUP_BY.includes(query.groupBy)) throw new BadRequestException(`"groupBy" must be one of ${GROUP_BY.join(', ')}, got "${query.groupBy}"`);
    const range = parseTimeRange(query.from, query.to);
    const matches = buildUsageMatcher(query, range);
    const groups = new Map<string, UsageSummaryGroup>();
    const files = await listLogFiles(this.directory, 'usage', range.fromDay, range.toDay);
    for (const file of files) {
      await readLinesForward(file.path, (text) => {
        const record = extractUsageSummaryFields(text) ?? parseLine<UsageRecord>(text);
        if (record === undefined || !matches(record)) return;
        addToGroup(groups, usageSummaryKey(record, query.groupBy), record);
      });
    }
    const ordered = [...groups.values()].sort(
      query.groupBy === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.cost - a.cost || a.key.localeCompare(b.key),
    );
    return { groupBy: query.groupBy, groups: ordered };
  }

  private get directory(): string {
    return this.configService.config.logging.usage.storagePath;
  }
}

function addToGroup(groups: Map<string, UsageSummaryGroup>, key: string, record: UsageSummaryFields): void {
  let group = groups.get(key);
  if (!group) {
    group = { key, requests: 0, inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, cost: 0 };
    groups.set(key, group);
  }
  const usage = record.usage;
  group.requests += 1;
  group.inputTokens += usage?.inputTokens ?? 0;
  group.cacheReadTokens += usage?.cacheReadTokens ?? 0;
  group.cacheWriteTokens += usage?.cacheWriteTokens ?? 0;
  group.outputTokens += usage?.outputTokens ?? 0;
  group.reasoningTokens += usage?.reasoningTokens ?? 0;
  group.cost += record.cost?.total ?? 0;
}

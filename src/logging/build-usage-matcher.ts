import { inTimeRange, type TimeRange } from './time-range';
import type { UsageFilter } from './usage-query';
import type { UsageSummaryFields } from './extract-usage-summary-fields';

/** The predicate for a usage filter (time window already parsed). */
export function buildUsageMatcher(filter: UsageFilter, range: TimeRange): (record: UsageSummaryFields) => boolean {
  return (record) =>
    (filter.apiKey === undefined || record.keyName === filter.apiKey) &&
    (filter.alias === undefined || record.alias === filter.alias) &&
    (filter.provider === undefined || record.provider === filter.provider) &&
    (filter.model === undefined || record.targetModel === filter.model || record.requestedModel === filter.model) &&
    (filter.status === undefined || record.status === filter.status) &&
    inTimeRange(range, record.timestamp);
}

import { utcDay } from './log-file-name';
import type { UsageGroupBy } from './usage-query';
import type { UsageSummaryFields } from './extract-usage-summary-fields';

/** Stands for a missing value (no alias, no provider reached) in a summary key. */
export const NONE_KEY = '(none)';

/** The group a usage record counts toward; `model` is the provider's model, else the requested one. */
export function usageSummaryKey(record: UsageSummaryFields, groupBy: UsageGroupBy): string {
  switch (groupBy) {
    case 'apiKey':
      return record.keyName ?? NONE_KEY;
    case 'alias':
      return record.alias ?? NONE_KEY;
    case 'provider':
      return record.provider ?? NONE_KEY;
    case 'model':
      return record.targetModel ?? record.requestedModel ?? NONE_KEY;
    case 'day':
      return utcDay(record.timestamp) ?? NONE_KEY;
  }
}

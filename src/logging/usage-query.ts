import type { UsageRecord } from './usage-record';

export type UsageStatus = UsageRecord['status'];

/** Filters shared by the usage list and summary. All are exact matches; `model` matches the requested or the target model. */
export interface UsageFilter {
  /** Inclusive, ISO time or Date. */
  from?: string | Date;
  /** Exclusive, ISO time or Date. */
  to?: string | Date;
  /** The client key's name. */
  apiKey?: string;
  alias?: string;
  provider?: string;
  model?: string;
  status?: UsageStatus;
}

export interface UsageQuery extends UsageFilter {
  /** 1..1000, default 100. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface UsagePage {
  /** Newest first (by the order they were written, i.e. when each request ended). */
  records: UsageRecord[];
  nextCursor?: string;
}

export type UsageGroupBy = 'apiKey' | 'alias' | 'provider' | 'model' | 'day';

export interface UsageSummaryQuery extends UsageFilter {
  groupBy: UsageGroupBy;
}

export interface UsageSummaryGroup {
  key: string;
  requests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** USD total after discounts. */
  cost: number;
}

export interface UsageSummary {
  groupBy: UsageGroupBy;
  /** `day` groups oldest first; other groups by cost, highest first. */
  groups: UsageSummaryGroup[];
}

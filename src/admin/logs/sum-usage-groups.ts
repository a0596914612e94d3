import type { UsageSummaryGroup } from '../../logging/usage-query';

export type UsageTotals = Omit<UsageSummaryGroup, 'key'>;

/** The totals over every group; cost rounded to 1e-10 USD so float noise does not show. */
export function sumUsageGroups(groups: readonly UsageSummaryGroup[]): UsageTotals {
  const totals: UsageTotals = { requests: 0, inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, cost: 0 };
  for (const group of groups) {
    totals.requests += group.requests;
    totals.inputTokens += group.inputTokens;
    totals.cacheReadTokens += group.cacheReadTokens;
    totals.cacheWriteTokens += group.cacheWriteTokens;
    totals.outputTokens += group.outputTokens;
    totals.reasoningTokens += group.reasoningTokens;
    totals.cost += group.cost;
  }
  totals.cost = Math.round(totals.cost * 1e10) / 1e10;
  return totals;
}

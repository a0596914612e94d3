import type { PriceTier } from '../config/plexus-config';

/**
 * The first tier (by ascending `maxInputTokens`) whose ceiling covers the request's total input
 * tokens; above the last ceiling, the last tier. Unknown totals (undefined) get the first tier.
 */
export function selectPriceTier(tiers: readonly PriceTier[], totalInputTokens: number | undefined): PriceTier | undefined {
  if (tiers.length === 0) return undefined;
  const ordered = [...tiers].sort((a, b) => a.maxInputTokens - b.maxInputTokens);
  if (totalInputTokens === undefined) return ordered[0];
  return ordered.find((tier) => tier.maxInputTokens >= totalInputTokens) ?? ordered[ordered.length - 1];
}

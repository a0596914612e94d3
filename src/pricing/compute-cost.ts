import type { IrUsage } from '../wire/ir';
import type { CostBreakdown } from './cost-breakdown';
import type { EffectivePrice } from './effective-price';

const PER_MILLION = 1_000_000;

/**
 * Prices normalised usage (IrUsage: `inputTokens` excludes cache reads and writes,
 * `outputTokens` includes `reasoningTokens`). Missing cache and reasoning prices fall back to
 * the input and output price, which is how providers bill when they publish no separate rate.
 */
export function computeCost(price: EffectivePrice, usage: IrUsage, discount: number): CostBreakdown {
  const reasoningTokens = Math.max(0, usage.reasoningTokens);
  const plainOutputTokens = Math.max(0, usage.outputTokens - reasoningTokens);
  const part = (tokens: number, per1M: number): number => ((Math.max(0, tokens) * per1M) / PER_MILLION) * discount;

  const input = part(usage.inputTokens, price.inputPer1M);
  const cached = part(usage.cacheReadTokens, price.cachedPer1M ?? price.inputPer1M);
  const cacheWrite = part(usage.cacheWriteTokens, price.cacheWritePer1M ?? price.inputPer1M);
  const output = part(plainOutputTokens, price.outputPer1M);
  const reasoning = part(reasoningTokens, price.reasoningPer1M ?? price.outputPer1M);
  return {
    input,
    cached,
    cacheWrite,
    output,
    reasoning,
    total: input + cached + cacheWrite + output + reasoning,
    currency: 'USD',
    source: price.source,
    discount,
  };
}

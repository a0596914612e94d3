import type { PriceSource } from './effective-price';

/**
 * USD cost of one request. Every component already includes the discount, so they add up to
 * `total`. Full precision: nothing is rounded to cents.
 */
export interface CostBreakdown {
  /** Uncached input tokens. */
  input: number;
  /** Cache reads. */
  cached: number;
  cacheWrite: number;
  /** Output tokens that are not reasoning tokens. */
  output: number;
  reasoning: number;
  total: number;
  currency: 'USD';
  source: PriceSource;
  /** Multiplier applied (1 = no discount). */
  discount: number;
}

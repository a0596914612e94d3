/** Where a price came from, in lookup order; `none` means no price is known (cost 0). */
export type PriceSource = 'tiered' | 'models' | 'openrouter' | 'none';

/** A per-million-token price resolved for one request. */
export interface EffectivePrice {
  source: PriceSource;
  inputPer1M: number;
  outputPer1M: number;
  /** Cache reads; the input price when absent. */
  cachedPer1M?: number;
  /** Reasoning tokens; the output price when absent. */
  reasoningPer1M?: number;
  /** Cache writes; the input price when absent. */
  cacheWritePer1M?: number;
}

export const NO_PRICE: Readonly<EffectivePrice> = Object.freeze({ source: 'none', inputPer1M: 0, outputPer1M: 0 });

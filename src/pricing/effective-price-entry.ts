import type { PriceTier } from '../config/plexus-config';
import type { EffectivePrice } from './effective-price';

/** One row of the admin price list: what a provider's model costs and why. */
export interface EffectivePriceEntry extends EffectivePrice {
  provider: string;
  model: string;
  /** The configured tiers when `source` is `tiered` (the price fields show the first tier). */
  tiers?: PriceTier[];
  discount: number;
}

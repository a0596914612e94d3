import type { ModelPrice, PricingConfig } from '../config/plexus-config';
import type { EffectivePrice } from './effective-price';
import { selectPriceTier } from './select-price-tier';

/**
 * A flat or tier price as it may appear in YAML: the optional cache and reasoning rates are
 * honoured when present on either (the config types only promise them on flat prices).
 */
type ConfiguredPrice = Pick<ModelPrice, 'inputPer1M' | 'outputPer1M'> &
  Partial<Pick<ModelPrice, 'cachedPer1M' | 'reasoningPer1M'>> & { cacheWritePer1M?: number };

/**
 * The configured price for a provider's model. A `provider/model` key is an override for one
 * provider, so it wins over the plain model key in either map (tiered or flat); within the same
 * key, a tiered price wins over a flat one.
 */
export function findConfiguredPrice(
  pricing: Readonly<PricingConfig>,
  providerName: string,
  model: string,
  totalInputTokens?: number,
): EffectivePrice | undefined {
  for (const key of [`${providerName}/${model}`, model]) {
    const tiers = pricing.tiered[key];
    const tier = tiers ? selectPriceTier(tiers, totalInputTokens) : undefined;
    if (tier) return toEffectivePrice('tiered', tier);
    const flat = pricing.models[key];
    if (flat) return toEffectivePrice('models', flat);
  }
  return undefined;
}

function toEffectivePrice(source: 'tiered' | 'models', price: ConfiguredPrice): EffectivePrice {
  const result: EffectivePrice = { source, inputPer1M: price.inputPer1M, outputPer1M: price.outputPer1M };
  if (price.cachedPer1M !== undefined) result.cachedPer1M = price.cachedPer1M;
  if (price.reasoningPer1M !== undefined) result.reasoningPer1M = price.reasoningPer1M;
  if (price.cacheWritePer1M !== undefined) result.cacheWritePer1M = price.cacheWritePer1M;
  return result;
}

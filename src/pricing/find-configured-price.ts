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
 * The configured price for a provider's model, in the order docs/CONFIGURATION.md promises:
 * `tiered`, then `models`, each first by the `provider/model` key (an override for one
 * provider), then by the plain model name.
 */
export function findConfiguredPrice(
  pricing: Readonly<PricingConfig>,
  providerName: string,
  model: string,
  totalInputTokens?: number,
): EffectivePrice | undefined {
  const keys = [`${providerName}/${model}`, model];
  for (const key of keys) {
    const tiers = pricing.tiered[key];
    const tier = tiers ? selectPriceTier(tiers, totalInputTokens) : undefined;
    if (tier) return toEffectivePrice('tiered', tier);
  }
  for (const key of keys) {
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

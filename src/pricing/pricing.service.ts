import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { EventBusService } from '../events/event-bus.service';
import type { IrUsage } from '../wire/ir';
import { computeCost } from './compute-cost';
import type { CostBreakdown } from './cost-breakdown';
import { NO_PRICE, type EffectivePrice } from './effective-price';
import type { EffectivePriceEntry } from './effective-price-entry';
import { findConfiguredPrice } from './find-configured-price';
import { OpenRouterPriceService, type OpenRouterCacheStatus } from './openrouter-price.service';
import { PriceEstimator } from './price-estimator';
import { resolveDiscount } from './resolve-discount';

/**
 * Prices usage for a provider's model: `pricing.tiered`, then `pricing.models` (a
 * `provider/model` key before the plain model in each), then OpenRouter when enabled, else
 * unknown (cost 0, source `none`). Reads the config at every call so hot reloads apply.
 */
@Injectable()
export class PricingService extends PriceEstimator implements OnModuleDestroy {
  private readonly stopListening: () => void;

  constructor(
    private readonly configService: ConfigService,
    private readonly openRouter: OpenRouterPriceService,
    private readonly eventBus: EventBusService,
  ) {
    super();
    this.stopListening = openRouter.onRefreshed(() => {
      const status = openRouter.status();
      this.eventBus.publish('pricing.refreshed', { source: 'openrouter', modelCount: status.modelCount, fetchedAt: status.fetchedAt });
    });
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  /** `totalInputTokens` (uncached + cache read + cache write) picks the tier of a tiered price. */
  priceFor(providerName: string, model: string, totalInputTokens?: number): EffectivePrice {
    const pricing = this.configService.config.pricing;
    const configured = findConfiguredPrice(pricing, providerName, model, totalInputTokens);
    if (configured) return configured;
    if (pricing.openrouter.enabled) {
      const price = this.openRouter.find(model);
      if (price) return { source: 'openrouter', ...price };
    }
    return { ...NO_PRICE };
  }

  cost(providerName: string, model: string, usage: IrUsage): CostBreakdown {
    const totalInputTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    const price = this.priceFor(providerName, model, totalInputTokens);
    return computeCost(price, usage, resolveDiscount(this.configService.config, providerName));
  }

  override estimateCostUsd(providerName: string, model: string, usage: IrUsage): number | undefined {
    const breakdown = this.cost(providerName, model, usage);
    return breakdown.source === 'none' ? undefined : breakdown.total;
  }

  /** Every provider model the config can route to (provider lists and alias targets), priced. */
  listEffectivePrices(): EffectivePriceEntry[] {
    const config = this.configService.config;
    const pairs = new Map<string, { provider: string; model: string }>();
    const add = (provider: string, model: string) => pairs.set(`${provider}\u0000${model}`, { provider, model });
    for (const provider of config.providers) for (const model of provider.models) add(provider.name, model);
    for (const alias of config.models) for (const target of alias.targets) add(target.provider, target.model);

    return [...pairs.values()].map(({ provider, model }) => {
      const entry: EffectivePriceEntry = { provider, model, ...this.priceFor(provider, model), discount: resolveDiscount(config, provider) };
      if (entry.source === 'tiered') entry.tiers = [...(config.pricing.tiered[`${provider}/${model}`] ?? config.pricing.tiered[model])];
      return entry;
    });
  }

  openRouterCacheAge(): OpenRouterCacheStatus {
    return this.openRouter.status();
  }
}

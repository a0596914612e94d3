import type { IrUsage } from '../wire/ir';

/**
 * What routing's `cost` selector needs from pricing, as an abstract class so it doubles as the
 * injection token (PricingService provides it).
 */
export abstract class PriceEstimator {
  /** USD for this usage on this provider+model after discounts, or undefined when no price is known. */
  abstract estimateCostUsd(providerName: string, model: string, usage: IrUsage): number | undefined;
}

import { Injectable } from '@nestjs/common';
import { PriceEstimator } from '../../pricing/price-estimator';
import { emptyUsage, type IrUsage } from '../../wire/ir';
import type { RouteCandidate, RouteRequest } from '../route-plan';
import { TargetSelector } from '../target-selector';

/**
 * Output tokens assumed when the client sets no max: a typical answer length, so a model with
 * cheap input but dear output is not favoured just because the output side was left at zero.
 */
export const DEFAULT_COST_OUTPUT_TOKENS = 1024;

/**
 * Cheapest first for this request: each target priced (discounts and tiers included, by
 * PriceEstimator) at the request's input token estimate and its max output tokens. Targets with
 * no known price go last, in config order: an unknown price must never win.
 */
@Injectable()
export class CostSelector extends TargetSelector {
  readonly name = 'cost' as const;

  constructor(private readonly prices: PriceEstimator) {
    super();
  }

  order(candidates: readonly RouteCandidate[], request: RouteRequest): RouteCandidate[] {
    const usage: IrUsage = {
      ...emptyUsage(),
      inputTokens: Math.max(0, request.estimatedInputTokens),
      outputTokens: request.maxOutputTokens ?? DEFAULT_COST_OUTPUT_TOKENS,
    };
    const priced = candidates.map((candidate, position) => {
      const cost = this.prices.estimateCostUsd(candidate.provider.name, candidate.model, usage);
      return { candidate, position, cost: cost !== undefined && Number.isFinite(cost) && cost >= 0 ? cost : undefined };
    });
    priced.sort((a, b) => {
      if (a.cost === undefined || b.cost === undefined) {
        return (a.cost === undefined ? 1 : 0) - (b.cost === undefined ? 1 : 0) || a.position - b.position;
      }
      return a.cost - b.cost || a.position - b.position;
    });
    return priced.map((entry) => entry.candidate);
  }
}

import { describe, expect, it } from 'vitest';
import { PriceEstimator } from '../../pricing/price-estimator';
import type { IrUsage } from '../../wire/ir';
import { names, routeCandidate } from '../../../test/routing/route-candidate';
import type { RouteRequest } from '../route-plan';
import { CostSelector, DEFAULT_COST_OUTPUT_TOKENS } from './cost-selector';

type Price = { inputPer1M: number; outputPer1M: number };
type Tier = Price & { maxInputTokens: number };

/** Prices per provider name: flat, or tiers by input size (the way Gemini Pro is priced). */
class FakePrices extends PriceEstimator {
  readonly seen: IrUsage[] = [];
  constructor(private readonly prices: Record<string, Price | Tier[]>) {
    super();
  }
  estimateCostUsd(providerName: string, _model: string, usage: IrUsage): number | undefined {
    this.seen.push(usage);
    const price = this.prices[providerName];
    if (!price) return undefined;
    const flat = Array.isArray(price) ? price.find((tier) => usage.inputTokens <= tier.maxInputTokens) ?? price.at(-1)! : price;
    return (usage.inputTokens * flat.inputPer1M + usage.outputTokens * flat.outputPer1M) / 1_000_000;
  }
}

const request = (estimatedInputTokens: number, maxOutputTokens?: number): RouteRequest => ({
  requestedModel: 'x',
  clientApi: 'chat',
  estimatedInputTokens,
  maxOutputTokens,
});

describe('CostSelector', () => {
  it('puts the cheapest target for this request first', () => {
    const selector = new CostSelector(new FakePrices({ dear: { inputPer1M: 15, outputPer1M: 75 }, cheap: { inputPer1M: 0.15, outputPer1M: 0.6 }, mid: { inputPer1M: 3, outputPer1M: 15 } }));
    const ordered = selector.order([routeCandidate('dear'), routeCandidate('cheap'), routeCandidate('mid')], request(1000, 100));
    expect(names(ordered)).toEqual(['cheap', 'mid', 'dear']);
  });

  it('prices tiered models at the tier the request falls in', () => {
    const prices = new FakePrices({
      tiered: [
        { maxInputTokens: 200_000, inputPer1M: 1.25, outputPer1M: 10 },
        { maxInputTokens: Infinity, inputPer1M: 2.5, outputPer1M: 15 },
      ],
      flat: { inputPer1M: 2, outputPer1M: 10 },
    });
    const selector = new CostSelector(prices);
    const candidates = [routeCandidate('flat'), routeCandidate('tiered')];
    expect(names(selector.order(candidates, request(10_000)))).toEqual(['tiered', 'flat']);
    expect(names(selector.order(candidates, request(300_000)))).toEqual(['flat', 'tiered']);
  });

  it(`assumes ${DEFAULT_COST_OUTPUT_TOKENS} output tokens when the client sets no max`, () => {
    const prices = new FakePrices({ 'cheap-input': { inputPer1M: 0.1, outputPer1M: 20 }, 'cheap-output': { inputPer1M: 1, outputPer1M: 2 } });
    const selector = new CostSelector(prices);
    const candidates = [routeCandidate('cheap-input'), routeCandidate('cheap-output')];
    expect(names(selector.order(candidates, request(1000, 10)))).toEqual(['cheap-input', 'cheap-output']);
    expect(names(selector.order(candidates, request(1000)))).toEqual(['cheap-output', 'cheap-input']);
    expect(prices.seen.at(-1)).toMatchObject({ inputTokens: 1000, outputTokens: DEFAULT_COST_OUTPUT_TOKENS });
  });

  it('puts targets without a known price last, in config order, never first', () => {
    const selector = new CostSelector(new FakePrices({ priced: { inputPer1M: 100, outputPer1M: 100 }, free: { inputPer1M: 0, outputPer1M: 0 } }));
    const ordered = selector.order(
      [routeCandidate('unknown-1'), routeCandidate('priced'), routeCandidate('unknown-2'), routeCandidate('free')],
      request(500, 500),
    );
    expect(names(ordered)).toEqual(['free', 'priced', 'unknown-1', 'unknown-2']);
  });
});

import { describe, expect, it } from 'vitest';
import type { PlexusConfig, ProviderConfig } from '../../src/config/plexus-config';
import { EventBusService } from '../../src/events/event-bus.service';
import { OpenRouterPriceService } from '../../src/pricing/openrouter-price.service';
import { PricingService } from '../../src/pricing/pricing.service';
import type { IrUsage } from '../../src/wire/ir';
import { testConfig, testConfigService, testSnapshot } from '../support/test-config';

type Overrides = Parameters<typeof testConfigService>[0];

function pricingWith(overrides: Overrides) {
  const configService = testConfigService(overrides);
  const service = new PricingService(configService, new OpenRouterPriceService(configService), new EventBusService());
  return { service, configService };
}

function usage(partial: Partial<IrUsage>): IrUsage {
  return { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, ...partial };
}

function provider(name: string, discount?: number): ProviderConfig {
  return {
    name,
    enabled: true,
    apiTypes: ['chat'],
    baseUrls: { chat: 'http://127.0.0.1:1/v1' },
    auth: { type: 'bearer', apiKey: 'unused' },
    models: [],
    customHeaders: {},
    extraBody: {},
    cooldown: {},
    timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 },
    ...(discount === undefined ? {} : { discount }),
  };
}

const GEMINI_TIERS = [
  { maxInputTokens: 200_000, inputPer1M: 1.25, outputPer1M: 10 },
  { maxInputTokens: 1_000_000, inputPer1M: 2.5, outputPer1M: 15 },
];

const pricing: Overrides = {
  providers: [provider('openai'), provider('azure'), provider('google')],
  pricing: {
    models: {
      'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10, cachedPer1M: 1.25 },
      'azure/gpt-4o': { inputPer1M: 2, outputPer1M: 8 },
      'o3': { inputPer1M: 2, outputPer1M: 8, reasoningPer1M: 12 },
      'plain': { inputPer1M: 3, outputPer1M: 15 },
      'google/gemini-2.5-pro': { inputPer1M: 9, outputPer1M: 9 },
    },
    tiered: { 'gemini-2.5-pro': GEMINI_TIERS, 'azure/plain': [{ maxInputTokens: 10, inputPer1M: 100, outputPer1M: 100 }] },
  },
};

describe('PricingService.cost', () => {
  const cases: Array<{ name: string; provider: string; model: string; usage: Partial<IrUsage>; total: number; source: string; parts?: Record<string, number> }> = [
    { name: 'simple input + output', provider: 'openai', model: 'plain', usage: { inputTokens: 1000, outputTokens: 500 }, total: 0.003 + 0.0075, source: 'models', parts: { input: 0.003, output: 0.0075 } },
    { name: 'cache reads at cachedPer1M', provider: 'openai', model: 'gpt-4o', usage: { inputTokens: 1000, cacheReadTokens: 4000, outputTokens: 100 }, total: 0.0025 + 0.005 + 0.001, source: 'models', parts: { cached: 0.005 } },
    { name: 'cache reads and writes fall back to the input price', provider: 'openai', model: 'plain', usage: { cacheReadTokens: 1000, cacheWriteTokens: 2000 }, total: 0.003 + 0.006, source: 'models', parts: { cached: 0.003, cacheWrite: 0.006 } },
    { name: 'reasoning at reasoningPer1M, the rest of the output at outputPer1M', provider: 'openai', model: 'o3', usage: { inputTokens: 100, outputTokens: 1000, reasoningTokens: 600 }, total: 0.0002 + 0.0032 + 0.0072, source: 'models', parts: { output: 0.0032, reasoning: 0.0072 } },
    { name: 'reasoning without its own price costs output', provider: 'openai', model: 'plain', usage: { outputTokens: 1000, reasoningTokens: 600 }, total: 0.015, source: 'models', parts: { output: 0.006, reasoning: 0.009 } },
    { name: 'tiered: exactly at the first ceiling stays in the first tier', provider: 'openai', model: 'gemini-2.5-pro', usage: { inputTokens: 200_000, outputTokens: 1000 }, total: 0.25 + 0.01, source: 'tiered' },
    { name: 'tiered: one token over moves to the next tier', provider: 'openai', model: 'gemini-2.5-pro', usage: { inputTokens: 200_001, outputTokens: 1000 }, total: 0.5000025 + 0.015, source: 'tiered' },
    { name: 'tiered: cache reads count toward the tier', provider: 'openai', model: 'gemini-2.5-pro', usage: { inputTokens: 150_000, cacheReadTokens: 60_000 }, total: 0.375 + 0.15, source: 'tiered' },
    { name: 'tiered: above the last ceiling uses the last tier', provider: 'openai', model: 'gemini-2.5-pro', usage: { inputTokens: 2_000_000 }, total: 5, source: 'tiered' },
    { name: 'provider/model key overrides the plain model for that provider', provider: 'azure', model: 'gpt-4o', usage: { inputTokens: 1000, outputTokens: 1000 }, total: 0.002 + 0.008, source: 'models' },
    { name: 'any tiered price comes before a flat one, even a provider/model one (documented order)', provider: 'google', model: 'gemini-2.5-pro', usage: { inputTokens: 1000 }, total: 0.00125, source: 'tiered' },
    { name: 'provider/model tiered price wins over a plain flat price', provider: 'azure', model: 'plain', usage: { inputTokens: 1000 }, total: 0.1, source: 'tiered' },
    { name: 'unknown model costs 0 with source none', provider: 'openai', model: 'nobody-prices-me', usage: { inputTokens: 1000, outputTokens: 1000 }, total: 0, source: 'none' },
  ];

  const { service } = pricingWith(pricing);
  it.each(cases)('$name', ({ provider: providerName, model, usage: partial, total, source, parts }) => {
    const cost = service.cost(providerName, model, usage(partial));
    expect(cost.source).toBe(source);
    expect(cost.currency).toBe('USD');
    expect(cost.total).toBeCloseTo(total, 12);
    expect(cost.input + cost.cached + cost.cacheWrite + cost.output + cost.reasoning).toBeCloseTo(cost.total, 12);
    for (const [part, value] of Object.entries(parts ?? {})) expect(cost[part as keyof typeof cost]).toBeCloseTo(value, 12);
  });

  it('keeps full precision (no rounding to cents)', () => {
    const cost = service.cost('openai', 'plain', usage({ inputTokens: 1 }));
    expect(cost.total).toBeCloseTo(0.000003, 15);
  });
});

describe('the worked examples of docs/CONFIGURATION.md', () => {
  const { service } = pricingWith({
    providers: [provider('anthropic', 0.9), provider('google')],
    pricing: {
      models: { 'claude-sonnet-4-5': { inputPer1M: 3, outputPer1M: 15, cachedPer1M: 0.3 } },
      tiered: { 'gemini-2.5-pro': [{ maxInputTokens: 200_000, inputPer1M: 1.25, outputPer1M: 10 }, { maxInputTokens: 1_048_576, inputPer1M: 2.5, outputPer1M: 15 }] },
    },
  });
  it.each([
    { provider: 'anthropic', model: 'claude-sonnet-4-5', usage: { inputTokens: 1200, cacheReadTokens: 8000, cacheWriteTokens: 2000, outputTokens: 900, reasoningTokens: 400 }, total: 0.02295 },
    { provider: 'google', model: 'gemini-2.5-pro', usage: { inputTokens: 150_000, outputTokens: 2000 }, total: 0.2075 },
    { provider: 'google', model: 'gemini-2.5-pro', usage: { inputTokens: 200_000, cacheReadTokens: 50_000, outputTokens: 2000 }, total: 0.655 },
  ])('$model costs $total', ({ provider: providerName, model, usage: partial, total }) => {
    expect(service.cost(providerName, model, usage(partial)).total).toBeCloseTo(total, 12);
  });
});

describe('discounts', () => {
  const models = { m: { inputPer1M: 10, outputPer1M: 10 } };
  const cases: Array<{ name: string; overrides: Overrides; discount: number }> = [
    { name: 'no discount anywhere', overrides: { providers: [provider('p')], pricing: { models } }, discount: 1 },
    { name: 'pricing.discounts[provider]', overrides: { providers: [provider('p')], pricing: { models, discounts: { p: 0.8 } } }, discount: 0.8 },
    { name: "the provider's own discount", overrides: { providers: [provider('p', 0.5)], pricing: { models } }, discount: 0.5 },
    { name: "the provider's own discount wins over pricing.discounts", overrides: { providers: [provider('p', 0.5)], pricing: { models, discounts: { p: 0.8 } } }, discount: 0.5 },
    { name: 'a discount for another provider does not apply', overrides: { providers: [provider('p')], pricing: { models, discounts: { q: 0.1 } } }, discount: 1 },
  ];
  it.each(cases)('$name', ({ overrides, discount }) => {
    const { service } = pricingWith(overrides);
    const cost = service.cost('p', 'm', usage({ inputTokens: 100_000, outputTokens: 100_000 }));
    expect(cost.discount).toBe(discount);
    expect(cost.total).toBeCloseTo(2 * discount, 12);
    expect(cost.input).toBeCloseTo(1 * discount, 12);
  });
});

describe('PricingService lookups', () => {
  it('estimateCostUsd is undefined when no price is known and the discounted total otherwise', () => {
    const { service } = pricingWith({ providers: [provider('p', 0.5)], pricing: { models: { m: { inputPer1M: 4, outputPer1M: 4 } } } });
    expect(service.estimateCostUsd('p', 'unknown', usage({ inputTokens: 10 }))).toBeUndefined();
    expect(service.estimateCostUsd('p', 'm', usage({ inputTokens: 1_000_000 }))).toBeCloseTo(2, 12);
  });

  it('priceFor picks the tier for the given total input and the first tier when no total is given', () => {
    const { service } = pricingWith(pricing);
    expect(service.priceFor('openai', 'gemini-2.5-pro', 500_000)).toEqual({ source: 'tiered', inputPer1M: 2.5, outputPer1M: 15 });
    expect(service.priceFor('openai', 'gemini-2.5-pro')).toEqual({ source: 'tiered', inputPer1M: 1.25, outputPer1M: 10 });
    expect(service.priceFor('openai', 'nothing')).toEqual({ source: 'none', inputPer1M: 0, outputPer1M: 0 });
  });

  it('follows a hot reload of the pricing section', () => {
    const { service, configService } = pricingWith(pricing);
    expect(service.cost('openai', 'plain', usage({ inputTokens: 1_000_000 })).total).toBeCloseTo(3, 12);
    const next = testConfig({ ...pricing, pricing: { models: { plain: { inputPer1M: 7, outputPer1M: 7 } } } } as Overrides) as PlexusConfig;
    configService.replace(testSnapshot(next));
    expect(service.cost('openai', 'plain', usage({ inputTokens: 1_000_000 })).total).toBeCloseTo(7, 12);
  });

  it('lists the effective price of every routable provider model with its source and discount', () => {
    const openai = { ...provider('openai'), models: ['gpt-4o', 'gemini-2.5-pro'] };
    const { service } = pricingWith({
      ...pricing,
      providers: [openai, provider('azure', 0.9)],
      models: [{ alias: 'fast', additionalAliases: [], selector: 'in_order', apiMatch: false, targets: [{ provider: 'azure', model: 'gpt-4o', weight: 1 }, { provider: 'azure', model: 'mystery', weight: 1 }] }],
    });
    const byKey = Object.fromEntries(service.listEffectivePrices().map((entry) => [`${entry.provider}/${entry.model}`, entry]));
    expect(Object.keys(byKey).sort()).toEqual(['azure/gpt-4o', 'azure/mystery', 'openai/gemini-2.5-pro', 'openai/gpt-4o']);
    expect(byKey['azure/gpt-4o']).toMatchObject({ source: 'models', inputPer1M: 2, outputPer1M: 8, discount: 0.9 });
    expect(byKey['openai/gemini-2.5-pro']).toMatchObject({ source: 'tiered', tiers: GEMINI_TIERS, discount: 1 });
    expect(byKey['azure/mystery']).toMatchObject({ source: 'none' });
  });
});

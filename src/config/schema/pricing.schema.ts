import { BooleanField, NestedField, NestedMapField, NumberField, NumberMapField, TextField, UrlField } from './field-rules';

const price = { min: 0 } as const;

class ModelPriceSchema {
  @NumberField(price)
  inputPer1M!: number;

  @NumberField(price)
  outputPer1M!: number;

  /** Cache reads; defaults to inputPer1M when left out. */
  @NumberField({ ...price, optional: true })
  cachedPer1M?: number;

  /** Reasoning tokens; defaults to outputPer1M when left out. */
  @NumberField({ ...price, optional: true })
  reasoningPer1M?: number;
}

class PriceTierSchema {
  @NumberField({ integer: true, min: 1 })
  maxInputTokens!: number;

  @NumberField(price)
  inputPer1M!: number;

  @NumberField(price)
  outputPer1M!: number;
}

class OpenRouterPricingSchema {
  @BooleanField({ optional: true })
  enabled = false;

  @NumberField({ optional: true, min: 1 })
  cacheRefreshMinutes = 60;

  @UrlField({ optional: true })
  url = 'https://openrouter.ai/api/v1/models';

  @TextField({ optional: true })
  cachePath = './data/openrouter-prices.json';
}

export class PricingSchema {
  @NestedMapField(() => ModelPriceSchema)
  models = new Map<string, ModelPriceSchema>();

  @NestedMapField(() => PriceTierSchema, { listOf: true })
  tiered = new Map<string, PriceTierSchema[]>();

  @NumberMapField({ optional: true, min: 0, exclusiveMin: true })
  discounts: Record<string, number> = {};

  @NestedField(() => OpenRouterPricingSchema, { optional: true })
  openrouter = new OpenRouterPricingSchema();
}

import type { EffectivePrice } from './effective-price';

/** A model's price as kept in memory and in the disk cache (per million tokens, USD). */
export type OpenRouterPrice = Omit<EffectivePrice, 'source'>;

/**
 * Converts the body of OpenRouter's `GET /api/v1/models` into per-1M prices by model id.
 * OpenRouter quotes USD per single token as decimal strings
 * (https://openrouter.ai/docs/api-reference/list-available-models): `prompt`, `completion`,
 * `input_cache_read`, `input_cache_write`, `internal_reasoning`. Models without a usable
 * prompt/completion price (missing, or `-1` for router models whose price varies) are skipped.
 * A zero or missing cache/reasoning rate is left out so the input/output price applies: many
 * models list `"0"` there although reasoning is billed as output.
 */
export function parseOpenRouterModels(body: unknown): Record<string, OpenRouterPrice> {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error('OpenRouter model list has no "data" array');
  const prices: Record<string, OpenRouterPrice> = {};
  for (const entry of data as Array<{ id?: unknown; pricing?: Record<string, unknown> }>) {
    if (typeof entry?.id !== 'string' || !entry.pricing) continue;
    const inputPer1M = perMillion(entry.pricing.prompt);
    const outputPer1M = perMillion(entry.pricing.completion);
    if (inputPer1M === undefined || outputPer1M === undefined) continue;
    const price: OpenRouterPrice = { inputPer1M, outputPer1M };
    const cachedPer1M = positive(perMillion(entry.pricing.input_cache_read));
    const cacheWritePer1M = positive(perMillion(entry.pricing.input_cache_write));
    const reasoningPer1M = positive(perMillion(entry.pricing.internal_reasoning));
    if (cachedPer1M !== undefined) price.cachedPer1M = cachedPer1M;
    if (cacheWritePer1M !== undefined) price.cacheWritePer1M = cacheWritePer1M;
    if (reasoningPer1M !== undefined) price.reasoningPer1M = reasoningPer1M;
    prices[entry.id] = price;
  }
  return prices;
}

function perMillion(value: unknown): number | undefined {
  const perToken = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(perToken) || perToken < 0) return undefined;
  // toPrecision drops the binary noise of the scaling ("0.0000025" * 1e6 must read 2.5).
  return Number((perToken * 1_000_000).toPrecision(12));
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

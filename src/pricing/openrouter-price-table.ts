import type { OpenRouterPrice } from './parse-openrouter-models';

/**
 * OpenRouter prices by model id, matched by exact id (`openai/gpt-4o`) or by the id without
 * its vendor prefix (`gpt-4o`), so a direct provider's model name finds the OpenRouter price.
 * When several vendors share a bare name, the first one in OpenRouter's list wins.
 */
export class OpenRouterPriceTable {
  private readonly byBareName = new Map<string, OpenRouterPrice>();

  constructor(readonly prices: Readonly<Record<string, OpenRouterPrice>> = {}) {
    for (const [id, price] of Object.entries(prices)) {
      const slash = id.indexOf('/');
      if (slash < 0) continue;
      const bareName = id.slice(slash + 1);
      if (!this.byBareName.has(bareName)) this.byBareName.set(bareName, price);
    }
  }

  get size(): number {
    return Object.keys(this.prices).length;
  }

  find(model: string): OpenRouterPrice | undefined {
    return Object.hasOwn(this.prices, model) ? this.prices[model] : this.byBareName.get(model);
  }
}

import type { PlexusConfig } from '../config/plexus-config';

/** The provider's own `discount`, else `pricing.discounts[provider]`, else 1 (no discount). */
export function resolveDiscount(config: Readonly<PlexusConfig>, providerName: string): number {
  const provider = config.providers.find((candidate) => candidate.name === providerName);
  if (provider?.discount !== undefined) return provider.discount;
  return config.pricing.discounts[providerName] ?? 1;
}

import type { ModelAliasConfig, ProviderConfig } from '../../src/config/plexus-config';

/** A complete, enabled provider with a key; override what the test is about. */
export function providerConfig(name: string, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    name,
    enabled: true,
    apiTypes: ['chat'],
    baseUrls: { chat: `https://${name}.example/v1` },
    auth: { type: 'bearer', apiKey: `${name}-key`, apiKeyEnv: `${name.toUpperCase()}_API_KEY` },
    models: [],
    customHeaders: {},
    extraBody: {},
    cooldown: {},
    timeouts: { connectMs: 10_000, firstByteMs: 120_000, idleMs: 120_000 },
    ...overrides,
  };
}

/** A provider whose `{env:}` key variable is unset. */
export function keylessProvider(name: string, apiKeyEnv: string, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return providerConfig(name, { auth: { type: 'bearer', apiKeyEnv }, ...overrides });
}

export function aliasConfig(
  alias: string,
  targets: Array<[provider: string, model: string, weight?: number]>,
  overrides: Partial<ModelAliasConfig> = {},
): ModelAliasConfig {
  return {
    alias,
    additionalAliases: [],
    selector: 'in_order',
    apiMatch: false,
    targets: targets.map(([provider, model, weight]) => ({ provider, model, weight: weight ?? 1 })),
    ...overrides,
  };
}

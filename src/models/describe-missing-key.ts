import type { ProviderConfig } from '../config/plexus-config';

/** The message that tells an operator which variable to set: `provider "openai": OPENAI_API_KEY is not set`. */
export function describeMissingKey(provider: Pick<ProviderConfig, 'name' | 'auth'>): string {
  const variable = provider.auth.apiKeyEnv;
  return variable
    ? `provider "${provider.name}": ${variable} is not set`
    : `provider "${provider.name}": no API key is configured (auth.apiKey)`;
}

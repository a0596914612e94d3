import { isCredentialHeader } from './is-credential-header';
import type { PlexusConfig } from './plexus-config';

/** Shown instead of a secret; sent back unchanged, it keeps the current value (restoreMaskedSecrets). */
export const SECRET_MASK = '********';

/**
 * A JSON-safe copy for the admin API with every secret (admin.apiKey, providers[].auth.apiKey,
 * credential-like providers[].customHeaders such as `Authorization` or `X-Portkey-Api-Key`,
 * apiKeys[].secret) replaced by the mask. A secret whose variable is unset stays absent, and
 * `apiKeyEnv` still names the variable, so the admin can see what to set.
 */
export function maskSecrets(config: Readonly<PlexusConfig>): PlexusConfig {
  const copy = JSON.parse(JSON.stringify(config)) as PlexusConfig;
  if (copy.admin.apiKey !== undefined) copy.admin.apiKey = SECRET_MASK;
  for (const provider of copy.providers) {
    if (provider.auth.apiKey !== undefined) provider.auth.apiKey = SECRET_MASK;
    for (const name of Object.keys(provider.customHeaders ?? {})) {
      if (isCredentialHeader(name)) provider.customHeaders[name] = SECRET_MASK;
    }
  }
  for (const apiKey of copy.apiKeys) if (apiKey.secret !== undefined) apiKey.secret = SECRET_MASK;
  return copy;
}

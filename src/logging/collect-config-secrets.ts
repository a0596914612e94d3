import type { PlexusConfig } from '../config/plexus-config';
import { isCredentialHeader } from '../config/is-credential-header';

/**
 * Every secret value the config holds: provider keys, credential custom headers, client key
 * secrets and the admin key. Values under 4 characters are left out: masking them would shred
 * ordinary text while protecting nothing real.
 */
export function collectConfigSecrets(config: Readonly<PlexusConfig>): string[] {
  const secrets = new Set<string>();
  const add = (value: string | undefined) => {
    if (value && value.length >= 4) secrets.add(value);
  };
  add(config.admin.apiKey);
  for (const provider of config.providers) {
    add(provider.auth.apiKey);
    for (const [name, value] of Object.entries(provider.customHeaders)) if (isCredentialHeader(name)) add(value);
  }
  for (const key of config.apiKeys) add(key.secret);
  return [...secrets];
}

import { type ConfigPathSegment, formatConfigPath } from './format-config-path';
import { SECRET_MASK } from './mask-secrets';
import { normalizeEnvReference } from './normalize-env-reference';

export interface SecretSubstitution {
  segments: ConfigPathSegment[];
  value: unknown;
}

export interface RestoredSecrets {
  value: unknown;
  substitutions: SecretSubstitution[];
  problems: string[];
}

type Item = Record<string, unknown>;
const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const items = (value: unknown): Item[] => (Array.isArray(value) ? value.filter(isItem) : []);

/**
 * An edited config that sends a masked secret back means "keep the current one". Each mask is
 * replaced by the current value found at the same place: admin.apiKey by path, a provider key
 * by provider name, a client secret by key name (entries may have been reordered). `current`
 * should be the current file's data before `{env:}` resolution, so a key that came from
 * `{env:OPENAI_API_KEY}` is written back as that reference, never as the secret itself.
 */
export function restoreMaskedSecrets(incoming: unknown, current: unknown): RestoredSecrets {
  const result: RestoredSecrets = { value: structuredClone(incoming), substitutions: [], problems: [] };
  if (!isItem(result.value)) return result;
  const restore = (owner: Item, key: string, segments: ConfigPathSegment[], currentValue: unknown, whyMissing: string) => {
    if (owner[key] !== SECRET_MASK) return;
    if (currentValue === undefined || currentValue === null) {
      result.problems.push(`${formatConfigPath(segments)}: "${SECRET_MASK}" keeps the current value, but ${whyMissing}`);
      return;
    }
    owner[key] = normalizeEnvReference(currentValue);
    result.substitutions.push({ segments, value: owner[key] });
  };

  const currentData = isItem(current) ? current : {};
  const admin = result.value.admin;
  if (isItem(admin)) {
    const currentAdmin = isItem(currentData.admin) ? currentData.admin : {};
    restore(admin, 'apiKey', ['admin', 'apiKey'], currentAdmin.apiKey, 'there is no current admin key');
  }

  const currentProviders = items(currentData.providers);
  (Array.isArray(result.value.providers) ? result.value.providers : []).forEach((provider: unknown, index) => {
    if (!isItem(provider) || !isItem(provider.auth)) return;
    const match = currentProviders.find((candidate) => candidate.name === provider.name);
    const currentKey = match && isItem(match.auth) ? match.auth.apiKey : undefined;
    const why = match ? `provider "${String(provider.name)}" has no key now` : `there is no current provider named "${String(provider.name)}"`;
    restore(provider.auth, 'apiKey', ['providers', index, 'auth', 'apiKey'], currentKey, why);
    if (isItem(provider.customHeaders)) {
      const currentHeaders = match && isItem(match.customHeaders) ? match.customHeaders : {};
      for (const name of Object.keys(provider.customHeaders)) {
        const headerWhy = match ? `provider "${String(provider.name)}" has no header "${name}" now` : why;
        restore(provider.customHeaders, name, ['providers', index, 'customHeaders', name], currentHeaders[name], headerWhy);
      }
    }
  });

  const currentApiKeys = items(currentData.apiKeys);
  (Array.isArray(result.value.apiKeys) ? result.value.apiKeys : []).forEach((apiKey: unknown, index) => {
    if (!isItem(apiKey)) return;
    const match = currentApiKeys.find((candidate) => candidate.name === apiKey.name);
    const why = match ? `key "${String(apiKey.name)}" has no secret now` : `there is no current key named "${String(apiKey.name)}"`;
    restore(apiKey, 'secret', ['apiKeys', index, 'secret'], match?.secret, why);
  });
  return result;
}

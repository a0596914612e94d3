import type { ProviderConfig } from '../config/plexus-config';
import type { IrApi } from '../wire/ir';

export interface ClientHeaderHints {
  anthropicVersion?: string;
  anthropicBeta?: string;
}

const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/**
 * Headers for one upstream call. Client credentials are never forwarded: only the provider's
 * own key, chosen by `auth.type` (x-api-key means `x-goog-api-key` on Gemini endpoints).
 */
export function buildUpstreamHeaders(
  provider: ProviderConfig,
  api: IrApi,
  hints: ClientHeaderHints,
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = provider.auth.apiKey ?? '';
  if (provider.auth.type === 'bearer') headers.authorization = `Bearer ${key}`;
  else headers[api === 'gemini' ? 'x-goog-api-key' : 'x-api-key'] = key;
  if (api === 'messages') {
    headers['anthropic-version'] = hints.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION;
    if (hints.anthropicBeta) headers['anthropic-beta'] = hints.anthropicBeta;
  }
  for (const [name, value] of Object.entries(provider.customHeaders)) headers[name.toLowerCase()] = value;
  return headers;
}

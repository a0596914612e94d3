import type { ProviderConfig } from '../config/plexus-config';
import type { IrApi } from '../wire/ir';

/**
 * Speak the client's own format when the provider offers it (no translation, the fast path),
 * else the provider's first listed format.
 */
export function chooseProviderApi(provider: Pick<ProviderConfig, 'apiTypes'>, clientApi: IrApi): IrApi {
  return provider.apiTypes.includes(clientApi) ? clientApi : provider.apiTypes[0];
}

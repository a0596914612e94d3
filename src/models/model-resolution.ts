import type { ModelAliasConfig, ProviderConfig } from '../config/plexus-config';
import type { IrError } from '../wire/ir';

/** What a requested model name means, or why it means nothing usable. */
export type ModelResolution =
  | { kind: 'alias'; alias: ModelAliasConfig }
  /** `provider/model` straight to one provider: no selector, no cooldown, no health check. */
  | { kind: 'passthrough'; provider: ProviderConfig; model: string }
  | { kind: 'error'; error: IrError };

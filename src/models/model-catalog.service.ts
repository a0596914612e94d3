import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { ModelAliasConfig, PlexusConfig, ProviderConfig, SelectorName } from '../config/plexus-config';
import type { IrError } from '../wire/ir';
import { describeMissingKey } from './describe-missing-key';
import type { ModelResolution } from './model-resolution';

/** Gemini clients name models `models/gemini-2.5-flash`: https://ai.google.dev/api/models#method:-models.get */
const GEMINI_MODEL_PREFIX = 'models/';

export interface ModelDescription {
  alias: string;
  description?: string;
  additionalAliases: string[];
  selector: SelectorName;
  apiMatch: boolean;
  targets: Array<{ provider: string; model: string; weight: number; providerEnabled: boolean; hasKey: boolean }>;
}

interface CatalogIndex {
  config: Readonly<PlexusConfig>;
  aliases: Map<string, ModelAliasConfig>;
  providers: Map<string, ProviderConfig>;
}

/**
 * Turns the model name a client sent into an alias or a `provider/model` passthrough. Lookup
 * maps are rebuilt when the config changes, so resolution is two map lookups per request.
 */
@Injectable()
export class ModelCatalogService implements OnModuleDestroy {
  private index: CatalogIndex;
  private readonly unsubscribe: () => void;

  constructor(private readonly configService: ConfigService) {
    this.index = buildIndex(configService.config);
    this.unsubscribe = configService.onChange((snapshot) => {
      this.index = buildIndex(snapshot.config);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /**
   * Order: the name as an alias or additional alias (exact match), then the same without a
   * leading `models/`, then `provider/model` passthrough (split at the first `/`, so the model
   * part may itself contain slashes, e.g. `openrouter/anthropic/claude-sonnet-4`).
   */
  resolve(requestedModel: string): ModelResolution {
    const { aliases, providers } = this.current();
    const name = requestedModel.startsWith(GEMINI_MODEL_PREFIX) ? requestedModel.slice(GEMINI_MODEL_PREFIX.length) : requestedModel;
    const alias = aliases.get(requestedModel) ?? aliases.get(name);
    if (alias) return { kind: 'alias', alias };

    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return notFound(requestedModel, `no model or alias has that name`);
    const providerName = name.slice(0, slash);
    const model = name.slice(slash + 1);
    const provider = providers.get(providerName);
    if (!provider) return notFound(requestedModel, `it is not an alias and there is no provider "${providerName}"`);
    if (!provider.enabled) return notFound(requestedModel, `provider "${providerName}" is disabled`);
    if (!provider.models.includes(model)) return notFound(requestedModel, `provider "${providerName}" does not list model "${model}"`);
    if (provider.auth.apiKey === undefined) {
      return { kind: 'error', error: { kind: 'gateway_error', status: 503, message: describeMissingKey(provider) } };
    }
    return { kind: 'passthrough', provider, model };
  }

  /** The provider of that name in the current config. */
  findProvider(name: string): ProviderConfig | undefined {
    return this.current().providers.get(name);
  }

  /** Every alias and additional alias, in config order, for `GET /v1/models`. */
  listModelIds(): string[] {
    const ids = new Set<string>();
    for (const alias of this.configService.config.models) {
      ids.add(alias.alias);
      for (const additional of alias.additionalAliases) ids.add(additional);
    }
    return [...ids];
  }

  /** Aliases with their targets and whether each target's provider could take traffic, for admin. */
  describe(): ModelDescription[] {
    const { providers } = this.current();
    return this.configService.config.models.map((alias) => ({
      alias: alias.alias,
      description: alias.description,
      additionalAliases: [...alias.additionalAliases],
      selector: alias.selector,
      apiMatch: alias.apiMatch,
      targets: alias.targets.map((target) => {
        const provider = providers.get(target.provider);
        return {
          provider: target.provider,
          model: target.model,
          weight: target.weight,
          providerEnabled: provider?.enabled ?? false,
          hasKey: provider?.auth.apiKey !== undefined,
        };
      }),
    }));
  }

  private current(): CatalogIndex {
    // Guards against a snapshot swapped in without notifying (tests, or a listener added late).
    if (this.index.config !== this.configService.config) this.index = buildIndex(this.configService.config);
    return this.index;
  }
}

function buildIndex(config: Readonly<PlexusConfig>): CatalogIndex {
  const aliases = new Map<string, ModelAliasConfig>();
  for (const alias of config.models) {
    // The first definition of a name wins, as it would if the list were read top to bottom.
    if (!aliases.has(alias.alias)) aliases.set(alias.alias, alias);
  }
  for (const alias of config.models) {
    for (const additional of alias.additionalAliases) if (!aliases.has(additional)) aliases.set(additional, alias);
  }
  return { config, aliases, providers: new Map(config.providers.map((provider) => [provider.name, provider])) };
}

function notFound(requestedModel: string, why: string): ModelResolution {
  const error: IrError = {
    kind: 'not_found',
    status: 404,
    message: `model "${requestedModel}" not found: ${why}. GET /v1/models lists the available models`,
  };
  return { kind: 'error', error };
}

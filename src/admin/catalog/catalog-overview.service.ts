import { Injectable } from '@nestjs/common';
import { ConfigService } from '../../config/config.service';
import type { ProviderConfig } from '../../config/plexus-config';
import { describeMissingKey } from '../../models/describe-missing-key';
import { ModelCatalogService } from '../../models/model-catalog.service';
import { CooldownService } from '../../resilience/cooldown.service';
import { HealthService } from '../../resilience/health.service';
import { StatsService } from '../../routing/stats.service';
import type { ModelOverviewDto } from './model-overview.dto';
import type { ProviderOverviewDto } from './provider-overview.dto';

/**
 * What the gateway can route to right now, composed from the services that each know a part:
 * config (what exists), health and cooldowns (what is resting), statistics (how fast it is).
 */
@Injectable()
export class CatalogOverviewService {
  constructor(
    private readonly configService: ConfigService,
    private readonly catalog: ModelCatalogService,
    private readonly cooldowns: CooldownService,
    private readonly health: HealthService,
    private readonly stats: StatsService,
  ) {}

  providers(): ProviderOverviewDto[] {
    const health = new Map(this.health.detail().providers.map((provider) => [provider.name, provider]));
    const stats = this.stats.snapshot();
    return this.configService.config.providers.map((provider) => {
      const state = health.get(provider.name);
      const overview: ProviderOverviewDto = {
        name: provider.name,
        enabled: provider.enabled,
        apiTypes: [...provider.apiTypes],
        baseUrls: { ...provider.baseUrls } as Record<string, string>,
        models: [...provider.models],
        auth: { type: provider.auth.type, keySet: provider.auth.apiKey !== undefined },
        state: state?.state ?? (provider.enabled ? 'healthy' : 'disabled'),
        cooldowns: state?.cooldowns ?? [],
        stats: stats
          .filter((entry) => entry.provider === provider.name)
          .map(({ model, samples, ttftMs, outputTokensPerSecond, failures }) => ({ model, samples, ttftMs, outputTokensPerSecond, failures })),
      };
      if (provider.auth.apiKeyEnv) overview.auth.keyEnv = provider.auth.apiKeyEnv;
      return overview;
    });
  }

  models(): ModelOverviewDto[] {
    return this.catalog.describe().map((alias) => {
      const targets = alias.targets.map(({ provider: providerName, model, weight }) => {
        const provider = this.catalog.findProvider(providerName);
        const unusable = whyUnusable(providerName, provider);
        if (unusable) return { provider: providerName, model, weight, available: false, reason: unusable };
        const cooldown = this.cooldowns.activeEntry(providerName, model);
        if (!cooldown) return { provider: providerName, model, weight, available: true };
        const scope = cooldown.model === null ? 'the whole provider is cooling down' : 'cooling down';
        return { provider: providerName, model, weight, available: false, reason: `${scope} until ${cooldown.until} (${cooldown.seconds} s left): ${cooldown.reason}`, cooldown };
      });
      const overview: ModelOverviewDto = {
        alias: alias.alias,
        additionalAliases: alias.additionalAliases,
        selector: alias.selector,
        apiMatch: alias.apiMatch,
        available: targets.some((target) => target.available),
        targets,
      };
      if (alias.description !== undefined) overview.description = alias.description;
      return overview;
    });
  }
}

/** The same reasons, in the same order, as routing uses to leave a target out. */
function whyUnusable(name: string, provider: ProviderConfig | undefined): string | undefined {
  if (!provider) return `provider "${name}" is not configured`;
  if (!provider.enabled) return `provider "${name}" is disabled`;
  if (provider.auth.apiKey === undefined) return describeMissingKey(provider);
  return undefined;
}

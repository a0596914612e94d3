import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { PlexusConfig, ProviderConfig } from '../config/plexus-config';
import { EventBusService } from '../events/event-bus.service';
import { computeHealthStatus, type HealthStatus } from './compute-health-status';
import type { CooldownEntry } from './cooldown-entry';
import { CooldownService } from './cooldown.service';

/** What `GET /health` shows anyone: counts only, no provider names. */
export interface PublicHealthStatus {
  status: HealthStatus;
  providers: { total: number; healthy: number; unhealthy: number };
}

export interface ProviderHealth {
  name: string;
  enabled: boolean;
  /** false when its `{env:}` key is unset: it is out of routing, but that is not a cooldown. */
  hasKey: boolean;
  /** 'disabled' providers do not count towards the gateway status. */
  state: 'healthy' | 'unhealthy' | 'disabled';
  cooldowns: CooldownEntry[];
}

/** The admin view: the same status, why, and every provider's state and cooldowns. */
export interface HealthDetail {
  status: HealthStatus;
  counts: PublicHealthStatus['providers'];
  thresholds: { degradedThreshold: number; unhealthyThreshold: number };
  providers: ProviderHealth[];
}

/**
 * Gateway health from cooldowns. A provider is unhealthy while it has a provider-wide cooldown
 * or every model it serves (its `models` plus the models aliases route to it) is cooling down.
 * Publishes `health.changed` whenever a cooldown or config change moves the status.
 */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private lastStatus: HealthStatus;
  private readonly unsubscribers: Array<() => void>;

  constructor(
    private readonly configService: ConfigService,
    private readonly cooldowns: CooldownService,
    private readonly eventBus: EventBusService,
  ) {
    // Taken before any cooldown is restored, so a restart into an unhealthy state is announced.
    this.lastStatus = this.publicStatus().status;
    this.unsubscribers = [
      this.cooldowns.onChange(() => this.publishIfChanged()),
      this.configService.onChange(() => this.publishIfChanged()),
    ];
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  publicStatus(): PublicHealthStatus {
    const { status, counts } = this.detail();
    return { status, providers: counts };
  }

  detail(): HealthDetail {
    const config = this.configService.config;
    const cooldownsByProvider = groupByProvider(this.cooldowns.list());
    const providers = config.providers.map((provider): ProviderHealth => {
      const cooldowns = cooldownsByProvider.get(provider.name) ?? [];
      const unhealthy = isUnhealthy(provider, cooldowns, config);
      return {
        name: provider.name,
        enabled: provider.enabled,
        hasKey: provider.auth.apiKey !== undefined,
        state: !provider.enabled ? 'disabled' : unhealthy ? 'unhealthy' : 'healthy',
        cooldowns,
      };
    });
    const total = providers.filter((provider) => provider.enabled).length;
    const unhealthy = providers.filter((provider) => provider.state === 'unhealthy').length;
    return {
      status: computeHealthStatus(unhealthy, total, config.resilience.health),
      counts: { total, healthy: total - unhealthy, unhealthy },
      thresholds: { ...config.resilience.health },
      providers,
    };
  }

  private publishIfChanged(): void {
    const current = this.publicStatus();
    if (current.status === this.lastStatus) return;
    const from = this.lastStatus;
    this.lastStatus = current.status;
    this.eventBus.publish('health.changed', { from, to: current.status, providers: current.providers });
  }
}

function isUnhealthy(provider: ProviderConfig, cooldowns: CooldownEntry[], config: Readonly<PlexusConfig>): boolean {
  if (cooldowns.length === 0) return false;
  if (cooldowns.some((entry) => entry.model === null)) return true;
  const served = new Set(provider.models);
  for (const alias of config.models) {
    for (const target of alias.targets) if (target.provider === provider.name) served.add(target.model);
  }
  if (served.size === 0) return false;
  const cooling = new Set(cooldowns.map((entry) => entry.model));
  return [...served].every((model) => cooling.has(model));
}

function groupByProvider(entries: CooldownEntry[]): Map<string, CooldownEntry[]> {
  const groups = new Map<string, CooldownEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.provider);
    if (group) group.push(entry);
    else groups.set(entry.provider, [entry]);
  }
  return groups;
}

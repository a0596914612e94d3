import type { ConfigSnapshot, PlexusConfig } from '../../src/config/plexus-config';
import { ConfigService } from '../../src/config/config.service';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<infer U> ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A complete config with the documented defaults, for unit tests that need a ConfigService. */
export function testConfig(overrides: DeepPartial<PlexusConfig> = {}): PlexusConfig {
  const base: PlexusConfig = {
    server: { host: '127.0.0.1', port: 0, bodyLimitBytes: 32 * 1024 * 1024, shutdownGraceMs: 30_000 },
    admin: { apiKey: 'admin-test-key', rateLimit: { windowMs: 60_000, maxRequests: 100 } },
    events: { heartbeatIntervalMs: 30_000, maxClients: 10 },
    logging: {
      level: 'info',
      usage: { enabled: true, storagePath: './data/logs/usage', retentionDays: 30 },
      debug: { enabled: false, captureRequests: true, captureResponses: true, storagePath: './data/logs/debug', retentionDays: 7 },
      errors: { storagePath: './data/logs/errors', retentionDays: 90 },
    },
    providers: [],
    models: [],
    apiKeys: [],
    resilience: {
      cooldown: {
        maxDuration: 3600,
        minDuration: 5,
        storagePath: './data/cooldowns.json',
        defaults: { rate_limit: 60, auth_error: 300, timeout: 30, server_error: 30, connection_error: 30 },
      },
      health: { degradedThreshold: 0.5, unhealthyThreshold: 0.9 },
    },
    pricing: {
      models: {},
      tiered: {},
      discounts: {},
      openrouter: { enabled: false, cacheRefreshMinutes: 60, url: 'https://openrouter.ai/api/v1/models', cachePath: './data/openrouter-prices.json' },
    },
  };
  return merge(base, overrides) as PlexusConfig;
}

export function testConfigService(overrides: DeepPartial<PlexusConfig> = {}): ConfigService {
  return new ConfigService(testSnapshot(testConfig(overrides)));
}

export function testSnapshot(config: PlexusConfig): ConfigSnapshot {
  return { config, path: '/dev/null/plexus.yaml', missingEnv: [], warnings: [], loadedAt: new Date() };
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (Array.isArray(override) || typeof override !== 'object' || override === null) return override;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) result[key] = merge(result[key], value);
  return result;
}

import type { ConfigSnapshot, PlexusConfig } from '../../src/config/plexus-config';
import { ConfigService } from '../../src/config/config.service';
import { configDefaults } from '../../src/config/config-defaults';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<infer U> ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * A complete config with the documented defaults (taken from the config schema itself), for unit
 * tests that need a ConfigService. Listens on 127.0.0.1 and any free port, with a known admin key.
 */
export function testConfig(overrides: DeepPartial<PlexusConfig> = {}): PlexusConfig {
  const base = merge(configDefaults(), {
    server: { host: '127.0.0.1', port: 0 },
    admin: { apiKey: 'admin-test-key' },
  });
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

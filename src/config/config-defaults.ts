import 'reflect-metadata';
import type { PlexusConfig } from './plexus-config';
import { PlexusConfigSchema } from './schema/plexus-config.schema';
import { toPlainConfig } from './to-plain-config';

/**
 * Every documented default, from the schema itself so there is one source of them. Not a valid
 * config on its own: admin.apiKey has no default.
 */
export function configDefaults(): PlexusConfig {
  return toPlainConfig(new PlexusConfigSchema()) as PlexusConfig;
}

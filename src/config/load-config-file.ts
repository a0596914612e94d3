import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { parseConfigText } from './parse-config-text';
import type { ConfigSnapshot } from './plexus-config';

const HOW_TO_CHOOSE = 'choose another file with --config PATH or the PLEXUS_CONFIG_PATH environment variable';

/** Reads and validates one config file; every failure is a ConfigError naming the path tried. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): ConfigSnapshot {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(absolute, [describeReadError(error as NodeJS.ErrnoException)]);
  }
  return parseConfigText(text, { path: absolute, env });
}

function describeReadError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `file not found; create it (the repository's config/plexus.yaml is an example) or ${HOW_TO_CHOOSE}`;
    case 'EISDIR':
      return `this is a directory, not a file; ${HOW_TO_CHOOSE}`;
    case 'EACCES':
      return `permission denied reading the file; let the user running Plexus read it or ${HOW_TO_CHOOSE}`;
    default:
      return `cannot read the file (${error.message}); ${HOW_TO_CHOOSE}`;
  }
}

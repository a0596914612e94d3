import { extname, resolve } from 'node:path';
import { buildConfigSnapshot } from './build-config-snapshot';
import { ConfigError } from './config-error';
import { type ConfigFormat, parseConfigDocument } from './parse-config-document';
import type { ConfigSnapshot } from './plexus-config';

export interface ParseConfigOptions {
  /** Where the text comes from (or will be written); named in every message. */
  path: string;
  env: NodeJS.ProcessEnv;
  /** Defaults to json for a `.json` path, yaml otherwise. */
  format?: ConfigFormat;
}

/** Config text → validated, deep-frozen snapshot; throws ConfigError listing every problem. */
export function parseConfigText(text: string, options: ParseConfigOptions): ConfigSnapshot {
  const path = resolve(options.path);
  const format = options.format ?? (extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
  const document = parseConfigDocument(text, format);
  if (document.problems.length > 0) throw new ConfigError(path, document.problems);
  return buildConfigSnapshot(document.value, { path, env: options.env, sourceText: text });
}

import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './config-error';

export const DEFAULT_CONFIG_PATH = join('config', 'plexus.yaml');

/**
 * Which file to load: `--config PATH` (or `--config=PATH`) wins over PLEXUS_CONFIG_PATH, which
 * wins over config/plexus.yaml; relative paths are taken from `cwd`.
 */
export function resolveConfigPath(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = fromArguments(argv) ?? (env.PLEXUS_CONFIG_PATH || undefined) ?? DEFAULT_CONFIG_PATH;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

function fromArguments(argv: readonly string[]): string | undefined {
  let chosen: string | undefined;
  argv.forEach((argument, index) => {
    if (argument.startsWith('--config=')) chosen = argument.slice('--config='.length);
    else if (argument === '--config') chosen = argv[index + 1] ?? '';
    else return;
    if (chosen === '' || chosen.startsWith('--')) {
      throw new ConfigError('the command line', ['--config needs a file path, e.g. --config ./config/plexus.yaml']);
    }
  });
  return chosen;
}

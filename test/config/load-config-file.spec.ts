import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error';
import { loadConfigFile } from '../../src/config/load-config-file';
import { resolveConfigPath } from '../../src/config/resolve-config-path';
import { configYaml } from './support/config-text';

describe('choosing and loading the config file', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'plexus-config-'));
    mkdirSync(join(directory, 'config'));
    writeFileSync(join(directory, 'config', 'plexus.yaml'), configYaml((c) => (c.server = { port: 4001 })));
    writeFileSync(join(directory, 'from-variable.yaml'), configYaml((c) => (c.server = { port: 4002 })));
    writeFileSync(join(directory, 'from-flag.yaml'), configYaml((c) => (c.server = { port: 4003 })));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const portLoaded = (argv: string[], env: NodeJS.ProcessEnv) => loadConfigFile(resolveConfigPath(argv, env, directory), env).config.server.port;

  it('loads config/plexus.yaml under the working directory by default', () => {
    expect(portLoaded([], {})).toBe(4001);
  });

  it('loads the file named by PLEXUS_CONFIG_PATH', () => {
    expect(portLoaded([], { PLEXUS_CONFIG_PATH: 'from-variable.yaml' })).toBe(4002);
  });

  it('loads the file named by --config even when the variable is set', () => {
    expect(portLoaded(['--config', 'from-flag.yaml'], { PLEXUS_CONFIG_PATH: 'from-variable.yaml' })).toBe(4003);
  });

  it('records the absolute path of the file loaded', () => {
    const snapshot = loadConfigFile(join(directory, 'config', '..', 'from-flag.yaml'), {});
    expect(snapshot.path).toBe(join(directory, 'from-flag.yaml'));
  });

  it('names the path tried and how to choose another when the file is missing', () => {
    const path = join(directory, 'nope.yaml');
    let error: unknown;
    try {
      loadConfigFile(path, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe(path);
    expect((error as ConfigError).problems).toEqual([
      "file not found; create it (the repository's config/plexus.yaml is an example) or choose another file with --config PATH or the PLEXUS_CONFIG_PATH environment variable",
    ]);
  });

  it('says so when the path is a directory', () => {
    expect(() => loadConfigFile(join(directory, 'config'), {})).toThrow('this is a directory, not a file');
  });

  it('reports problems of a file with the file path', () => {
    writeFileSync(join(directory, 'bad.yaml'), configYaml((c) => (c.providers[0].auth.type = 'apikey')));
    expect(() => loadConfigFile(join(directory, 'bad.yaml'), {})).toThrow(
      `invalid configuration in ${join(directory, 'bad.yaml')}:\n  providers[0].auth.type: must be one of bearer, x-api-key (got "apikey")`,
    );
  });
});

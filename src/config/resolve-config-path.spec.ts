import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { resolveConfigPath } from './resolve-config-path';

describe('resolveConfigPath', () => {
  it('defaults to config/plexus.yaml under the working directory', () => {
    expect(resolveConfigPath([], {}, '/srv/plexus')).toBe('/srv/plexus/config/plexus.yaml');
  });

  it('uses PLEXUS_CONFIG_PATH when set', () => {
    expect(resolveConfigPath([], { PLEXUS_CONFIG_PATH: '/etc/plexus.yaml' }, '/srv/plexus')).toBe('/etc/plexus.yaml');
    expect(resolveConfigPath([], { PLEXUS_CONFIG_PATH: 'conf/p.yaml' }, '/srv/plexus')).toBe('/srv/plexus/conf/p.yaml');
  });

  it('ignores an empty PLEXUS_CONFIG_PATH', () => {
    expect(resolveConfigPath([], { PLEXUS_CONFIG_PATH: '' }, '/srv')).toBe('/srv/config/plexus.yaml');
  });

  it('lets --config win over the variable, in both spellings', () => {
    const env = { PLEXUS_CONFIG_PATH: '/etc/plexus.yaml' };
    expect(resolveConfigPath(['--config', 'local.yaml'], env, '/srv')).toBe('/srv/local.yaml');
    expect(resolveConfigPath(['--port', '1', '--config=/opt/p.yaml'], env, '/srv')).toBe('/opt/p.yaml');
  });

  it('rejects --config without a path', () => {
    expect(() => resolveConfigPath(['--config'], {}, '/srv')).toThrow(ConfigError);
    expect(() => resolveConfigPath(['--config', '--verbose'], {}, '/srv')).toThrow('--config needs a file path');
  });
});

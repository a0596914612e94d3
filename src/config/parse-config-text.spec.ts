import { describe, expect, it } from 'vitest';
import { configYaml, minimalConfig } from '../../test/config/support/config-text';
import { ConfigError } from './config-error';
import { parseConfigText } from './parse-config-text';

const rejection = (text: string, format?: 'yaml' | 'json'): ConfigError => {
  try {
    parseConfigText(text, { path: 'config/plexus.yaml', env: {}, format });
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

function frozenEverywhere(value: unknown, path = 'config'): string[] {
  // A Date cannot be made immutable by freezing, so loadedAt is left as it is.
  if (typeof value !== 'object' || value === null || value instanceof Date) return [];
  const here = Object.isFrozen(value) ? [] : [path];
  return [...here, ...Object.entries(value).flatMap(([key, item]) => frozenEverywhere(item, `${path}.${key}`))];
}

describe('parseConfigText', () => {
  it('reports a YAML syntax error with its line and column', () => {
    const error = rejection('server:\n  port: 4000\nproviders: [\n  {name: openai\nmodels: []\n');
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.path).toBe(`${process.cwd()}/config/plexus.yaml`);
    expect(error.problems[0]).toMatch(/^line 5, column 1: /);
  });

  it('names the line of a duplicated key', () => {
    const error = rejection('admin:\n  apiKey: a\nadmin:\n  apiKey: b\n');
    expect(error.problems).toEqual(['line 3, column 1: Map keys must be unique']);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const error = rejection('{\n  "admin": {\n    apiKey: "x"\n  }\n}', 'json');
    expect(error.problems).toHaveLength(1);
    // The wording after the position is Node's own and differs between versions.
    expect(error.problems[0]).toMatch(/^line 3, column 5: invalid JSON: \S/);
  });

  it('reads JSON when asked, or for a .json path', () => {
    const json = JSON.stringify(minimalConfig());
    expect(parseConfigText(json, { path: 'x.yaml', env: {}, format: 'json' }).config.models[0].alias).toBe('fast');
    expect(parseConfigText(json, { path: 'plexus.json', env: {} }).config.providers[0].name).toBe('openai');
  });

  it('allows YAML anchors and merge keys for shared provider settings', () => {
    const text = configYaml().replace('providers:\n  - name: openai\n', 'x-shared: &shared\n  enabled: false\nproviders:\n  - <<: *shared\n    name: openai\n');
    const snapshot = parseConfigText(text, { path: 'p.yaml', env: {} });
    expect(snapshot.config.providers[0].enabled).toBe(false);
    expect(snapshot.warnings).toEqual(['x-shared: unknown key, known keys: server, admin, events, logging, providers, models, apiKeys, resilience, pricing']);
  });

  it('treats an empty file as a config with nothing set', () => {
    expect(rejection('').problems).toEqual(['admin.apiKey: is required']);
  });

  it('returns a deep-frozen snapshot with the absolute path and the source text', () => {
    const text = configYaml((c) => (c.providers[0].extraBody = { metadata: { tags: ['a'] } }));
    const snapshot = parseConfigText(text, { path: 'config/plexus.yaml', env: {} });
    expect(frozenEverywhere(snapshot)).toEqual([]);
    expect(() => {
      (snapshot.config.providers[0].auth as { apiKey?: string }).apiKey = 'stolen';
    }).toThrow(TypeError);
    expect(() => (snapshot.config.providers[0].extraBody.metadata as { tags: string[] }).tags.push('b')).toThrow(TypeError);
    expect(snapshot.path).toBe(`${process.cwd()}/config/plexus.yaml`);
    expect(snapshot.sourceText).toBe(text);
  });

  it('gives every snapshot its own objects', () => {
    const first = parseConfigText(configYaml(), { path: 'a.yaml', env: {} });
    const second = parseConfigText(configYaml(), { path: 'a.yaml', env: {} });
    expect(second.config).toEqual(first.config);
    expect(second.config.providers).not.toBe(first.config.providers);
  });
});

import { describe, expect, it } from 'vitest';
import { configYaml, load, problemsOf } from '../../test/config/support/config-text';
import { resolveEnvReferences } from './resolve-env-references';

describe('{env:NAME} references', () => {
  it('replaces a whole value and a reference inside a longer string', () => {
    const text = configYaml((c) => {
      c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}';
      c.providers[0].customHeaders = { 'OpenAI-Organization': 'org-{env:OPENAI_ORG}' };
    });
    const { config, missingEnv } = load(text, { OPENAI_API_KEY: 'sk-live', OPENAI_ORG: 'acme' });
    expect(config.providers[0].auth).toEqual({ type: 'bearer', apiKey: 'sk-live', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(config.providers[0].customHeaders).toEqual({ 'OpenAI-Organization': 'org-acme' });
    expect(missingEnv).toEqual([]);
  });

  it('reads an unquoted {env:NAME}, which YAML parses as a one-key mapping', () => {
    const text = configYaml().replace('apiKey: admin-key', 'apiKey: {env:PLEXUS_ADMIN_KEY}');
    expect(load(text, { PLEXUS_ADMIN_KEY: 'from-env' }).config.admin.apiKey).toBe('from-env');
  });

  it('keeps a provider whose key variable is unset, with the key undefined and the variable named', () => {
    const snapshot = load(configYaml((c) => (c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}')));
    expect(snapshot.config.providers[0].auth).toEqual({ type: 'bearer', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(snapshot.missingEnv).toEqual([{ name: 'OPENAI_API_KEY', path: 'providers[0].auth.apiKey' }]);
  });

  it('starts without the admin key when its variable is unset', () => {
    const snapshot = load(configYaml((c) => (c.admin.apiKey = '{env:PLEXUS_ADMIN_KEY}')));
    expect(snapshot.config.admin.apiKey).toBeUndefined();
    expect(snapshot.config.admin.apiKeyEnv).toBe('PLEXUS_ADMIN_KEY');
    expect(snapshot.missingEnv).toEqual([{ name: 'PLEXUS_ADMIN_KEY', path: 'admin.apiKey' }]);
  });

  it('keeps a client key whose secret variable is unset, matching nothing', () => {
    const snapshot = load(configYaml((c) => (c.apiKeys[0].secret = '{env:ALICE_KEY}')));
    expect(snapshot.config.apiKeys[0]).toEqual({ name: 'alice', enabled: true });
    expect(snapshot.missingEnv).toEqual([{ name: 'ALICE_KEY', path: 'apiKeys[0].secret' }]);
  });

  it('treats an empty variable as unset', () => {
    const snapshot = load(configYaml((c) => (c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}')), { OPENAI_API_KEY: '' });
    expect(snapshot.config.providers[0].auth.apiKey).toBeUndefined();
  });

  it('uses the default of an optional key whose variable is unset, and still reports it', () => {
    const snapshot = load(configYaml((c) => (c.server = { port: '{env:PORT}' })));
    expect(snapshot.config.server.port).toBe(4000);
    expect(snapshot.missingEnv).toEqual([{ name: 'PORT', path: 'server.port' }]);
  });

  it('drops a header whose value cannot be built instead of sending half of it', () => {
    const snapshot = load(configYaml((c) => (c.providers[0].customHeaders = { Authorization: 'Bearer {env:TOKEN}', 'X-Team': 'core' })));
    expect(snapshot.config.providers[0].customHeaders).toEqual({ 'X-Team': 'core' });
    expect(snapshot.missingEnv).toEqual([{ name: 'TOKEN', path: 'providers[0].customHeaders.Authorization' }]);
  });

  it('rejects an unset variable in any other required place, naming the variable', () => {
    const text = configYaml((c) => {
      c.providers[0].name = '{env:PROVIDER_NAME}';
      c.providers[0].baseUrls.chat = '{env:OPENAI_BASE_URL}';
      c.providers[0].models = ['{env:DEFAULT_MODEL}'];
      c.models[0].targets[0].provider = 'openai';
    });
    expect(problemsOf(text)).toEqual([
      'providers[0].models[0]: environment variable DEFAULT_MODEL is not set',
      'providers[0].name: environment variable PROVIDER_NAME is not set',
      'providers[0].baseUrls.chat: environment variable OPENAI_BASE_URL is not set',
    ]);
  });

  it('lists every reference with its location and whether it is set', () => {
    const resolution = resolveEnvReferences({ a: ['{env:ONE}', { b: 'x{env:TWO}y' }] }, { ONE: '1' });
    expect(resolution.value).toEqual({ a: ['1', {}] });
    expect(resolution.references).toEqual([
      { name: 'ONE', segments: ['a', 0], set: true },
      { name: 'TWO', segments: ['a', 1, 'b'], set: false },
    ]);
  });
});

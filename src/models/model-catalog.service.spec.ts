import { describe, expect, it } from 'vitest';
import { testConfig, testConfigService, testSnapshot } from '../../test/support/test-config';
import { aliasConfig, keylessProvider, providerConfig } from '../../test/routing/provider-config';
import { ModelCatalogService } from './model-catalog.service';

function catalog() {
  const configService = testConfigService({
    providers: [
      providerConfig('openai', { models: ['gpt-4o', 'gpt-4o-mini'] }),
      providerConfig('openrouter', { models: ['anthropic/claude-sonnet-4'] }),
      providerConfig('old', { enabled: false, models: ['legacy'] }),
      keylessProvider('anthropic', 'ANTHROPIC_API_KEY', { models: ['claude-sonnet-4'] }),
    ],
    models: [
      aliasConfig('fast', [['openai', 'gpt-4o-mini']], { additionalAliases: ['gpt-4o-mini', 'quick'] }),
      aliasConfig('smart', [['openai', 'gpt-4o']], { additionalAliases: ['gemini-2.5-pro'] }),
    ],
  });
  return { service: new ModelCatalogService(configService), configService };
}

describe('ModelCatalogService.resolve', () => {
  it('finds an alias by its name and by an additional alias', () => {
    const { service } = catalog();
    expect(service.resolve('fast')).toMatchObject({ kind: 'alias', alias: { alias: 'fast' } });
    expect(service.resolve('quick')).toMatchObject({ kind: 'alias', alias: { alias: 'fast' } });
    expect(service.resolve('gpt-4o-mini')).toMatchObject({ kind: 'alias', alias: { alias: 'fast' } });
  });

  it('matches names exactly', () => {
    expect(catalog().service.resolve('Fast')).toMatchObject({ kind: 'error', error: { kind: 'not_found', status: 404 } });
  });

  it("strips the Gemini clients' models/ prefix", () => {
    const { service } = catalog();
    expect(service.resolve('models/gemini-2.5-pro')).toMatchObject({ kind: 'alias', alias: { alias: 'smart' } });
    expect(service.resolve('models/openai/gpt-4o')).toMatchObject({ kind: 'passthrough', model: 'gpt-4o' });
  });

  it('passes provider/model through to a listed model, keeping slashes in the model part', () => {
    const { service } = catalog();
    expect(service.resolve('openai/gpt-4o')).toMatchObject({ kind: 'passthrough', provider: { name: 'openai' }, model: 'gpt-4o' });
    expect(service.resolve('openrouter/anthropic/claude-sonnet-4')).toMatchObject({
      kind: 'passthrough',
      provider: { name: 'openrouter' },
      model: 'anthropic/claude-sonnet-4',
    });
  });

  it('says which part of a passthrough failed, with 404', () => {
    const { service } = catalog();
    const message = (name: string) => {
      const resolution = service.resolve(name);
      if (resolution.kind !== 'error') throw new Error(`expected an error for ${name}`);
      expect(resolution.error).toMatchObject({ kind: 'not_found', status: 404 });
      return resolution.error.message;
    };
    expect(message('nobody/gpt-4o')).toContain('there is no provider "nobody"');
    expect(message('old/legacy')).toContain('provider "old" is disabled');
    expect(message('openai/gpt-5')).toContain('provider "openai" does not list model "gpt-5"');
    expect(message('gpt-9')).toBe('model "gpt-9" not found: no model or alias has that name. GET /v1/models lists the available models');
  });

  it('names the unset key variable of a passthrough provider, with 503', () => {
    expect(catalog().service.resolve('anthropic/claude-sonnet-4')).toEqual({
      kind: 'error',
      error: { kind: 'gateway_error', status: 503, message: 'provider "anthropic": ANTHROPIC_API_KEY is not set' },
    });
  });

  it('follows a config reload', () => {
    const { service, configService } = catalog();
    configService.replace(testSnapshot(testConfig({
      providers: [providerConfig('openai')],
      models: [aliasConfig('renamed', [['openai', 'gpt-4o']])],
    })));
    expect(service.resolve('fast').kind).toBe('error');
    expect(service.resolve('renamed').kind).toBe('alias');
  });
});

describe('ModelCatalogService listing', () => {
  it('lists every alias and additional alias in config order', () => {
    expect(catalog().service.listModelIds()).toEqual(['fast', 'gpt-4o-mini', 'quick', 'smart', 'gemini-2.5-pro']);
  });

  it('describes aliases with target availability', () => {
    const configService = testConfigService({
      providers: [providerConfig('a'), keylessProvider('b', 'B_KEY'), providerConfig('c', { enabled: false })],
      models: [aliasConfig('x', [['a', 'm1', 3], ['b', 'm2'], ['c', 'm3'], ['gone', 'm4']], { selector: 'cost', description: 'cheap' })],
    });
    expect(new ModelCatalogService(configService).describe()).toEqual([
      {
        alias: 'x',
        description: 'cheap',
        additionalAliases: [],
        selector: 'cost',
        apiMatch: false,
        targets: [
          { provider: 'a', model: 'm1', weight: 3, providerEnabled: true, hasKey: true },
          { provider: 'b', model: 'm2', weight: 1, providerEnabled: true, hasKey: false },
          { provider: 'c', model: 'm3', weight: 1, providerEnabled: false, hasKey: true },
          { provider: 'gone', model: 'm4', weight: 1, providerEnabled: false, hasKey: false },
        ],
      },
    ]);
  });
});

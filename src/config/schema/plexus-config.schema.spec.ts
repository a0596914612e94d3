import { describe, expect, it } from 'vitest';
import { configYaml, load, problemsOf } from '../../../test/config/support/config-text';
import { COOLDOWN_ERROR_TYPES } from '../plexus-config';

type Edit = (config: Record<string, any>) => void;

// Each edit breaks one value; the config must be rejected with exactly this one problem.
const cases: Array<[string, Edit, string]> = [
  ['port out of range', (c) => (c.server = { port: 70000 }), 'server.port: must be an integer between 0 and 65535 (got 70000)'],
  ['port not a number', (c) => (c.server = { port: 'http' }), 'server.port: must be an integer between 0 and 65535 (got "http")'],
  ['empty host', (c) => (c.server = { host: '' }), 'server.host: must be a non-empty string (got "")'],
  ['body limit 0', (c) => (c.server = { bodyLimitBytes: 0 }), 'server.bodyLimitBytes: must be an integer >= 1 (got 0)'],
  ['negative grace', (c) => (c.server = { shutdownGraceMs: -1 }), 'server.shutdownGraceMs: must be an integer >= 0 (got -1)'],
  ['section not a mapping', (c) => (c.server = 4000), 'server: must be a mapping of keys to values (got 4000)'],
  ['admin key missing', (c) => delete c.admin.apiKey, 'admin.apiKey: is required'],
  ['admin key a number', (c) => (c.admin.apiKey = 42), 'admin.apiKey: must be a non-empty string (got 42)'],
  ['admin window 0', (c) => (c.admin.rateLimit = { windowMs: 0 }), 'admin.rateLimit.windowMs: must be an integer >= 1 (got 0)'],
  ['admin max 1.5', (c) => (c.admin.rateLimit = { maxRequests: 1.5 }), 'admin.rateLimit.maxRequests: must be an integer >= 1 (got 1.5)'],
  ['heartbeat 0', (c) => (c.events = { heartbeatIntervalMs: 0 }), 'events.heartbeatIntervalMs: must be an integer >= 1 (got 0)'],
  ['max clients 0', (c) => (c.events = { maxClients: 0 }), 'events.maxClients: must be an integer >= 1 (got 0)'],
  ['log level', (c) => (c.logging = { level: 'verbose' }), 'logging.level: must be one of silly, debug, info, warn, error (got "verbose")'],
  ['usage enabled', (c) => (c.logging = { usage: { enabled: 'yes' } }), 'logging.usage.enabled: must be true or false (got "yes")'],
  ['usage path', (c) => (c.logging = { usage: { storagePath: 7 } }), 'logging.usage.storagePath: must be a non-empty string (got 7)'],
  ['usage days', (c) => (c.logging = { usage: { retentionDays: 0 } }), 'logging.usage.retentionDays: must be an integer >= 1 (got 0)'],
  ['debug capture', (c) => (c.logging = { debug: { captureRequests: 1 } }), 'logging.debug.captureRequests: must be true or false (got 1)'],
  ['debug days', (c) => (c.logging = { debug: { retentionDays: 2.5 } }), 'logging.debug.retentionDays: must be an integer >= 1 (got 2.5)'],
  ['errors days', (c) => (c.logging = { errors: { retentionDays: -3 } }), 'logging.errors.retentionDays: must be an integer >= 1 (got -3)'],
  ['providers not a list', (c) => (c.providers = { name: 'openai' }), 'providers: must be a list (got a mapping)'],
  ['provider name missing', (c) => delete c.providers[0].name, 'providers[0].name: is required'],
  ['provider enabled', (c) => (c.providers[0].enabled = 'no'), 'providers[0].enabled: must be true or false (got "no")'],
  ['api types empty', (c) => (c.providers[0].apiTypes = []), 'providers[0].apiTypes: must be a non-empty list of chat, messages, gemini (got [])'],
  [
    'api type unknown',
    (c) => (c.providers[0].apiTypes = ['chat', 'responses']),
    'providers[0].apiTypes: must be a non-empty list of chat, messages, gemini (got ["chat","responses"])',
  ],
  ['base url scheme', (c) => (c.providers[0].baseUrls.chat = 'api.openai.com/v1'), 'providers[0].baseUrls.chat: must be an http:// or https:// URL (got "api.openai.com/v1")'],
  ['auth missing', (c) => delete c.providers[0].auth, 'providers[0].auth: is required'],
  ['auth key missing', (c) => delete c.providers[0].auth.apiKey, 'providers[0].auth.apiKey: is required'],
  ['models a string', (c) => (c.providers[0].models = 'gpt-4o-mini'), 'providers[0].models: must be a list of non-empty strings (got "gpt-4o-mini")'],
  ['headers not strings', (c) => (c.providers[0].customHeaders = { 'X-Retries': 3 }), 'providers[0].customHeaders: must be a mapping of names to strings (got {"X-Retries":3})'],
  ['extra body a list', (c) => (c.providers[0].extraBody = ['store']), 'providers[0].extraBody: must be a mapping of keys to values (got ["store"])'],
  ['discount 0', (c) => (c.providers[0].discount = 0), 'providers[0].discount: must be a number > 0 (got 0)'],
  ['cooldown negative', (c) => (c.providers[0].cooldown = { rate_limit: -1 }), 'providers[0].cooldown.rate_limit: must be a number >= 0 (got -1)'],
  ['connect timeout 0', (c) => (c.providers[0].timeouts = { connectMs: 0 }), 'providers[0].timeouts.connectMs: must be an integer >= 1 (got 0)'],
  ['alias missing', (c) => delete c.models[0].alias, 'models[0].alias: is required'],
  ['description empty', (c) => (c.models[0].description = ''), 'models[0].description: must be a non-empty string (got "")'],
  ['additional aliases', (c) => (c.models[0].additionalAliases = [5]), 'models[0].additionalAliases: must be a list of non-empty strings (got [5])'],
  ['selector', (c) => (c.models[0].selector = 'fastest'), 'models[0].selector: must be one of random, in_order, cost, latency, performance (got "fastest")'],
  ['api match', (c) => (c.models[0].apiMatch = 'sometimes'), 'models[0].apiMatch: must be true or false (got "sometimes")'],
  ['targets empty', (c) => (c.models[0].targets = []), 'models[0].targets: must be a non-empty list (got [])'],
  ['target not a mapping', (c) => (c.models[0].targets = ['openai/gpt-4o-mini']), 'models[0].targets[0]: must be a mapping of keys to values (got "openai/gpt-4o-mini")'],
  ['target model missing', (c) => delete c.models[0].targets[0].model, 'models[0].targets[0].model: is required'],
  ['weight negative', (c) => (c.models[0].targets[0].weight = -1), 'models[0].targets[0].weight: must be a number >= 0 (got -1)'],
  ['key name missing', (c) => delete c.apiKeys[0].name, 'apiKeys[0].name: is required'],
  ['key secret missing', (c) => delete c.apiKeys[0].secret, 'apiKeys[0].secret: is required'],
  ['key enabled', (c) => (c.apiKeys[0].enabled = 'off'), 'apiKeys[0].enabled: must be true or false (got "off")'],
  ['max duration', (c) => (c.resilience = { cooldown: { maxDuration: -5 } }), 'resilience.cooldown.maxDuration: must be a number >= 0 (got -5)'],
  ['cooldown path', (c) => (c.resilience = { cooldown: { storagePath: '' } }), 'resilience.cooldown.storagePath: must be a non-empty string (got "")'],
  ['cooldown default', (c) => (c.resilience = { cooldown: { defaults: { timeout: 'long' } } }), 'resilience.cooldown.defaults.timeout: must be a number >= 0 (got "long")'],
  ['degraded > 1', (c) => (c.resilience = { health: { degradedThreshold: 1.5, unhealthyThreshold: 1 } }), 'resilience.health.degradedThreshold: must be a number between 0 and 1 (got 1.5)'],
  ['unhealthy < 0', (c) => (c.resilience = { health: { degradedThreshold: 0, unhealthyThreshold: -0.1 } }), 'resilience.health.unhealthyThreshold: must be a number between 0 and 1 (got -0.1)'],
  ['price missing output', (c) => (c.pricing = { models: { 'gpt-4.1': { inputPer1M: 2 } } }), 'pricing.models["gpt-4.1"].outputPer1M: is required'],
  ['price negative', (c) => (c.pricing = { models: { m: { inputPer1M: -1, outputPer1M: 1 } } }), 'pricing.models.m.inputPer1M: must be a number >= 0 (got -1)'],
  ['price not a mapping', (c) => (c.pricing = { models: { m: 5 } }), 'pricing.models.m: must be a mapping of keys to values (got 5)'],
  ['tiers not a list', (c) => (c.pricing = { tiered: { g: { maxInputTokens: 1 } } }), 'pricing.tiered: must be a mapping of names to non-empty lists (got "g": {"maxInputTokens":1})'],
  ['tiers empty', (c) => (c.pricing = { tiered: { g: [] } }), 'pricing.tiered: must be a mapping of names to non-empty lists (got "g": [])'],
  [
    'tier limit',
    (c) => (c.pricing = { tiered: { g: [{ maxInputTokens: 0, inputPer1M: 1, outputPer1M: 2 }] } }),
    'pricing.tiered.g[0].maxInputTokens: must be an integer >= 1 (got 0)',
  ],
  ['discount map', (c) => (c.pricing = { discounts: { openai: 0 } }), 'pricing.discounts: must be a mapping of names to numbers > 0 (got {"openai":0})'],
  ['openrouter url', (c) => (c.pricing = { openrouter: { url: 'ftp://openrouter.ai' } }), 'pricing.openrouter.url: must be an http:// or https:// URL (got "ftp://openrouter.ai")'],
  ['openrouter refresh', (c) => (c.pricing = { openrouter: { cacheRefreshMinutes: 0 } }), 'pricing.openrouter.cacheRefreshMinutes: must be a number >= 1 (got 0)'],
];

describe('config schema: one rule per value', () => {
  it.each(cases)('%s', (_name, edit, problem) => {
    expect(problemsOf(configYaml(edit))).toEqual([problem]);
  });

  it('rejects a file that is not a mapping of sections', () => {
    expect(problemsOf('- server\n- admin\n')).toEqual([
      'the file must be a mapping of sections (server, admin, providers, models, …) (got ["server","admin"])',
    ]);
  });

  it('reports every problem of a file at once, in file order', () => {
    const text = configYaml((c) => {
      c.server = { port: -1 };
      c.providers[0].auth.type = 'apikey';
      c.models[0].selector = 'best';
    });
    expect(problemsOf(text)).toEqual([
      'server.port: must be an integer between 0 and 65535 (got -1)',
      'providers[0].auth.type: must be one of bearer, x-api-key (got "apikey")',
      'models[0].selector: must be one of random, in_order, cost, latency, performance (got "best")',
    ]);
  });

  it('accepts numbers and booleans written as strings, so they can come from {env:}', () => {
    const snapshot = load(configYaml((c) => (c.server = { port: '{env:PORT}' })).replace('apiKeys:', 'logging:\n  usage:\n    enabled: "false"\napiKeys:'), {
      PORT: '8080',
    });
    expect(snapshot.config.server.port).toBe(8080);
    expect(snapshot.config.logging.usage.enabled).toBe(false);
  });

  it('applies every documented default', () => {
    const { config } = load(configYaml());
    expect(config.server).toEqual({ host: '0.0.0.0', port: 4000, bodyLimitBytes: 33554432, shutdownGraceMs: 30000 });
    expect(config.admin.rateLimit).toEqual({ windowMs: 60000, maxRequests: 100 });
    expect(config.events).toEqual({ heartbeatIntervalMs: 30000, maxClients: 10 });
    expect(config.logging).toEqual({
      level: 'info',
      usage: { enabled: true, storagePath: './data/logs/usage', retentionDays: 30 },
      debug: { enabled: false, captureRequests: true, captureResponses: true, storagePath: './data/logs/debug', retentionDays: 7 },
      errors: { storagePath: './data/logs/errors', retentionDays: 90 },
    });
    expect(config.providers[0]).toMatchObject({
      enabled: true,
      customHeaders: {},
      extraBody: {},
      cooldown: {},
      timeouts: { connectMs: 10000, firstByteMs: 120000, idleMs: 120000 },
    });
    expect(config.providers[0].discount).toBeUndefined();
    expect(config.models[0]).toEqual({
      alias: 'fast',
      additionalAliases: [],
      selector: 'in_order',
      apiMatch: false,
      targets: [{ provider: 'openai', model: 'gpt-4o-mini', weight: 1 }],
    });
    expect(config.apiKeys[0].enabled).toBe(true);
    expect(config.resilience).toEqual({
      cooldown: {
        maxDuration: 3600,
        minDuration: 5,
        storagePath: './data/cooldowns.json',
        defaults: { rate_limit: 60, auth_error: 300, timeout: 30, server_error: 30, connection_error: 30 },
      },
      health: { degradedThreshold: 0.5, unhealthyThreshold: 0.9 },
    });
    expect(config.pricing).toEqual({
      models: {},
      tiered: {},
      discounts: {},
      openrouter: { enabled: false, cacheRefreshMinutes: 60, url: 'https://openrouter.ai/api/v1/models', cachePath: './data/openrouter-prices.json' },
    });
  });

  it('treats an empty value (`key:` with nothing after it) as leaving the key out', () => {
    const text = configYaml().replace('apiKeys:', 'server:\n  port:\nevents:\napiKeys:');
    const { config } = load(text);
    expect(config.server.port).toBe(4000);
    expect(config.events.maxClients).toBe(10);
  });

  it('accepts a per-provider cooldown for every error type of the contract', () => {
    const cooldown = Object.fromEntries(COOLDOWN_ERROR_TYPES.map((type, index) => [type, index + 1]));
    const snapshot = load(configYaml((c) => (c.providers[0].cooldown = cooldown)));
    expect(snapshot.config.providers[0].cooldown).toEqual(cooldown);
    expect(snapshot.warnings).toEqual([]);
  });

  it('keeps pricing entries keyed by model name, dots and slashes included', () => {
    const text = configYaml((c) => {
      c.pricing = {
        models: { 'gpt-4.1': { inputPer1M: 2, outputPer1M: 8, cachedPer1M: 0.5 }, 'openai/gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 } },
        tiered: { 'gemini-2.5-pro': [{ maxInputTokens: 200000, inputPer1M: 1.25, outputPer1M: 10 }] },
        discounts: { openai: 0.9 },
      };
    });
    const { pricing } = load(text).config;
    expect(pricing.models['gpt-4.1']).toEqual({ inputPer1M: 2, outputPer1M: 8, cachedPer1M: 0.5 });
    expect(pricing.models['openai/gpt-4o']).toEqual({ inputPer1M: 2.5, outputPer1M: 10 });
    expect(pricing.tiered['gemini-2.5-pro']).toEqual([{ maxInputTokens: 200000, inputPer1M: 1.25, outputPer1M: 10 }]);
    expect(pricing.discounts).toEqual({ openai: 0.9 });
  });
});

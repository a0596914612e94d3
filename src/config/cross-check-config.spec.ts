import { describe, expect, it } from 'vitest';
import { configYaml, load, problemsOf } from '../../test/config/support/config-text';

const anthropic = {
  name: 'anthropic',
  apiTypes: ['messages'],
  baseUrls: { messages: 'https://api.anthropic.com/v1' },
  auth: { type: 'x-api-key', apiKey: 'sk-ant' },
  models: ['claude-sonnet-4-5'],
};

describe('cross-checks between values', () => {
  it('rejects a target naming a provider that does not exist, suggesting the closest name', () => {
    expect(problemsOf(configYaml((c) => (c.models[0].targets[0].provider = 'opnai')))).toEqual([
      'models[0].targets[0].provider: no provider named "opnai", did you mean "openai"?',
    ]);
    expect(problemsOf(configYaml((c) => (c.models[0].targets[0].provider = 'mistral')))).toEqual([
      'models[0].targets[0].provider: no provider named "mistral" (providers: openai)',
    ]);
    expect(problemsOf(configYaml((c) => (c.providers = [])))).toEqual([
      'models[0].targets[0].provider: no provider named "openai" (no providers are configured)',
    ]);
  });

  it('only warns when a target model is not in its provider models list', () => {
    const snapshot = load(configYaml((c) => (c.models[0].targets[0].model = 'gpt-5')));
    expect(snapshot.warnings).toEqual(['models[0].targets[0].model: "gpt-5" is not in the models list of provider "openai"']);
    expect(snapshot.config.models[0].targets[0].model).toBe('gpt-5');
  });

  it('rejects an alias or additional alias used twice across all models', () => {
    const text = configYaml((c) => {
      c.models[0].additionalAliases = ['quick', 'fast'];
      c.models.push({ alias: 'quick', targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] });
      c.models.push({ alias: 'smart', additionalAliases: ['fast'], targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] });
    });
    expect(problemsOf(text)).toEqual([
      'models[0].additionalAliases[1]: "fast" is already used by models[0].alias',
      'models[1].alias: "quick" is already used by models[0].additionalAliases[0]',
      'models[2].additionalAliases[0]: "fast" is already used by models[0].alias',
    ]);
  });

  it('rejects degradedThreshold above unhealthyThreshold', () => {
    const text = configYaml((c) => (c.resilience = { health: { degradedThreshold: 0.95, unhealthyThreshold: 0.9 } }));
    expect(problemsOf(text)).toEqual(['resilience.health.degradedThreshold: must be <= unhealthyThreshold (0.9) (got 0.95)']);
  });

  it('accepts equal thresholds and equal durations', () => {
    const text = configYaml((c) => {
      c.resilience = { health: { degradedThreshold: 0.7, unhealthyThreshold: 0.7 }, cooldown: { minDuration: 60, maxDuration: 60 } };
    });
    expect(load(text).config.resilience.health.degradedThreshold).toBe(0.7);
  });

  it('rejects minDuration above maxDuration', () => {
    const text = configYaml((c) => (c.resilience = { cooldown: { minDuration: 600, maxDuration: 300 } }));
    expect(problemsOf(text)).toEqual(['resilience.cooldown.minDuration: must be <= maxDuration (300) (got 600)']);
  });

  it('rejects tiers that are not sorted by maxInputTokens', () => {
    const tier = (maxInputTokens: number) => ({ maxInputTokens, inputPer1M: 1, outputPer1M: 2 });
    const text = configYaml((c) => (c.pricing = { tiered: { 'gemini-2.5-pro': [tier(200000), tier(128000), tier(128000)] } }));
    expect(problemsOf(text)).toEqual([
      'pricing.tiered["gemini-2.5-pro"][1].maxInputTokens: must be greater than the tier before it (200000); tiers are sorted by maxInputTokens (got 128000)',
      'pricing.tiered["gemini-2.5-pro"][2].maxInputTokens: must be greater than the tier before it (128000); tiers are sorted by maxInputTokens (got 128000)',
    ]);
  });

  it('requires a base URL for each api type a provider lists, and warns about unused ones', () => {
    const text = configYaml((c) => (c.providers[0].apiTypes = ['chat', 'messages']));
    expect(problemsOf(text)).toEqual(['providers[0].baseUrls.messages: is required because apiTypes lists messages']);
    const unused = load(configYaml((c) => (c.providers[0].baseUrls.gemini = 'https://generativelanguage.googleapis.com/v1beta')));
    expect(unused.warnings).toEqual(['providers[0].baseUrls.gemini: not used because apiTypes does not list gemini']);
  });

  it('rejects two providers with the same name', () => {
    const text = configYaml((c) => c.providers.push(anthropic, { ...anthropic, name: 'openai' }));
    expect(problemsOf(text)).toEqual(['providers[2].name: "openai" is already used by providers[0]']);
  });

  it('rejects two client keys with the same name or the same secret, without printing the secret', () => {
    const text = configYaml((c) => {
      c.apiKeys.push({ name: 'alice', secret: 'other-secret' }, { name: 'bob', secret: 'alice-secret' });
    });
    const problems = problemsOf(text);
    expect(problems).toEqual([
      'apiKeys[1].name: "alice" is already used by apiKeys[0]',
      'apiKeys[2].secret: same secret as apiKeys[0]; each client key needs its own',
    ]);
    expect(problems.join('\n')).not.toContain('alice-secret');
  });

  it('warns about a discount for a provider that does not exist', () => {
    const snapshot = load(configYaml((c) => (c.pricing = { discounts: { openia: 0.8 } })));
    expect(snapshot.warnings).toEqual(['pricing.discounts.openia: no provider named "openia", so it applies to nothing']);
  });

  it('does not repeat a broken value as cross-check problems', () => {
    const text = configYaml((c) => {
      c.providers[0].name = 42;
      c.resilience = { cooldown: { maxDuration: -1 } };
    });
    expect(problemsOf(text)).toEqual([
      'providers[0].name: must be a non-empty string (got 42)',
      'resilience.cooldown.maxDuration: must be a number >= 0 (got -1)',
    ]);
  });
});

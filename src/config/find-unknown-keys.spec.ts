import { describe, expect, it } from 'vitest';
import { configYaml, load, rejectionOf } from '../../test/config/support/config-text';

describe('unknown keys', () => {
  it('warns with the path and the closest known key, ignoring case', () => {
    const text = configYaml((c) => {
      c.providers[0].auth.apikey = 'typo';
      c.server = { prot: 8080 };
      c.models[0].selectr = 'random';
    });
    const snapshot = load(text);
    expect(snapshot.warnings).toEqual(
      expect.arrayContaining([
        'server.prot: unknown key, did you mean "port"?',
        'providers[0].auth.apikey: unknown key, did you mean "apiKey"?',
        'models[0].selectr: unknown key, did you mean "selector"?',
      ]),
    );
    expect(snapshot.warnings).toHaveLength(3);
  });

  it('suggests the key of a sub-section when the typo was written one level too high', () => {
    const snapshot = load(configYaml((c) => (c.providers[0].apikey = 'sk-other')));
    expect(snapshot.warnings).toEqual(['providers[0].apikey: unknown key, did you mean "auth.apiKey"?']);
  });

  it('lists the known keys when nothing is close', () => {
    const snapshot = load(configYaml((c) => (c.events = { color: 'blue' })));
    expect(snapshot.warnings).toEqual(['events.color: unknown key, known keys: heartbeatIntervalMs, maxClients']);
  });

  it('drops unknown keys from the loaded config', () => {
    const snapshot = load(configYaml((c) => (c.server = { port: 4100, prot: 8080 })));
    expect(snapshot.config.server).not.toHaveProperty('prot');
    expect(snapshot.config.server.port).toBe(4100);
  });

  it('does not warn about free-form names: headers, extra body fields, model prices', () => {
    const snapshot = load(
      configYaml((c) => {
        c.providers[0].customHeaders = { 'X-Anything': 'a' };
        c.providers[0].extraBody = { store: false, metadata: { team: 'core' } };
        c.pricing = { models: { 'any/model-name': { inputPer1M: 1, outputPer1M: 2 } } };
      }),
    );
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.config.providers[0].extraBody).toEqual({ store: false, metadata: { team: 'core' } });
  });

  it('shows unknown-key warnings next to the problems they probably explain', () => {
    const rejection = rejectionOf(configYaml((c) => (c.providers[0].auth = { type: 'bearer', apikey: 'sk-openai' })));
    expect(rejection.problems).toEqual(['providers[0].auth.apiKey: is required']);
    expect(rejection.warnings).toEqual(['providers[0].auth.apikey: unknown key, did you mean "apiKey"?']);
  });
});

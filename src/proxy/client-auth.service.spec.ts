import { describe, expect, it } from 'vitest';
import { testConfig, testConfigService, testSnapshot } from '../../test/support/test-config';
import { ClientAuthService } from './client-auth.service';

const keys = [
  { name: 'team-a', secret: 'sk-team-a', enabled: true },
  { name: 'team-b', secret: 'sk-team-b', enabled: true },
  { name: 'off', secret: 'sk-off', enabled: false },
];

const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` }, query: {} });

describe('ClientAuthService', () => {
  it('finds the key by any of the four places a client can send it', () => {
    const auth = new ClientAuthService(testConfigService({ apiKeys: keys }));
    expect(auth.authenticate(bearer('sk-team-a'))).toBe('team-a');
    expect(auth.authenticate({ headers: { authorization: 'bearer sk-team-b' }, query: {} })).toBe('team-b');
    expect(auth.authenticate({ headers: { 'x-api-key': 'sk-team-a' }, query: {} })).toBe('team-a');
    expect(auth.authenticate({ headers: { 'x-goog-api-key': 'sk-team-b' }, query: {} })).toBe('team-b');
    expect(auth.authenticate({ headers: {}, query: { key: 'sk-team-a' } })).toBe('team-a');
  });

  it('refuses wrong, missing and disabled keys, also after a right key was seen', () => {
    const auth = new ClientAuthService(testConfigService({ apiKeys: keys }));
    expect(auth.authenticate(bearer('sk-team-a'))).toBe('team-a');
    expect(auth.authenticate(bearer('sk-team-a-but-longer'))).toBeUndefined();
    expect(auth.authenticate(bearer('sk-off'))).toBeUndefined();
    expect(auth.authenticate({ headers: {}, query: {} })).toBeUndefined();
    expect(auth.authenticate({ headers: { authorization: 'Basic sk-team-a' }, query: {} })).toBeUndefined();
  });

  it('forgets a remembered key the moment the config removes or disables it', () => {
    const configService = testConfigService({ apiKeys: keys });
    const auth = new ClientAuthService(configService);
    expect(auth.authenticate(bearer('sk-team-a'))).toBe('team-a');
    expect(auth.authenticate(bearer('sk-team-a'))).toBe('team-a');

    configService.replace(testSnapshot(testConfig({ apiKeys: [{ name: 'team-a', secret: 'sk-team-a', enabled: false }, keys[1]] })));
    expect(auth.authenticate(bearer('sk-team-a'))).toBeUndefined();
    expect(auth.authenticate(bearer('sk-team-b'))).toBe('team-b');

    configService.replace(testSnapshot(testConfig({ apiKeys: [{ name: 'renamed', secret: 'sk-team-b', enabled: true }] })));
    expect(auth.authenticate(bearer('sk-team-b'))).toBe('renamed');
    auth.onModuleDestroy();
  });

  it('keeps answering right when more distinct keys are used than it remembers', () => {
    const many = Array.from({ length: 1500 }, (_, index) => ({ name: `k${index}`, secret: `sk-${index}`, enabled: true }));
    const auth = new ClientAuthService(testConfigService({ apiKeys: many }));
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < many.length; index++) expect(auth.authenticate(bearer(`sk-${index}`))).toBe(`k${index}`);
    }
  });
});

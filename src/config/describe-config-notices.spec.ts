import { describe, expect, it } from 'vitest';
import { configYaml, load } from '../../test/config/support/config-text';
import { describeConfigNotices } from './describe-config-notices';

describe('describeConfigNotices', () => {
  it('says what each unset variable turns off, then lists warnings', () => {
    const snapshot = load(
      configYaml((c) => {
        c.admin.apiKey = '{env:PLEXUS_ADMIN_KEY}';
        c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}';
        c.apiKeys[0].secret = '{env:ALICE_KEY}';
        c.server = { port: '{env:PORT}', prot: 1 };
      }),
    );
    expect(describeConfigNotices(snapshot)).toEqual([
      'PLEXUS_ADMIN_KEY is not set (used by admin.apiKey): the admin API answers 503 until it is set',
      'OPENAI_API_KEY is not set (used by providers[0].auth.apiKey): provider "openai" stays out of routing',
      'ALICE_KEY is not set (used by apiKeys[0].secret): client key "alice" matches no request',
      'PORT is not set (used by server.port): the default value applies',
      'server.prot: unknown key, did you mean "port"?',
    ]);
  });
});

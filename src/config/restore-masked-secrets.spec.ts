import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from './mask-secrets';
import { restoreMaskedSecrets } from './restore-masked-secrets';

const current = {
  admin: { apiKey: '{env:PLEXUS_ADMIN_KEY}' },
  providers: [
    { name: 'openai', auth: { type: 'bearer', apiKey: { 'env:OPENAI_API_KEY': null } } },
    { name: 'anthropic', auth: { type: 'x-api-key', apiKey: 'sk-ant-literal' } },
  ],
  apiKeys: [{ name: 'alice', secret: '{env:ALICE_KEY}' }, { name: 'bob', secret: 'bob-secret' }],
};

describe('restoreMaskedSecrets', () => {
  it('puts back the current value by path, provider name and key name, even when reordered', () => {
    const incoming = {
      admin: { apiKey: SECRET_MASK },
      providers: [
        { name: 'anthropic', auth: { type: 'x-api-key', apiKey: SECRET_MASK } },
        { name: 'openai', auth: { type: 'bearer', apiKey: SECRET_MASK } },
      ],
      apiKeys: [{ name: 'bob', secret: SECRET_MASK }, { name: 'carol', secret: 'new-secret' }],
    };
    const restored = restoreMaskedSecrets(incoming, current);
    expect(restored.problems).toEqual([]);
    expect(restored.value).toEqual({
      admin: { apiKey: '{env:PLEXUS_ADMIN_KEY}' },
      providers: [
        { name: 'anthropic', auth: { type: 'x-api-key', apiKey: 'sk-ant-literal' } },
        { name: 'openai', auth: { type: 'bearer', apiKey: '{env:OPENAI_API_KEY}' } },
      ],
      apiKeys: [{ name: 'bob', secret: 'bob-secret' }, { name: 'carol', secret: 'new-secret' }],
    });
    expect(restored.substitutions.map((substitution) => substitution.segments.join('.'))).toEqual([
      'admin.apiKey',
      'providers.0.auth.apiKey',
      'providers.1.auth.apiKey',
      'apiKeys.0.secret',
    ]);
    expect(incoming.admin.apiKey).toBe(SECRET_MASK);
  });

  it('rejects a mask that has no current value to keep', () => {
    const incoming = {
      providers: [{ name: 'mistral', auth: { type: 'bearer', apiKey: SECRET_MASK } }],
      apiKeys: [{ name: 'dave', secret: SECRET_MASK }],
    };
    expect(restoreMaskedSecrets(incoming, current).problems).toEqual([
      'providers[0].auth.apiKey: "********" keeps the current value, but there is no current provider named "mistral"',
      'apiKeys[0].secret: "********" keeps the current value, but there is no current key named "dave"',
    ]);
  });

  it('puts back a masked credential custom header by provider and header name', () => {
    const withHeaders = { providers: [{ name: 'router', auth: { type: 'bearer', apiKey: 'k' }, customHeaders: { 'X-Portkey-Api-Key': '{env:PORTKEY_KEY}', 'HTTP-Referer': 'https://a.example' } }] };
    const incoming = { providers: [{ name: 'router', auth: { type: 'bearer', apiKey: SECRET_MASK }, customHeaders: { 'X-Portkey-Api-Key': SECRET_MASK, 'HTTP-Referer': 'https://b.example' } }] };
    const restored = restoreMaskedSecrets(incoming, withHeaders);
    expect(restored.problems).toEqual([]);
    expect((restored.value as any).providers[0].customHeaders).toEqual({ 'X-Portkey-Api-Key': '{env:PORTKEY_KEY}', 'HTTP-Referer': 'https://b.example' });
  });
});

import { describe, expect, it } from 'vitest';
import { configYaml, load } from '../../test/config/support/config-text';
import { SECRET_MASK, maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('replaces every secret and leaves everything else, JSON-safe', () => {
    const snapshot = load(
      configYaml((c) => {
        c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}';
        c.apiKeys.push({ name: 'bob', secret: '{env:BOB_KEY}' });
      }),
      { OPENAI_API_KEY: 'sk-live-123' },
    );
    const masked = maskSecrets(snapshot.config);
    const json = JSON.stringify(masked);
    for (const secret of ['admin-key', 'sk-live-123', 'alice-secret']) expect(json).not.toContain(secret);
    expect(masked.admin.apiKey).toBe(SECRET_MASK);
    expect(masked.providers[0].auth).toEqual({ type: 'bearer', apiKey: SECRET_MASK, apiKeyEnv: 'OPENAI_API_KEY' });
    expect(masked.apiKeys).toEqual([
      { name: 'alice', secret: SECRET_MASK, enabled: true },
      { name: 'bob', enabled: true },
    ]);
    expect(masked.models).toEqual(snapshot.config.models);
    expect(snapshot.config.admin.apiKey).toBe('admin-key');
  });

  it('masks credential-like custom headers and keeps the others readable', () => {
    const snapshot = load(
      configYaml((c) => {
        c.providers[0].customHeaders = { 'X-Portkey-Api-Key': 'pk-secret-999', Authorization: 'Basic abc123', 'HTTP-Referer': 'https://example.com' };
      }),
    );
    const masked = maskSecrets(snapshot.config);
    expect(masked.providers[0].customHeaders).toEqual({ 'X-Portkey-Api-Key': SECRET_MASK, Authorization: SECRET_MASK, 'HTTP-Referer': 'https://example.com' });
    expect(JSON.stringify(masked)).not.toMatch(/pk-secret-999|abc123/);
  });
});

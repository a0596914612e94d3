import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { anthropicClient, geminiClient, openAiClient } from '../support/sdk-clients';
import { ADMIN_KEY, CLIENT_KEY, PROVIDER_KEYS, startTestGateway, type TestGateway } from '../support/start-test-gateway';
import { adminFetch, adminJson } from './support/admin-api';

const UNSET_PROVIDER_VARIABLE = 'PLEXUS_ADMIN_TEST_SPARE_KEY_NOT_SET';
const SECRETS = [ADMIN_KEY, CLIENT_KEY, ...Object.values(PROVIDER_KEYS)];

describe('admin API: the config', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;

  beforeAll(async () => {
    delete process.env[UNSET_PROVIDER_VARIABLE];
    await upstream.start();
    gateway = await startTestGateway(upstream.url, (config) => {
      config.admin.rateLimit = { windowMs: 60_000, maxRequests: 10_000 };
      config.providers.push({
        name: 'spare',
        apiTypes: ['chat'],
        baseUrls: { chat: `${upstream.url}/v1` },
        auth: { type: 'bearer', apiKey: `{env:${UNSET_PROVIDER_VARIABLE}}` },
        models: ['gpt-4o'],
      });
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const chat = (model: string) => openAiClient(gateway.url).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  describe('GET /v0/config', () => {
    it('answers the running config as JSON with every secret masked', async () => {
      const response = await adminFetch(gateway.url, '/v0/config');
      const text = await response.text();
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      const config = JSON.parse(text);
      expect(config.admin.apiKey).toBe('********');
      expect(config.providers.find((provider: any) => provider.name === 'openai-mock').auth.apiKey).toBe('********');
      expect(config.apiKeys[0]).toMatchObject({ name: 'test-client', secret: '********' });
      expect(config.models.map((alias: any) => alias.alias)).toEqual(['via-chat', 'via-messages', 'via-gemini']);
      // Defaults are filled in: this is what runs, not only what the file says.
      expect(config.events).toEqual({ heartbeatIntervalMs: 30_000, maxClients: 10 });
    });

    it('shows a key whose variable is unset as its {env:} reference, not as a value', async () => {
      const config = await adminJson(gateway.url, '/v0/config');
      expect(config.providers.find((provider: any) => provider.name === 'spare').auth).toEqual({ type: 'bearer', apiKey: `{env:${UNSET_PROVIDER_VARIABLE}}` });
    });

    it('answers YAML for Accept: application/yaml, the same config', async () => {
      const response = await adminFetch(gateway.url, '/v0/config', { headers: { accept: 'application/yaml' } });
      expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
      const text = await response.text();
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(parse(text)).toEqual(await adminJson(gateway.url, '/v0/config'));
    });
  });

  describe('PUT /v0/config', () => {
    it('applies a valid config at once (a new alias routes through an SDK) and rewrites the file', async () => {
      await expect(chat('brand-new')).rejects.toMatchObject({ status: 404 });
      const config = await adminJson(gateway.url, '/v0/config');
      config.models.push({ alias: 'brand-new', selector: 'in_order', targets: [{ provider: 'anthropic-mock', model: 'claude-sonnet-4' }] });

      const result = await adminJson(gateway.url, '/v0/config', { method: 'PUT', body: config });
      expect(result).toMatchObject({ valid: true, applied: true, path: gateway.configPath });
      expect(Date.parse(result.loadedAt)).toBeGreaterThan(Date.now() - 10_000);

      const completion = await chat('brand-new');
      expect(completion.choices[0].message.content).toBeTruthy();
      expect(upstream.received.at(-1)!.url).toContain('/v1/messages');
      expect(upstream.received.at(-1)!.headers['x-api-key']).toBe(PROVIDER_KEYS.messages);

      const written = parse(readFileSync(gateway.configPath, 'utf8'));
      expect(written.models.map((alias: any) => alias.alias)).toContain('brand-new');
      // The masks sent back were restored, never written.
      expect(written.providers.find((provider: any) => provider.name === 'openai-mock').auth.apiKey).toBe(PROVIDER_KEYS.chat);
      expect(written.admin.apiKey).toBe(ADMIN_KEY);
      expect(readFileSync(gateway.configPath, 'utf8')).not.toContain('********');
    });

    it('takes YAML as sent, comments included', async () => {
      const yaml = await (await adminFetch(gateway.url, '/v0/config', { headers: { accept: 'application/yaml' } })).text();
      const edited = `# edited through the admin API\n${yaml.replace('alias: via-gemini', 'alias: via-gemini # the Gemini one')}`;
      const result = await adminJson(gateway.url, '/v0/config', { method: 'PUT', body: edited, contentType: 'application/yaml' });
      expect(result.applied).toBe(true);
      const written = readFileSync(gateway.configPath, 'utf8');
      expect(written).toContain('# edited through the admin API');
      expect(written).toContain('alias: via-gemini # the Gemini one');
      expect(written).not.toContain('********');
    });

    it('refuses an invalid config with every problem and changes nothing, not even the file bytes', async () => {
      const fileBefore = readFileSync(gateway.configPath);
      const configBefore = await adminJson(gateway.url, '/v0/config');
      const config = structuredClone(configBefore);
      config.models.push({ alias: 'never-applied', selector: 'fastest', targets: [{ provider: 'no-such-provider', model: 'x' }] });
      config.server.port = 'eighty';

      const response = await adminFetch(gateway.url, '/v0/config', { method: 'PUT', body: config });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', valid: false });
      expect(body.message).toMatch(/problems?; nothing was changed/);
      expect(body.problems.length).toBeGreaterThanOrEqual(3);
      expect(body.problems.some((problem: string) => problem.startsWith('server.port'))).toBe(true);
      expect(body.problems.some((problem: string) => problem.includes('selector') && problem.includes('fastest'))).toBe(true);
      expect(body.problems.some((problem: string) => problem.includes('no-such-provider'))).toBe(true);

      expect(readFileSync(gateway.configPath).equals(fileBefore)).toBe(true);
      expect(await adminJson(gateway.url, '/v0/config')).toEqual(configBefore);
      await expect(chat('never-applied')).rejects.toMatchObject({ status: 404 });
      expect((await chat('via-chat')).choices[0].message.content).toBe('Oi!');
    });

    it('refuses broken YAML with the line and column, and an empty body with what to send', async () => {
      const fileBefore = readFileSync(gateway.configPath);
      const broken = await adminFetch(gateway.url, '/v0/config', { method: 'PUT', body: 'server:\n  port: [1, 2\nadmin: {', contentType: 'application/yaml' });
      expect(broken.status).toBe(400);
      expect((await broken.json()).problems[0]).toMatch(/^line \d+, column \d+/);

      const empty = await fetch(`${gateway.url}/v0/config`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/yaml' } });
      expect(empty.status).toBe(400);
      expect((await empty.json()).message).toMatch(/YAML .*or JSON/);
      expect(readFileSync(gateway.configPath).equals(fileBefore)).toBe(true);
    });

    it('round-trips the masked config: the same GET sent back keeps every provider key working', async () => {
      for (const [format, accept] of [['json', 'application/json'], ['yaml', 'application/yaml']] as const) {
        const response = await adminFetch(gateway.url, '/v0/config', { headers: { accept } });
        const text = await response.text();
        const result = await adminJson(gateway.url, '/v0/config', {
          method: 'PUT',
          body: format === 'json' ? JSON.parse(text) : text,
          contentType: format === 'json' ? 'application/json' : 'application/yaml',
        });
        expect(result, format).toMatchObject({ applied: true, warnings: [] });

        upstream.reset();
        await chat('via-chat');
        await anthropicClient(gateway.url).messages.create({ model: 'via-messages', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
        await geminiClient(gateway.url).models.generateContent({ model: 'via-gemini', contents: 'hi' });
        const headers = upstream.received.map((request) => request.headers);
        expect(headers[0].authorization, format).toBe(`Bearer ${PROVIDER_KEYS.chat}`);
        expect(headers[1]['x-api-key'], format).toBe(PROVIDER_KEYS.messages);
        expect(headers[2]['x-goog-api-key'] ?? headers[2]['x-api-key'], format).toBe(PROVIDER_KEYS.gemini);

        const written = readFileSync(gateway.configPath, 'utf8');
        expect(written).not.toContain('********');
        expect(written, format).toContain(`{env:${UNSET_PROVIDER_VARIABLE}}`);
      }
      const admin = await adminFetch(gateway.url, '/v0/health');
      expect(admin.status).toBe(200);
    });
  });

  describe('POST /v0/config/validate', () => {
    it('checks a config with the same rules and applies nothing', async () => {
      const fileBefore = readFileSync(gateway.configPath);
      const config = await adminJson(gateway.url, '/v0/config');
      config.models.push({ alias: 'only-validated', selector: 'in_order', targets: [{ provider: 'openai-mock', model: 'gpt-4o' }] });

      const valid = await adminJson(gateway.url, '/v0/config/validate', { method: 'POST', body: config });
      expect(valid).toMatchObject({ valid: true, applied: false });
      expect(valid.missingEnv).toEqual([{ name: UNSET_PROVIDER_VARIABLE, path: 'providers[3].auth.apiKey' }]);
      await expect(chat('only-validated')).rejects.toMatchObject({ status: 404 });

      config.models.at(-1).targets = [];
      const invalid = await adminFetch(gateway.url, '/v0/config/validate', { method: 'POST', body: config });
      expect(invalid.status).toBe(400);
      const problems = (await invalid.json()).problems as string[];
      expect(problems, JSON.stringify(problems)).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^models\\[${config.models.length - 1}\\]\\.targets`));
      expect(readFileSync(gateway.configPath).equals(fileBefore)).toBe(true);
    });
  });
});

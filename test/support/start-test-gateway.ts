import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startPlexus, type RunningPlexus } from '../../src/bootstrap';

export const CLIENT_KEY = 'plexus-test-client-key-0123456789';
export const ADMIN_KEY = 'plexus-test-admin-key-9876543210';
export const PROVIDER_KEYS = { chat: 'sk-openai-test-secret', messages: 'sk-ant-test-secret', gemini: 'gm-test-secret' } as const;

export interface TestGateway extends RunningPlexus {
  dataDir: string;
  configPath: string;
  stop(): Promise<void>;
}

/** The standard e2e config: one provider per format on the mock, one alias per provider. */
export function standardConfig(upstreamUrl: string, dataDir: string): Record<string, any> {
  return {
    server: { host: '127.0.0.1', port: 0 },
    admin: { apiKey: ADMIN_KEY },
    logging: {
      level: 'warn',
      usage: { storagePath: join(dataDir, 'logs/usage') },
      debug: { storagePath: join(dataDir, 'logs/debug') },
      errors: { storagePath: join(dataDir, 'logs/errors') },
    },
    providers: [
      { name: 'openai-mock', apiTypes: ['chat'], baseUrls: { chat: `${upstreamUrl}/v1` }, auth: { type: 'bearer', apiKey: PROVIDER_KEYS.chat }, models: ['gpt-4o'] },
      { name: 'anthropic-mock', apiTypes: ['messages'], baseUrls: { messages: `${upstreamUrl}/v1` }, auth: { type: 'x-api-key', apiKey: PROVIDER_KEYS.messages }, models: ['claude-sonnet-4'] },
      { name: 'gemini-mock', apiTypes: ['gemini'], baseUrls: { gemini: `${upstreamUrl}/v1beta` }, auth: { type: 'x-api-key', apiKey: PROVIDER_KEYS.gemini }, models: ['gemini-2.5-flash'] },
    ],
    models: [
      { alias: 'via-chat', selector: 'in_order', targets: [{ provider: 'openai-mock', model: 'gpt-4o' }] },
      { alias: 'via-messages', selector: 'in_order', targets: [{ provider: 'anthropic-mock', model: 'claude-sonnet-4' }] },
      { alias: 'via-gemini', selector: 'in_order', targets: [{ provider: 'gemini-mock', model: 'gemini-2.5-flash' }] },
    ],
    apiKeys: [{ name: 'test-client', secret: CLIENT_KEY }],
    resilience: { cooldown: { storagePath: join(dataDir, 'cooldowns.json') } },
    pricing: {
      models: {
        'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10, cachedPer1M: 1.25 },
        'claude-sonnet-4': { inputPer1M: 3, outputPer1M: 15, cachedPer1M: 0.3 },
        'gemini-2.5-flash': { inputPer1M: 0.3, outputPer1M: 2.5 },
      },
    },
  };
}

/**
 * Starts the real gateway in-process on a random port from a YAML file written to a temp dir
 * (the real loader, validator and module graph). `mutate` edits the standard config first.
 */
export async function startTestGateway(upstreamUrl: string, mutate?: (config: Record<string, any>) => void): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plexus-e2e-'));
  const config = standardConfig(upstreamUrl, dataDir);
  mutate?.(config);
  const configPath = join(dataDir, 'plexus.yaml');
  writeFileSync(configPath, stringify(config));
  const running = await startPlexus({ configPath, port: 0, host: '127.0.0.1', watchConfig: false });
  return {
    ...running,
    dataDir,
    configPath,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

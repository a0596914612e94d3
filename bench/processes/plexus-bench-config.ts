import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_CLIENT_KEY = 'bench-client-key';
export const BENCH_ADMIN_KEY = 'bench-admin-key';
/** The one provider: OpenAI format only, so an Anthropic client's call must be translated. */
export const BENCH_PROVIDER = 'mock-openai';

export interface PlexusBenchConfigOptions {
  port: number;
  mockUrl: string;
  /** Every file Plexus writes (usage and error logs, cooldowns) goes under here. */
  dataDir: string;
  /** Mock model names; each becomes an alias of the same name so one request body fits all targets. */
  models: string[];
  /** Where the usage log lives (default `<dataDir>/usage`); scenario 6 points it at generated records. */
  usageDir?: string;
  /** logging.level; left out = Plexus's default. */
  logLevel?: string;
}

/**
 * A Plexus config for the bench, written as JSON (YAML is a superset of JSON). Production-like:
 * usage logging on, prices set so every request is costed, log level left at its default.
 */
export function writePlexusBenchConfig(path: string, options: PlexusBenchConfigOptions): void {
  const usageDir = options.usageDir ?? join(options.dataDir, 'usage');
  mkdirSync(usageDir, { recursive: true });
  const config = {
    server: { host: '127.0.0.1', port: options.port, shutdownGraceMs: 2_000 },
    admin: { apiKey: BENCH_ADMIN_KEY },
    logging: {
      ...(options.logLevel === undefined ? {} : { level: options.logLevel }),
      usage: { enabled: true, storagePath: usageDir },
      debug: { enabled: false, storagePath: join(options.dataDir, 'debug') },
      errors: { storagePath: join(options.dataDir, 'errors') },
    },
    providers: [
      {
        name: BENCH_PROVIDER,
        apiTypes: ['chat'],
        baseUrls: { chat: `${options.mockUrl}/v1` },
        auth: { type: 'bearer', apiKey: 'mock-upstream-key' },
        models: options.models,
      },
    ],
    models: options.models.map((model) => ({ alias: model, selector: 'in_order', targets: [{ provider: BENCH_PROVIDER, model }] })),
    apiKeys: [{ name: 'bench', secret: BENCH_CLIENT_KEY }],
    resilience: { cooldown: { storagePath: join(options.dataDir, 'cooldowns.json') } },
    pricing: {
      models: Object.fromEntries(options.models.map((model) => [model, { inputPer1M: 2.5, outputPer1M: 10 }])),
      openrouter: { enabled: false, cachePath: join(options.dataDir, 'openrouter-prices.json') },
    },
  };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

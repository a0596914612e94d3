import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH_ADMIN_KEY } from '../processes/plexus-bench-config';

/** Something that answers the two usage questions: a running Plexus, or its service in-process. */
export interface UsageQueryClient {
  mode: string;
  firstPage(): Promise<any>;
  summaryByModel(): Promise<any>;
}

/** Through the admin API: `GET /v0/usage?limit=100` and `GET /v0/usage/summary?groupBy=model`. */
export function httpUsageQueryClient(plexusUrl: string): UsageQueryClient {
  const get = async (path: string) => {
    const response = await fetch(`${plexusUrl}${path}`, { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` }, signal: AbortSignal.timeout(60_000) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: status ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  return {
    mode: 'admin API over HTTP',
    firstPage: () => get('/v0/usage?limit=100'),
    summaryByModel: () => get('/v0/usage/summary?groupBy=model'),
  };
}

/** Whether the admin usage route answers (it may not exist yet); the status or error otherwise. */
export async function probeAdminUsageApi(plexusUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${plexusUrl}/v0/usage?limit=1`, { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status === 200 ? undefined : `GET /v0/usage answered ${response.status}`;
  } catch (error) {
    return `GET /v0/usage failed: ${(error as Error).message}`;
  }
}

/**
 * UsageQueryService from the compiled dist/, called in the bench's own process: the fallback
 * while the admin API is not there. Loaded with require because dist/ is CommonJS.
 */
export function directUsageQueryClient(repoRoot: string, configPath: string): UsageQueryClient {
  const require = createRequire(join(repoRoot, 'package.json'));
  require('reflect-metadata');
  const { UsageQueryService } = require('./dist/logging/usage-query.service.js');
  const { ConfigService } = require('./dist/config/config.service.js');
  const { loadConfigFile } = require('./dist/config/load-config-file.js');
  const service = new UsageQueryService(new ConfigService(loadConfigFile(configPath, process.env)));
  return {
    mode: 'UsageQueryService called directly (dist/, in the bench process)',
    firstPage: () => service.query({ limit: 100 }),
    summaryByModel: () => service.summary({ groupBy: 'model' }),
  };
}

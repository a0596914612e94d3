import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startPlexus, type StartOptions } from '../../../src/bootstrap';
import { standardConfig, type TestGateway } from '../../support/start-test-gateway';

export interface GatewayOptions {
  /** Edits the standard e2e config (test/support/start-test-gateway.ts) before it is written. */
  mutate?: (config: Record<string, any>, dataDir: string) => void;
  /** Extra start options (the slow-client limits). */
  start?: Pick<StartOptions, 'requestTimeoutMs' | 'headersTimeoutMs'>;
}

/**
 * The real gateway in-process, like startTestGateway, but with start options and a mutate that
 * knows the data dir (tests that break the log folder need its path before start).
 */
export async function startGateway(upstreamUrl: string, options: GatewayOptions = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plexus-reliability-'));
  const config = standardConfig(upstreamUrl, dataDir);
  options.mutate?.(config, dataDir);
  const configPath = join(dataDir, 'plexus.yaml');
  writeFileSync(configPath, stringify(config));
  const running = await startPlexus({ configPath, port: 0, host: '127.0.0.1', watchConfig: false, ...options.start });
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

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, standardConfig } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';
import { freePort, spawnGateway } from './support/child-gateway';
import { sleep } from './support/raw-client';

/**
 * Regression: the yaml parser refuses a config that expands more than its alias budget ("billion
 * laughs") by throwing from `document.toJS`; that once reached the admin API as a 500 and, saved
 * into the watched file, threw out of the watcher's timer and stopped the gateway. It is now a
 * config problem like any other.
 */
const ALIAS_BOMB = [
  'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 6 }, (_, index) => `a${index + 1}: &a${index + 1} [${Array(9).fill(`*a${index}`).join(',')}]`),
].join('\n');

describe('a YAML alias bomb in a config', () => {
  const env = useTestGateway();
  const { upstream } = env;

  it('is refused with 400 by PUT /v0/config and POST /v0/config/validate', async () => {
    for (const [method, path] of [['POST', '/v0/config/validate'], ['PUT', '/v0/config']]) {
      const response = await fetch(`${env.gateway.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/yaml' }, body: ALIAS_BOMB });
      expect(response.status, `${method} ${path}`).toBe(400);
    }
  });

  it('saved into the watched config file, is rejected while the gateway keeps running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plexus-yaml-bomb-'));
    const configPath = join(dataDir, 'plexus.yaml');
    const port = await freePort();
    const config = standardConfig(upstream.url, dataDir);
    config.server.port = port;
    config.logging.level = 'info';
    writeFileSync(configPath, stringify(config));
    const child = await spawnGateway(configPath, { port });
    try {
      writeFileSync(configPath, ALIAS_BOMB);
      await sleep(2_000);
      expect(child.child.exitCode).toBeNull();
      expect((await fetch(`${child.url}/health`)).status).toBe(200);
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

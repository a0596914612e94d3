import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnPlexus } from '../support/spawn-plexus';

/** The command-line entry point, as a user runs it: config choice, start-up errors, a fresh machine. */
describe('starting Plexus from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plexus-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an invalid file stops start-up with exit code 1, every problem, and no stack trace', async () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'admin:\n  apiKey: x\nproviders:\n  - name: p\n    apiTypes: [chat]\n    baseUrls: {chat: "http://127.0.0.1:1/v1"}\n    auth: {type: apikey, apiKey: k}\n    models: [m]\nserver:\n  port: "many"\n');
    const plexus = spawnPlexus(['--config', path]);
    expect(await plexus.exited).toBe(1);
    const output = plexus.output();
    expect(output).toContain('providers[0].auth.type: must be one of bearer, x-api-key (got "apikey")');
    expect(output).toMatch(/server\.port/);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('a missing file names the path tried and how to choose another', async () => {
    const plexus = spawnPlexus(['--config', join(dir, 'nope.yaml')]);
    expect(await plexus.exited).toBe(1);
    expect(plexus.output()).toContain(join(dir, 'nope.yaml'));
    expect(plexus.output()).toMatch(/--config|PLEXUS_CONFIG_PATH/);
  });

  it('starts on the shipped config with no variables set, says once which to set, and serves /health', async () => {
    const cwd = join(dir, 'fresh');
    mkdirSync(join(cwd, 'config'), { recursive: true });
    const port = await freePort();
    // The shipped file as is, but on a free port so the test never collides with a running gateway.
    writeFileSync(join(cwd, 'config/plexus.yaml'), readFileSync(join(REPO_ROOT, 'config/plexus.yaml'), 'utf8').replace(/^(\s*port:\s*)4000\b/m, `$1${port}`));
    // PLEXUS_CONFIG_PATH is not set: the default config/plexus.yaml under the working directory is used.
    const plexus = spawnPlexus([], {}, cwd);
    try {
      await plexus.waitFor('Plexus listening on');
      const output = plexus.output();
      expect(output.match(/PLEXUS_API_KEY/g)?.length).toBeGreaterThanOrEqual(1);
      expect(output.match(/set [A-Z_, ]+ to enable/g)).toHaveLength(1);
      const url = /Plexus listening on (http:\/\/[^\s"]+)/.exec(output)![1];
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const models = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer anything' } });
      expect(models.status).toBe(401);
    } finally {
      plexus.kill('SIGTERM');
      await plexus.exited;
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

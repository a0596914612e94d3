import { spawn } from 'node:child_process';
import type { FileHandle } from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigService } from '../../src/config/config.service';
import { loadConfigFile } from '../../src/config/load-config-file';
import { writeFileAtomically } from '../../src/config/write-file-atomically';
import { MockUpstream } from '../support/mock-upstream';
import { ADMIN_KEY } from '../support/start-test-gateway';
import { REPO_ROOT } from './support/child-gateway';
import { sleep } from './support/raw-client';
import { startGateway } from './support/start-gateway';

/** Which file-system step fails next (set per test); the mock below consults it. */
const injected = vi.hoisted(() => ({ step: undefined as string | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (step: string): void => {
    if (injected.step === step) throw Object.assign(new Error(`injected failure at ${step}`), { code: step === 'writeFile-partial' ? 'ENOSPC' : 'EIO' });
  };
  const wrap = (handle: FileHandle): FileHandle =>
    new Proxy(handle, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'writeFile') {
          return async (data: string, options: unknown) => {
            if (injected.step === 'writeFile-partial') {
              // The disk fills half-way: some bytes reach the temporary file, then ENOSPC.
              await target.write(data.slice(0, data.length / 2));
              fail('writeFile-partial');
            }
            fail('writeFile');
            return target.writeFile(data, options as never);
          };
        }
        if (property === 'chmod' || property === 'sync') {
          return async (...args: unknown[]) => {
            fail(property);
            return (value as (...parameters: unknown[]) => Promise<void>).apply(target, args);
          };
        }
        if (property === 'close') {
          return async () => {
            await target.close();
            fail('close');
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const mocked = {
    ...actual,
    stat: async (...args: Parameters<typeof actual.stat>) => {
      fail('stat');
      return actual.stat(...args);
    },
    open: async (...args: Parameters<typeof actual.open>) => {
      // The writer opens the directory read-only to sync the rename; files are opened 'wx'.
      fail(args[1] === 'r' ? 'sync-directory' : 'open');
      return wrap(await actual.open(...args));
    },
    rename: async (...args: Parameters<typeof actual.rename>) => {
      fail('rename');
      return actual.rename(...args);
    },
  };
  return { ...mocked, default: mocked };
});

const OLD = 'server:\n  port: 4000\n# the old file\n';
const NEW = 'server:\n  port: 4001\n# the new file\n';

describe('atomic config writes', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'plexus-atomic-'));
    injected.step = undefined;
  });
  afterEach(() => {
    injected.step = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(['open', 'writeFile', 'writeFile-partial', 'chmod', 'sync', 'close', 'rename'])(
    'a failure at %s leaves the old file whole and no temporary file behind',
    async (step) => {
      const path = join(folder, 'plexus.yaml');
      writeFileSync(path, OLD);
      injected.step = step;
      await expect(writeFileAtomically(path, NEW)).rejects.toThrow(`injected failure at ${step}`);
      expect(readFileSync(path, 'utf8')).toBe(OLD);
      expect(readdirSync(folder)).toEqual(['plexus.yaml']);
    },
  );

  it.each(['stat', 'sync-directory'])('a failure at %s (best effort) still writes the new file whole', async (step) => {
    const path = join(folder, 'plexus.yaml');
    writeFileSync(path, OLD);
    injected.step = step;
    await writeFileAtomically(path, NEW);
    expect(readFileSync(path, 'utf8')).toBe(NEW);
    expect(readdirSync(folder)).toEqual(['plexus.yaml']);
  });

  it('ConfigService.applyText keeps running on the old config when the write fails', async () => {
    const upstream = 'http://127.0.0.1:9';
    const path = join(folder, 'plexus.yaml');
    const text = (port: number) => `server: { host: 127.0.0.1, port: ${port} }\nadmin: { apiKey: ${ADMIN_KEY} }\nproviders: []\nmodels: []\napiKeys: []\n# ${upstream}\n`;
    writeFileSync(path, text(4000));
    const service = new ConfigService(loadConfigFile(path, {}), { env: {}, logger: { log: () => undefined, warn: () => undefined, error: () => undefined } });
    injected.step = 'rename';
    await expect(service.applyText(text(4001))).rejects.toThrow('injected failure at rename');
    expect(service.config.server.port).toBe(4000);
    expect(readFileSync(path, 'utf8')).toBe(text(4000));
    injected.step = undefined;
    expect((await service.applyText(text(4001))).ok).toBe(true);
    expect(service.config.server.port).toBe(4001);
    expect(readFileSync(path, 'utf8')).toContain('port: 4001');
  });

  it('PUT /v0/config answers an error without a stack and keeps the running config when the disk fails', async () => {
    const upstream = new MockUpstream();
    await upstream.start();
    const gateway = await startGateway(upstream.url);
    try {
      const headers = { authorization: `Bearer ${ADMIN_KEY}` };
      const before = readFileSync(gateway.configPath, 'utf8');
      const current = await (await fetch(`${gateway.url}/v0/config`, { headers })).json();
      current.models[0].description = 'changed by the test';
      injected.step = 'sync';
      const response = await fetch(`${gateway.url}/v0/config`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(current) });
      injected.step = undefined;
      const text = await response.text();
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(text).not.toMatch(/injected failure|\n\s+at |node_modules|write-file-atomically/);
      expect(JSON.parse(text)).toMatchObject({ statusCode: response.status, message: expect.any(String) });
      expect(readFileSync(gateway.configPath, 'utf8')).toBe(before);
      expect(gateway.configService.config.models[0].description).toBeUndefined();
    } finally {
      await gateway.stop();
      await upstream.close();
    }
  });

  it('a writer killed (SIGKILL) at random moments always leaves either the old or the new file', async () => {
    const path = join(folder, 'plexus.yaml');
    // Large texts, so a kill lands in the middle of writing most of the time.
    const texts = ['first', 'second'].map((name) => `# ${name}\n${`${name}: ${'x'.repeat(200)}\n`.repeat(5_000)}`);
    writeFileSync(join(folder, 'first.txt'), texts[0]);
    writeFileSync(join(folder, 'second.txt'), texts[1]);
    writeFileSync(path, texts[0]);
    const kills = Number(process.env.ATOMIC_KILLS ?? 12);
    for (let round = 0; round < kills; round++) {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/reliability/support/rewrite-file-forever.ts', path, join(folder, 'first.txt'), join(folder, 'second.txt')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await sleep(20 + Math.random() * 200);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const content = readFileSync(path, 'utf8');
      expect(content === texts[0] || content === texts[1], `round ${round}: the file is neither version (${content.length} chars)`).toBe(true);
    }
    // A kill between creating and renaming the temporary file leaves that file behind: litter
    // next to the config (named .plexus.yaml.<pid>.<random>.tmp), never a broken config.
    const litter = readdirSync(folder).filter((name) => name.endsWith('.tmp'));
    expect(litter.every((name) => name.startsWith('.plexus.yaml.'))).toBe(true);
  }, 120_000);
});

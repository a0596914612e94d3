import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigService } from '../../src/config/config.service';
import type { ConfigSnapshot } from '../../src/config/plexus-config';
import { configYaml } from './support/config-text';

function recordingLogger() {
  const lines: Array<{ level: 'log' | 'warn' | 'error'; message: string }> = [];
  const waiters: Array<() => void> = [];
  const record = (level: 'log' | 'warn' | 'error') => (message: unknown) => {
    lines.push({ level, message: String(message) });
    waiters.splice(0).forEach((wake) => wake());
  };
  return {
    lines,
    logger: { log: record('log'), warn: record('warn'), error: record('error') },
    /** Resolves when a line at `level` has been logged (or rejects after 5 s). */
    async next(level: 'log' | 'error'): Promise<string> {
      const start = lines.length;
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = lines.slice(start).find((line) => line.level === level);
        if (found) return found.message;
        if (Date.now() > deadline) throw new Error(`no ${level} line logged`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConfigService.watch (hot reload)', () => {
  let directory: string;
  let path: string;
  let configService: ConfigService | undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'plexus-watch-'));
    path = join(directory, 'plexus.yaml');
    writeFileSync(path, configYaml());
  });

  afterEach(() => {
    configService?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('applies a valid edit without a restart, notifies listeners and logs it', async () => {
    const recorder = recordingLogger();
    configService = ConfigService.fromFile(path, {}, { logger: recorder.logger });
    const changed = new Promise<ConfigSnapshot>((resolve) => configService!.onChange(resolve));
    configService.watch();

    writeFileSync(path, configYaml((c) => (c.models[0].selector = 'random')));

    const snapshot = await changed;
    expect(snapshot.config.models[0].selector).toBe('random');
    expect(configService.config.models[0].selector).toBe('random');
    expect(recorder.lines).toContainEqual({ level: 'log', message: `configuration reloaded from ${path}` });
  });

  it('rejects an invalid edit, logs its problems and keeps the running config; a later fix applies', async () => {
    const recorder = recordingLogger();
    configService = ConfigService.fromFile(path, {}, { logger: recorder.logger });
    let notified = 0;
    configService.onChange(() => notified++);
    configService.watch();

    writeFileSync(path, configYaml((c) => (c.models[0].targets[0].provider = 'opnai')));

    expect(await recorder.next('error')).toBe(
      `configuration change in ${path} rejected, the running configuration is kept:\n` +
        '  models[0].targets[0].provider: no provider named "opnai", did you mean "openai"?',
    );
    expect(notified).toBe(0);
    expect(configService.config.models[0].targets[0].provider).toBe('openai');

    writeFileSync(path, configYaml((c) => (c.models[0].alias = 'quick')));
    await recorder.next('log');
    expect(configService.config.models[0].alias).toBe('quick');
  });

  it('applies a burst of writes once, with the last content', async () => {
    configService = ConfigService.fromFile(path, {}, { logger: recordingLogger().logger });
    const seen: string[] = [];
    configService.onChange((snapshot) => seen.push(snapshot.config.models[0].alias));
    configService.watch();
    for (const alias of ['a', 'b', 'c']) writeFileSync(path, configYaml((c) => (c.models[0].alias = alias)));
    await sleep(600);
    expect(seen).toEqual(['c']);
  });

  it('does not reload its own atomic writes', async () => {
    const recorder = recordingLogger();
    configService = ConfigService.fromFile(path, {}, { logger: recorder.logger });
    let notified = 0;
    configService.onChange(() => notified++);
    configService.watch();

    await configService.applyText(configYaml((c) => (c.models[0].alias = 'quick')));
    await sleep(500);

    expect(notified).toBe(1);
    expect(recorder.lines.map((line) => line.message)).toEqual([`configuration applied and written to ${path}`]);
  });

  it('follows a file replaced by renaming, as editors and ConfigMap updates do', async () => {
    configService = ConfigService.fromFile(path, {}, { logger: recordingLogger().logger });
    const changed = new Promise<ConfigSnapshot>((resolve) => configService!.onChange(resolve));
    configService.watch();
    const replacement = join(directory, '.plexus.yaml.swp');
    writeFileSync(replacement, configYaml((c) => (c.models[0].alias = 'renamed')));
    renameSync(replacement, path);
    expect((await changed).config.models[0].alias).toBe('renamed');
  });

  it('keeps serving, and says why, when the directory cannot be watched', () => {
    const recorder = recordingLogger();
    configService = new ConfigService(ConfigService.fromFile(path, {}, { logger: recorder.logger }).snapshot, { logger: recorder.logger });
    rmSync(directory, { recursive: true, force: true });
    configService.watch();
    expect(recorder.lines.at(-1)).toEqual({ level: 'error', message: expect.stringMatching(/^cannot watch .*; edits apply after a restart$/) });
  });

  it('stops applying edits after close()', async () => {
    configService = ConfigService.fromFile(path, {}, { logger: recordingLogger().logger });
    configService.watch();
    configService.close();
    writeFileSync(path, configYaml((c) => (c.models[0].alias = 'quick')));
    await sleep(400);
    expect(configService.config.models[0].alias).toBe('fast');
  });
});

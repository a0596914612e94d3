import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigService } from '../../src/config/config.service';
import { SECRET_MASK, maskSecrets } from '../../src/config/mask-secrets';
import { configYaml } from './support/config-text';

const quietLogger = { log: () => {}, warn: () => {}, error: () => {} };

describe('ConfigService.applyText and validateText', () => {
  let directory: string;
  let path: string;
  const env = { OPENAI_API_KEY: 'sk-live-openai', PLEXUS_ADMIN_KEY: 'admin-from-env' };
  const original = `# Plexus config, edited by hand\n${configYaml((c) => {
    c.admin.apiKey = '{env:PLEXUS_ADMIN_KEY}';
    c.providers[0].auth.apiKey = '{env:OPENAI_API_KEY}';
  })}`;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'plexus-apply-'));
    path = join(directory, 'plexus.yaml');
    writeFileSync(path, original);
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const service = () => ConfigService.fromFile(path, env, { logger: quietLogger });

  it('round-trips the masked config: secrets sent back as masks keep their value and their {env:} source', async () => {
    const configService = service();
    const edited = maskSecrets(configService.config);
    edited.models[0].selector = 'random';
    const result = await configService.applyText(JSON.stringify(edited), 'json');

    expect(result.ok).toBe(true);
    expect(configService.config.models[0].selector).toBe('random');
    expect(configService.config.providers[0].auth.apiKey).toBe('sk-live-openai');
    expect(configService.config.admin.apiKey).toBe('admin-from-env');
    expect(configService.config.apiKeys[0].secret).toBe('alice-secret');

    const written = readFileSync(path, 'utf8');
    expect(written).not.toContain('sk-live-openai');
    expect(written).not.toContain('admin-from-env');
    expect(written).not.toContain(SECRET_MASK);
    const onDisk = parse(written);
    expect(onDisk.providers[0].auth.apiKey).toBe('{env:OPENAI_API_KEY}');
    expect(onDisk.admin.apiKey).toBe('{env:PLEXUS_ADMIN_KEY}');
    expect(onDisk.apiKeys[0].secret).toBe('alice-secret');
  });

  it('writes YAML input as sent, comments included, with only masked secrets restored', async () => {
    const configService = service();
    const text = original.replace('{env:OPENAI_API_KEY}', SECRET_MASK).replace('alias: fast', 'alias: quick # renamed');
    const result = await configService.applyText(text);

    expect(result.ok).toBe(true);
    const written = readFileSync(path, 'utf8');
    expect(written).toContain('# Plexus config, edited by hand');
    expect(written).toContain('alias: quick # renamed');
    expect(parse(written).providers[0].auth.apiKey).toBe('{env:OPENAI_API_KEY}');
    expect(configService.config.models[0].alias).toBe('quick');
  });

  it('replaces the file in one step, keeps its permissions and leaves no temporary file', async () => {
    chmodSync(path, 0o640);
    const before = statSync(path);
    const configService = service();
    await configService.applyText(original.replace('alias: fast', 'alias: quick'));

    const after = statSync(path);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
    expect(readdirSync(directory)).toEqual(['plexus.yaml']);
  });

  it('never lets a reader see a half-written file', async () => {
    const configService = service();
    const texts = Array.from({ length: 10 }, (_, index) => `${original}# ${'padding '.repeat(20_000)}${index}\n`);
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        seen.add(readFileSync(path, 'utf8'));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (const text of texts) await configService.applyText(text);
    writing = false;
    await reader;
    for (const text of seen) expect([original, ...texts]).toContain(text);
  });

  it('rejects an invalid config: nothing written, nothing applied, every problem returned', async () => {
    const configService = service();
    let notified = 0;
    configService.onChange(() => notified++);
    const result = await configService.applyText(original.replace('type: bearer', 'type: apikey').replace('selector', 'x'));

    expect(result).toEqual({ ok: false, problems: ['providers[0].auth.type: must be one of bearer, x-api-key (got "apikey")'], warnings: [] });
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(configService.config.providers[0].auth.type).toBe('bearer');
    expect(notified).toBe(0);
  });

  it('rejects a mask with no current secret behind it', async () => {
    const configService = service();
    const edited = maskSecrets(configService.config);
    edited.apiKeys.push({ name: 'mallory', secret: SECRET_MASK, enabled: true });
    const result = await configService.applyText(JSON.stringify(edited), 'json');
    expect(result).toEqual({
      ok: false,
      problems: ['apiKeys[1].secret: "********" keeps the current value, but there is no current key named "mallory"'],
      warnings: [],
    });
  });

  it('validates without applying or writing', () => {
    const configService = service();
    const result = configService.validateText(original.replace('alias: fast', 'alias: quick'));
    expect(result.ok && result.snapshot.config.models[0].alias).toBe('quick');
    expect(configService.config.models[0].alias).toBe('fast');
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(configService.validateText('admin: [')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^line 1, column/)] });
  });

  it('notifies listeners with the new and the previous snapshot', async () => {
    const configService = service();
    const calls: Array<[string, string]> = [];
    configService.onChange((snapshot, previous) => calls.push([snapshot.config.models[0].alias, previous.config.models[0].alias]));
    await configService.applyText(original.replace('alias: fast', 'alias: quick'));
    expect(calls).toEqual([['quick', 'fast']]);
  });
});

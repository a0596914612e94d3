/**
 * Keeps docs/*.md and config/plexus.yaml honest: every example loads, every documented default
 * is the real one, every documented error output is the real output.
 *
 * How the ```yaml blocks of docs/*.md are read:
 * - a block whose first line is `# full example` is a complete file and must load as is;
 * - a block whose first line is `# invalid example` must be rejected, and the ```text block
 *   right after it must be exactly what Plexus prints for it;
 * - any other block is a snippet of one or two sections: it is merged onto BASE (mappings
 *   merge, lists replace) and the result must load.
 * Every loaded example must also be free of warnings (a typo in a doc is a warning).
 * Examples load with no environment variables set, like a fresh machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../src/config/config-error';
import { configDefaults } from '../../src/config/config-defaults';
import { formatConfigError } from '../../src/config/exit-on-config-error';
import { loadConfigFile } from '../../src/config/load-config-file';
import { parseConfigText } from '../../src/config/parse-config-text';
import type { ConfigSnapshot } from '../../src/config/plexus-config';

const ROOT = resolve(__dirname, '../..');
const DOCS = join(ROOT, 'docs');

/** What snippets are merged onto: providers and models that the docs' snippets refer to. */
const BASE = {
  admin: { apiKey: '{env:PLEXUS_ADMIN_KEY}' },
  providers: [
    provider('openai', 'chat', 'https://api.openai.com/v1', ['gpt-4o', 'gpt-4o-mini']),
    provider('anthropic', 'messages', 'https://api.anthropic.com/v1', ['claude-sonnet-4-5']),
    provider('gemini', 'gemini', 'https://generativelanguage.googleapis.com/v1beta', ['gemini-2.5-flash', 'gemini-2.5-pro']),
  ],
};

function provider(name: string, apiType: string, baseUrl: string, models: string[]) {
  return { name, apiTypes: [apiType], baseUrls: { [apiType]: baseUrl }, auth: { type: 'bearer', apiKey: `{env:${name.toUpperCase()}_KEY}` }, models };
}

interface Block {
  file: string;
  language: string;
  text: string;
  line: number;
}

function blocksOf(file: string): Block[] {
  const markdown = readFileSync(join(DOCS, file), 'utf8');
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    file,
    language: match[1],
    text: match[2],
    line: markdown.slice(0, match.index).split('\n').length,
  }));
}

const markdownFiles = readdirSync(DOCS).filter((file) => file.endsWith('.md'));
const blocks = markdownFiles.flatMap(blocksOf);
const yamlBlocks = blocks.filter((block) => block.language === 'yaml');
const kindOf = (block: Block) => /^# (full|invalid) example/.exec(block.text)?.[1] ?? 'snippet';

function merge(base: unknown, override: unknown): unknown {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) return override;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) result[key] = merge(result[key], value);
  return result;
}

function loadOrReport(text: string, format: 'yaml' | 'json' = 'yaml'): ConfigSnapshot {
  try {
    return parseConfigText(text, { path: '/srv/plexus/config/plexus.yaml', env: {}, format });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(formatConfigError(error), { cause: error });
    throw error;
  }
}

describe('docs examples', () => {
  it('has examples of each kind to check', () => {
    expect(yamlBlocks.map(kindOf)).toEqual(expect.arrayContaining(['full', 'invalid', 'snippet']));
  });

  it.each(yamlBlocks.filter((block) => kindOf(block) === 'full').map((block) => [`${block.file}:${block.line}`, block]))(
    'full example %s loads without warnings',
    (_where, block) => {
      expect(loadOrReport(block.text).warnings).toEqual([]);
    },
  );

  it.each(yamlBlocks.filter((block) => kindOf(block) === 'snippet').map((block) => [`${block.file}:${block.line}`, block]))(
    'snippet %s loads, merged onto a base config, without warnings',
    (_where, block) => {
      const merged = merge(BASE, parse(block.text));
      expect(loadOrReport(JSON.stringify(merged), 'json').warnings).toEqual([]);
    },
  );

  const printedErrors = blocks.filter((block) => block.language === 'text' && block.text.startsWith('plexus: invalid configuration in '));

  it.each(printedErrors.map((block) => [`${block.file}:${block.line}`, block]))('printed error %s is what Plexus prints', (_where, block) => {
    const path = /^plexus: invalid configuration in (.+):\n/.exec(block.text)![1];
    const fileBlocks = blocks.filter((candidate) => candidate.file === block.file);
    const before = fileBlocks[fileBlocks.indexOf(block) - 1];
    let error: unknown;
    try {
      // After an invalid example: that example; otherwise the message is about the file itself.
      if (before && before.language === 'yaml' && kindOf(before) === 'invalid') parseConfigText(before.text, { path, env: {} });
      else loadConfigFile(path, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(`${formatConfigError(error as ConfigError)}\n`).toBe(block.text);
  });

  it('every invalid example is followed by its printed error', () => {
    const yamlInvalid = blocks.filter((block) => block.language === 'yaml' && kindOf(block) === 'invalid');
    for (const block of yamlInvalid) {
      const fileBlocks = blocks.filter((candidate) => candidate.file === block.file);
      expect(printedErrors).toContain(fileBlocks[fileBlocks.indexOf(block) + 1]);
    }
  });
});

describe('documented defaults (docs/CONFIGURATION.md reference tables)', () => {
  const markdown = readFileSync(join(DOCS, 'CONFIGURATION.md'), 'utf8');
  // Entries with only their required keys, so every other key shows its default.
  const minimal = loadOrReport(
    JSON.stringify({
      admin: { apiKey: 'admin' },
      providers: [{ name: 'p', apiTypes: ['chat'], baseUrls: { chat: 'http://127.0.0.1:1/v1' }, auth: { type: 'bearer', apiKey: 'k' } }],
      models: [{ alias: 'a', targets: [{ provider: 'p', model: 'm' }] }],
      apiKeys: [{ name: 'laptop', secret: 'secret' }],
    }),
    'json',
  ).config;
  const defaults = configDefaults() as unknown as Record<string, unknown>;
  // List sections document the defaults of one entry.
  const sectionValue = (section: string): unknown =>
    ({ providers: minimal.providers[0], models: minimal.models[0], apiKeys: minimal.apiKeys[0] })[section] ?? defaults[section];

  const rows = markdown.split(/^## /m).flatMap((chunk) => {
    const section = /^(\w+)\n/.exec(chunk)?.[1];
    if (!section || !(section in defaults)) return [];
    return [...chunk.matchAll(/^\| `([\w.[\]]+)` \| [^|]+ \| `([^`]+)`/gm)].map((row) => [`${section}.${row[1]}`, section, row[1], row[2]] as const);
  });

  it('covers every section', () => {
    expect(new Set(rows.map(([, section]) => section))).toEqual(new Set(Object.keys(defaults)));
  });

  it.each(rows)('%s', (_name, section, key, documented) => {
    let value: unknown = sectionValue(section);
    for (const part of key.split('.')) {
      value = (value as Record<string, unknown>)[part.replace('[]', '')];
      if (part.endsWith('[]')) value = (value as unknown[])[0];
    }
    expect(value).toEqual(parse(documented));
  });
});

describe('config/plexus.yaml', () => {
  const path = join(ROOT, 'config', 'plexus.yaml');
  const variables = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'OPENROUTER_API_KEY', 'PLEXUS_API_KEY', 'PLEXUS_ADMIN_KEY'];

  it('loads on a fresh machine with none of its variables set, without warnings', () => {
    const snapshot = loadConfigFile(path, {});
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.missingEnv.map((entry) => entry.name).sort()).toEqual([...variables].sort());
    expect(snapshot.config.admin.apiKeyEnv).toBe('PLEXUS_ADMIN_KEY');
    expect(snapshot.config.providers.every((entry) => entry.auth.apiKey === undefined)).toBe(true);
  });

  it('uses every key once its variables are set', () => {
    const env = Object.fromEntries(variables.map((name) => [name, `value-of-${name}`]));
    const { config, missingEnv } = loadConfigFile(path, env);
    expect(missingEnv).toEqual([]);
    expect(config.providers.map((entry) => [entry.name, entry.auth.apiKey])).toEqual([
      ['openai', 'value-of-OPENAI_API_KEY'],
      ['anthropic', 'value-of-ANTHROPIC_API_KEY'],
      ['gemini', 'value-of-GEMINI_API_KEY'],
      ['openrouter', 'value-of-OPENROUTER_API_KEY'],
    ]);
    expect(config.apiKeys.map((entry) => entry.secret)).toEqual(['value-of-PLEXUS_API_KEY']);
    expect(config.admin.apiKey).toBe('value-of-PLEXUS_ADMIN_KEY');
  });

  it('shows the selectors: fast random, smart in_order failing over across providers, cheap by cost', () => {
    const { models } = loadConfigFile(path, {}).config;
    const alias = (name: string) => models.find((entry) => entry.alias === name)!;
    expect(alias('fast').selector).toBe('random');
    expect(alias('smart').selector).toBe('in_order');
    expect(new Set(alias('smart').targets.map((target) => target.provider)).size).toBeGreaterThan(1);
    expect(alias('cheap').selector).toBe('cost');
  });
});

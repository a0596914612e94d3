import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Recorded provider wire data (see test/fixtures/provider-wire/PROVENANCE.md): a verbatim copy of
 * the project's shared fixtures, kept in the repo so a fresh clone tests on its own.
 */
export const FIXTURES_DIR = resolve(__dirname, '../fixtures/provider-wire');

export type FixtureFormat = 'openai-chat' | 'anthropic-messages' | 'gemini' | 'openai-responses';

export function fixturePath(format: FixtureFormat, file: string): string {
  return join(FIXTURES_DIR, format, file);
}

/** The exact bytes as recorded (SSE framing, CRLF and padding intact). */
export function fixtureText(format: FixtureFormat, file: string): string {
  return readFileSync(fixturePath(format, file), 'utf8');
}

export function fixtureJson<T = any>(format: FixtureFormat, file: string): T {
  return JSON.parse(fixtureText(format, file)) as T;
}

import { transformSync } from '@swc/core';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ENTRY = 'serve';
const RELATIVE_IMPORT = /(from\s+|import\s*\(\s*)'\.\/([\w-]+)'/g;

/**
 * Compiles bench/serve.ts and the bench files it imports to plain ESM JavaScript, once per run,
 * so the mock and the floor proxy start in a fraction of a second and carry no TypeScript
 * loader (whose compiler would add ~100 MB of RSS and a loader thread to the floor's figures).
 * Output goes to node_modules/.cache/plexus-bench (bare imports such as undici resolve from
 * there); each file is written atomically, so concurrent runs cannot see half a file.
 * Returns the path of the compiled entry.
 */
export function compileBenchServers(repoRoot: string): string {
  const outDir = join(repoRoot, 'node_modules', '.cache', 'plexus-bench');
  mkdirSync(outDir, { recursive: true });
  const pending = [ENTRY];
  const done = new Set<string>();
  while (pending.length > 0 && done.size < 100) {
    const name = pending.pop()!;
    if (done.has(name)) continue;
    done.add(name);
    const filename = join(repoRoot, 'bench', `${name}.ts`);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    const rewritten = code.replace(RELATIVE_IMPORT, (_, keyword: string, imported: string) => {
      pending.push(imported);
      return `${keyword}'./${imported}.mjs'`;
    });
    const target = join(outDir, `${name}.mjs`);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, rewritten);
    renameSync(temporary, target);
  }
  return join(outDir, `${ENTRY}.mjs`);
}

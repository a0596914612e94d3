import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformSync } from '@swc/core';

const ENTRY = 'serve.ts';
const RELATIVE_IMPORT = /(from\s+|import\s*\(\s*)'(\.\.?\/[^']+)'/g;

/**
 * Compiles bench/serve.ts and the bench files it imports to plain ESM JavaScript, once
 * per run, so the mock and the floor proxy start in a fraction of a second and carry no
 * TypeScript loader (whose compiler would add ~100 MB of RSS and a loader thread to the floor's
 * figures). Output mirrors bench/ under node_modules/.cache/plexus-bench, where bare imports
 * such as undici resolve; each file is written atomically, so concurrent runs never see half a
 * file. Returns the path of the compiled entry.
 */
export function compileBenchServers(repoRoot: string): string {
  const benchDir = join(repoRoot, 'bench');
  const outDir = join(repoRoot, 'node_modules', '.cache', 'plexus-bench');
  const pending = [join(benchDir, ENTRY)];
  const done = new Set<string>();
  while (pending.length > 0 && done.size < 100) {
    const filename = pending.pop()!;
    if (done.has(filename)) continue;
    done.add(filename);
    if (relative(benchDir, filename).startsWith('..')) throw new Error(`bench servers may only import bench files, not ${filename}`);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    const rewritten = code.replace(RELATIVE_IMPORT, (_, keyword: string, specifier: string) => {
      pending.push(`${resolve(dirname(filename), specifier)}.ts`);
      return `${keyword}'${specifier}.mjs'`;
    });
    const target = join(outDir, relative(benchDir, filename)).replace(/\.ts$/, '.mjs');
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, rewritten);
    renameSync(temporary, target);
  }
  return join(outDir, ENTRY.replace(/\.ts$/, '.mjs'));
}

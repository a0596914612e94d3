import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The checkout's root, found from the working directory. The bench runs as native ESM under
 * `@swc-node/register/esm-register` (no `__dirname`) and is type-checked as CommonJS (no
 * `import.meta`), so neither can locate the file; `npm run bench` and Vitest both start in the
 * root, and walking up covers a run from a subfolder.
 */
export function findRepoRoot(start: string = process.cwd()): string {
  let directory = resolve(start);
  for (let depth = 0; depth < 20; depth++) {
    if (existsSync(join(directory, 'bench', 'run.ts')) && existsSync(join(directory, 'package.json'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  throw new Error(`bench: cannot find the Plexus checkout (bench/run.ts) from ${start}; run it from the repository root`);
}

// `npm start` builds first when dist/ is missing or older than any source file, so the quick
// start is one command on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

const entry = 'dist/main.js';
if (!existsSync(entry) || statSync(entry).mtimeMs < newestMtime('src')) {
  console.log('plexus: building (dist/ is missing or stale)…');
  execSync('npx tsc -p tsconfig.build.json', { stdio: 'inherit' });
}

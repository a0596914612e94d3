import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '../../../src/config/write-file-atomically';

/**
 * Child process for atomic-config-write.spec.ts: replaces `target` with the content of `first`
 * and `second` in turn, as fast as it can, until it is killed. Says "writing" once started.
 * Usage: node -r @swc-node/register rewrite-file-forever.ts <target> <first> <second>
 */
async function main(): Promise<void> {
  const [target, first, second] = process.argv.slice(2);
  const texts = [readFileSync(first, 'utf8'), readFileSync(second, 'utf8')];
  process.stdout.write('writing\n');
  for (let round = 0; ; round++) await writeFileAtomically(target, texts[round % 2]);
}

void main();

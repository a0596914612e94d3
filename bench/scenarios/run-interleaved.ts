import type { BenchTarget } from '../bench-context';
import type { TargetName } from '../report/bench-report';

/**
 * Runs every target once per repetition, rotating who goes first, so slow drift of the machine
 * (thermal, page cache, other tenants) spreads over all targets instead of favouring one.
 */
export async function runInterleaved<T>(
  targets: BenchTarget[],
  repetitions: number,
  runOne: (target: BenchTarget, repetition: number) => Promise<T>,
): Promise<Map<TargetName, T[]>> {
  const results = new Map<TargetName, T[]>(targets.map((target) => [target.name, []]));
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (let offset = 0; offset < targets.length; offset++) {
      const target = targets[(repetition + offset) % targets.length];
      results.get(target.name)!.push(await runOne(target, repetition));
    }
  }
  return results;
}

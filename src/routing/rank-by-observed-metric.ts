/**
 * Share of requests that put a target with no samples first, so a new or long-idle target gets
 * measured instead of never being tried behind a known-good one.
 */
export const EXPLORATION_SHARE = 0.1;

export interface ObservedMetric {
  /** The target's recent statistic, or null when it has no samples for it yet. */
  value: number | null;
  /** Its last try failed: it goes after even the unmeasured targets. */
  failing: boolean;
}

/**
 * Orders targets for the latency and performance selectors: measured targets best first, then
 * unmeasured ones (config order), then failing ones (best first). On EXPLORATION_SHARE of calls
 * one unmeasured target, chosen at random, jumps to the front.
 */
export function rankByObservedMetric<T>(
  items: readonly T[],
  observe: (item: T) => ObservedMetric,
  better: 'lower' | 'higher',
  random: () => number,
): T[] {
  const observed = items.map((item, position) => ({ item, position, ...observe(item) }));
  const compare = (a: (typeof observed)[number], b: (typeof observed)[number]): number => {
    if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.position - b.position;
    return (better === 'lower' ? a.value - b.value : b.value - a.value) || a.position - b.position;
  };
  const measured = observed.filter((entry) => !entry.failing && entry.value !== null).sort(compare);
  const unmeasured = observed.filter((entry) => !entry.failing && entry.value === null);
  const failing = observed.filter((entry) => entry.failing).sort(compare);
  const explored = unmeasured.length > 0 && random() < EXPLORATION_SHARE
    ? unmeasured.splice(Math.floor(random() * unmeasured.length), 1)
    : [];
  return [...explored, ...measured, ...unmeasured, ...failing].map((entry) => entry.item);
}

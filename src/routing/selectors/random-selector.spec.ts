import { describe, expect, it } from 'vitest';
import { names, routeCandidate } from '../../../test/routing/route-candidate';
import { SeededRandom } from '../../../test/routing/seeded-random';
import { InOrderSelector } from './in-order-selector';
import { RandomSelector } from './random-selector';


describe('RandomSelector', () => {
  it('spreads first places by weight and keeps weight 0 as the last fallback', () => {
    const selector = new RandomSelector(new SeededRandom(42));
    const candidates = [routeCandidate('backup', 'm', 0), routeCandidate('big', 'm', 3), routeCandidate('small', 'm', 1)];
    const firsts: Record<string, number> = { big: 0, small: 0, backup: 0 };
    const draws = 10_000;
    for (let draw = 0; draw < draws; draw++) {
      const ordered = names(selector.order(candidates));
      expect(ordered).toHaveLength(3);
      expect(ordered[2]).toBe('backup');
      firsts[ordered[0]]++;
    }
    expect(Math.abs(firsts.big / draws - 0.75)).toBeLessThan(0.02);
    expect(firsts.backup).toBe(0);
  });
});

describe('InOrderSelector', () => {
  it('keeps the config order as the failover order', () => {
    const candidates = [routeCandidate('primary'), routeCandidate('secondary', 'm', 0), routeCandidate('tertiary', 'm', 5)];
    expect(names(new InOrderSelector().order(candidates))).toEqual(['primary', 'secondary', 'tertiary']);
  });
});

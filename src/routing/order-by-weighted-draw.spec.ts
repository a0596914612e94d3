import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../test/routing/seeded-random';
import { orderByWeightedDraw } from './order-by-weighted-draw';

const DRAWS = 20_000;

function placeShares(weights: Record<string, number>, place: number, seed = 7): Record<string, number> {
  const random = new SeededRandom(seed);
  const items = Object.entries(weights).map(([name, weight]) => ({ name, weight }));
  const counts: Record<string, number> = Object.fromEntries(items.map((item) => [item.name, 0]));
  for (let draw = 0; draw < DRAWS; draw++) counts[orderByWeightedDraw(items, () => random.next())[place].name]++;
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count / DRAWS]));
}

describe('orderByWeightedDraw', () => {
  it('puts each item first in proportion to its weight', () => {
    const shares = placeShares({ a: 1, b: 2, c: 7 }, 0);
    // ±0.015 is over 4 standard deviations at 20 000 draws
    expect(Math.abs(shares.a - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(shares.b - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(shares.c - 0.7)).toBeLessThan(0.015);
  });

  it('draws the later places without replacement, from the weights left', () => {
    // P(b second) = P(a first)·2/9 + P(c first)·2/3 = 0.1·2/9 + 0.7·2/3 ≈ 0.4889
    const shares = placeShares({ a: 1, b: 2, c: 7 }, 1);
    expect(Math.abs(shares.b - (0.1 * (2 / 9) + 0.7 * (2 / 3)))).toBeLessThan(0.015);
  });

  it('returns every item exactly once', () => {
    const random = new SeededRandom(1);
    const items = [1, 5, 0, 2, 3].map((weight, index) => ({ index, weight }));
    for (let draw = 0; draw < 100; draw++) {
      const ordered = orderByWeightedDraw(items, () => random.next());
      expect(ordered.map((item) => item.index).sort()).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('keeps weight-0 items out of the draw, after every positive weight, in their given order', () => {
    const random = new SeededRandom(3);
    const items = [
      { name: 'fallback-1', weight: 0 },
      { name: 'a', weight: 1 },
      { name: 'fallback-2', weight: 0 },
      { name: 'b', weight: 1 },
    ];
    for (let draw = 0; draw < 1000; draw++) {
      expect(orderByWeightedDraw(items, () => random.next()).slice(2).map((item) => item.name)).toEqual(['fallback-1', 'fallback-2']);
    }
  });

  it('orders only-zero weights in their given order', () => {
    const items = [{ name: 'x', weight: 0 }, { name: 'y', weight: 0 }];
    expect(orderByWeightedDraw(items, () => 0.99).map((item) => item.name)).toEqual(['x', 'y']);
  });
});

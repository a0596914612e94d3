import { describe, expect, it } from 'vitest';
import { testConfigService } from '../../../test/support/test-config';
import { providerConfig } from '../../../test/routing/provider-config';
import { names, routeCandidate } from '../../../test/routing/route-candidate';
import { ScriptedRandom, SeededRandom } from '../../../test/routing/seeded-random';
import { EXPLORATION_SHARE } from '../rank-by-observed-metric';
import type { Random } from '../random';
import { StatsService } from '../stats.service';
import { PerformanceSelector } from './performance-selector';

const PROVIDERS = ['steady', 'broken', 'quick', 'fresh-1', 'fresh-2', 'sluggish'];
const candidates = PROVIDERS.map((name) => routeCandidate(name));
const NO_EXPLORATION = 0.99;

function setup(random: Random) {
  const stats = new StatsService(testConfigService({ providers: PROVIDERS.map((name) => providerConfig(name, { models: ['m'] })) }));
  for (const [name, rate] of [['steady', 60], ['quick', 180], ['sluggish', 20], ['broken', 500]] as const) {
    for (let sample = 0; sample < 3; sample++) stats.recordSuccess(name, 'm', { ttftMs: 300, outputTokensPerSecond: rate });
  }
  stats.recordFailure('broken', 'm');
  return { stats, selector: new PerformanceSelector(stats, random) };
}

describe('PerformanceSelector', () => {
  it('orders by output tokens per second, highest first; unmeasured in config order; failing last', () => {
    const { selector } = setup(new ScriptedRandom([NO_EXPLORATION]));
    expect(names(selector.order(candidates))).toEqual(['quick', 'steady', 'sluggish', 'fresh-1', 'fresh-2', 'broken']);
  });

  it('follows new samples', () => {
    const { selector, stats } = setup(new ScriptedRandom([NO_EXPLORATION]));
    for (let sample = 0; sample < 10; sample++) stats.recordSuccess('sluggish', 'm', { ttftMs: 300, outputTokensPerSecond: 400 });
    expect(names(selector.order(candidates))[0]).toBe('sluggish');
  });

  it('treats a target measured only without a rate (non-streamed answers) as unmeasured', () => {
    const { selector, stats } = setup(new ScriptedRandom([NO_EXPLORATION]));
    stats.recordSuccess('fresh-2', 'm', { ttftMs: 100 });
    expect(names(selector.order(candidates)).slice(3, 5)).toEqual(['fresh-1', 'fresh-2']);
  });

  it('explores every unmeasured target, on about the exploration share of requests', () => {
    const { selector } = setup(new SeededRandom(5));
    const firsts: Record<string, number> = {};
    const draws = 10_000;
    for (let draw = 0; draw < draws; draw++) {
      const first = selector.order(candidates)[0].provider.name;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }
    expect(Object.keys(firsts).sort()).toEqual(['fresh-1', 'fresh-2', 'quick']);
    expect(Math.abs((firsts['fresh-1'] + firsts['fresh-2']) / draws - EXPLORATION_SHARE)).toBeLessThan(0.015);
    expect(Math.abs(firsts['fresh-1'] / draws - EXPLORATION_SHARE / 2)).toBeLessThan(0.01);
  });
});

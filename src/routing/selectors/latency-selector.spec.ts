import { describe, expect, it } from 'vitest';
import { testConfigService } from '../../../test/support/test-config';
import { providerConfig } from '../../../test/routing/provider-config';
import { names, routeCandidate } from '../../../test/routing/route-candidate';
import { ScriptedRandom, SeededRandom } from '../../../test/routing/seeded-random';
import { EXPLORATION_SHARE } from '../rank-by-observed-metric';
import { StatsService } from '../stats.service';
import type { Random } from '../random';
import { LatencySelector } from './latency-selector';

const PROVIDERS = ['slow', 'fast', 'medium', 'new', 'broken'];
const candidates = PROVIDERS.map((name) => routeCandidate(name));
const NO_EXPLORATION = 0.99;

function setup(random: Random) {
  const stats = new StatsService(testConfigService({ providers: PROVIDERS.map((name) => providerConfig(name, { models: ['m'] })) }));
  for (const [name, ttftMs] of [['slow', 900], ['fast', 150], ['medium', 400]] as const) {
    for (let sample = 0; sample < 5; sample++) stats.recordSuccess(name, 'm', { ttftMs, outputTokensPerSecond: 50 });
  }
  stats.recordSuccess('broken', 'm', { ttftMs: 50 });
  stats.recordFailure('broken', 'm');
  return { stats, selector: new LatencySelector(stats, random) };
}

describe('LatencySelector', () => {
  it('orders measured targets by time to first token, then unmeasured, then failing', () => {
    const { selector } = setup(new ScriptedRandom([NO_EXPLORATION]));
    expect(names(selector.order(candidates))).toEqual(['fast', 'medium', 'slow', 'new', 'broken']);
  });

  it('follows new samples, and takes a failing target back once it answers again', () => {
    const { selector, stats } = setup(new ScriptedRandom([NO_EXPLORATION]));
    for (let sample = 0; sample < 10; sample++) stats.recordSuccess('slow', 'm', { ttftMs: 100 });
    stats.recordSuccess('broken', 'm', { ttftMs: 30 }); // samples 50, failure penalty, 30: median 50
    expect(names(selector.order(candidates))).toEqual(['broken', 'slow', 'fast', 'medium', 'new']);
  });

  it('puts an unmeasured target first on a roll under the exploration share', () => {
    const { selector } = setup(new ScriptedRandom([EXPLORATION_SHARE / 2, 0]));
    expect(names(selector.order(candidates))).toEqual(['new', 'fast', 'medium', 'slow', 'broken']);
  });

  it(`explores on about ${EXPLORATION_SHARE * 100}% of requests`, () => {
    const { selector } = setup(new SeededRandom(11));
    const draws = 10_000;
    let explored = 0;
    for (let draw = 0; draw < draws; draw++) if (selector.order(candidates)[0].provider.name === 'new') explored++;
    expect(Math.abs(explored / draws - EXPLORATION_SHARE)).toBeLessThan(0.015);
  });
});

import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/bench-options';

const defaults = { tool: 'wrk' as const, resultsPath: '/tmp/RESULTS.md' };

describe('parseBenchOptions', () => {
  it('runs the issue\'s full sizes by default', () => {
    const options = parseBenchOptions([], defaults);
    expect(options).toMatchObject({ quick: false, repetitions: 5, openStreamsRepetitions: 3, openStreams: 1_000, soakRequests: 100_000, usageRecords: 1_000_000 });
    expect(options.nonStreamConcurrencies).toEqual([1, 16, 64]);
  });

  it('shrinks every scenario with --quick', () => {
    const full = parseBenchOptions([], defaults);
    const quick = parseBenchOptions(['--quick'], defaults);
    expect(quick.quick).toBe(true);
    expect(quick.loadSeconds).toBeLessThan(full.loadSeconds);
    expect(quick.openStreams).toBeLessThan(full.openStreams);
    expect(quick.soakRequests).toBeLessThan(full.soakRequests);
    expect(quick.usageRecords).toBeLessThan(full.usageRecords);
  });

  it('takes a scenario subset and a load generator', () => {
    expect(parseBenchOptions(['--only=s1,s6', '--tool=autocannon'], defaults)).toMatchObject({ only: ['s1', 's6'], tool: 'autocannon' });
  });

  it('names the bad argument', () => {
    expect(() => parseBenchOptions(['--only=s9'], defaults)).toThrow('unknown scenario "s9"');
    expect(() => parseBenchOptions(['--fast'], defaults)).toThrow('unknown argument "--fast"');
  });
});

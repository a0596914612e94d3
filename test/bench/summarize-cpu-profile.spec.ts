import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from '../../bench/report/summarize-cpu-profile';

const ROOT = '/repo';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/** Samples 1 ms apart: 6 in the proxy, 3 in fastify, 1 GC, 10 idle. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('relay', `file://${ROOT}/dist/proxy/stream-relay.js`, 41) },
    { id: 4, callFrame: frame('handleRequest', `file://${ROOT}/node_modules/fastify/lib/route.js`, 9) },
    { id: 5, callFrame: frame('(garbage collector)', '') },
  ],
  startTime: 0,
  endTime: 20_000,
  samples: [...Array(6).fill(3), ...Array(3).fill(4), 5, ...Array(10).fill(2)],
  timeDeltas: Array(20).fill(1_000),
};

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(profile, ROOT, 'test load');

  it('ranks functions by self time, idle excluded', () => {
    expect(summary.busyMs).toBe(10);
    expect(summary.top[0]).toEqual({ functionName: 'relay', location: 'dist/proxy/stream-relay.js:42', selfMs: 6, percentOfBusy: 60 });
    expect(summary.top.map((entry) => entry.functionName)).toEqual(['relay', 'handleRequest', '(garbage collector)']);
  });

  it('groups self time by source folder and package', () => {
    expect(summary.byArea).toEqual([
      { area: 'src/proxy', selfMs: 6, percentOfBusy: 60 },
      { area: 'fastify', selfMs: 3, percentOfBusy: 30 },
      { area: '(garbage collector)', selfMs: 1, percentOfBusy: 10 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from '../../bench/report/summarize-cpu-profile';

const ROOT = '/repo';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/** Samples 1 ms apart: 6 in a native write under fastify, 3 in fastify itself, 1 GC, 10 idle. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 5] },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('writev', ''), children: [] },
    { id: 4, callFrame: frame('handleRequest', `file://${ROOT}/node_modules/fastify/lib/route.js`, 9), children: [6] },
    { id: 5, callFrame: frame('(garbage collector)', '') },
    { id: 6, callFrame: frame('Writable.write', 'node:internal/streams/writable', 400), children: [3] },
  ],
  startTime: 0,
  endTime: 20_000,
  samples: [...Array(6).fill(3), ...Array(3).fill(4), 5, ...Array(10).fill(2)],
  timeDeltas: Array(20).fill(1_000),
};

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(profile, ROOT, 'test load');

  it('ranks functions by self time, idle excluded, naming the package code a native call came through', () => {
    expect(summary.busyMs).toBe(10);
    expect(summary.top[0]).toEqual({
      functionName: 'writev',
      location: '(native)',
      selfMs: 6,
      percentOfBusy: 60,
      mostlyVia: 'handleRequest node_modules/fastify/lib/route.js:10',
    });
    expect(summary.top.map((entry) => entry.functionName)).toEqual(['writev', 'handleRequest', '(garbage collector)']);
  });

  it('groups self time by source folder and package', () => {
    expect(summary.byArea).toEqual([
      { area: '(native)', selfMs: 6, percentOfBusy: 60 },
      { area: 'fastify', selfMs: 3, percentOfBusy: 30 },
      { area: '(garbage collector)', selfMs: 1, percentOfBusy: 10 },
    ]);
  });

  it('keeps samples outside the window out', () => {
    const windowed = summarizeCpuProfile(profile, ROOT, 'test load', { fromMicros: 6_500, toMicros: 20_000 });
    expect(windowed.top.map((entry) => [entry.functionName, entry.selfMs])).toEqual([
      ['handleRequest', 3],
      ['(garbage collector)', 1],
    ]);
  });
});

import type { ProfileSummary } from './bench-report';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that self time needs. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)']);

/** A time window on the monotonic clock V8 stamps samples with (µs, like process.hrtime). */
export interface ProfileWindow {
  fromMicros: number;
  toMicros: number;
}

/**
 * Self time per function (summed over every call site) and per area of the code (a src/ folder,
 * an npm package, Node internals, GC), as shares of the busy time (idle excluded). With a
 * window, only samples taken inside it count, so start-up (module loading) stays out.
 */
export function summarizeCpuProfile(profile: CpuProfile, repoRoot: string, load: string, window?: ProfileWindow, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  let sampledAt = profile.startTime;
  let windowMicros = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    sampledAt += profile.timeDeltas[index] ?? 0;
    if (window !== undefined && (sampledAt < window.fromMicros || sampledAt > window.toMicros)) continue;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    windowMicros += delta;
    selfMicros.set(profile.samples[index], (selfMicros.get(profile.samples[index]) ?? 0) + delta);
  }
  const perFunction = new Map<string, { functionName: string; location: string; micros: number }>();
  const perArea = new Map<string, number>();
  let busyMicros = 0;
  for (const [id, micros] of selfMicros) {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined || IDLE.has(frame.functionName)) continue;
    busyMicros += micros;
    const location = shortLocation(frame.url, repoRoot, frame.lineNumber);
    const functionName = frame.functionName || '(anonymous)';
    const key = `${functionName}@${location}`;
    const entry = perFunction.get(key) ?? { functionName, location, micros: 0 };
    entry.micros += micros;
    perFunction.set(key, entry);
    const area = areaOf(frame.url, frame.functionName, repoRoot);
    perArea.set(area, (perArea.get(area) ?? 0) + micros);
  }
  const share = (micros: number) => (busyMicros > 0 ? Math.round((micros / busyMicros) * 1000) / 10 : 0);
  return {
    load,
    durationSeconds: Math.round(windowMicros / 1e5) / 10,
    busyMs: Math.round(busyMicros / 1000),
    top: [...perFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((entry) => ({ functionName: entry.functionName, location: entry.location, selfMs: Math.round(entry.micros / 100) / 10, percentOfBusy: share(entry.micros) })),
    byArea: [...perArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, micros]) => ({ area, selfMs: Math.round(micros / 100) / 10, percentOfBusy: share(micros) })),
  };
}

function shortLocation(url: string, repoRoot: string, lineNumber: number): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
  return `${path}:${lineNumber + 1}`;
}

/** `src/proxy`, `fastify`, `@nestjs/core`, `node:internal`, `(garbage collector)`, … */
function areaOf(url: string, functionName: string, repoRoot: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (packageMatch) return packageMatch[1];
  if (path.startsWith('node:')) return 'node internals';
  const sourceMatch = /^(?:dist|src)\/([^/]+)(\/|\.js|\.ts)/.exec(path);
  if (sourceMatch) return `src/${sourceMatch[1].replace(/\.(js|ts)$/, '')}`;
  return path;
}

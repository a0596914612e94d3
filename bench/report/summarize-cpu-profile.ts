import type { ProfileSummary } from './bench-report';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) that self time needs. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time window on the monotonic clock V8 stamps samples with (µs, like process.hrtime). */
export interface ProfileWindow {
  fromMicros: number;
  toMicros: number;
}

const IDLE = new Set(['(idle)', '(program)']);

interface FunctionTotal {
  functionName: string;
  location: string;
  micros: number;
  /** Self time per nearest calling function in the project or a package. */
  via: Map<string, number>;
}

/**
 * Self time per function (summed over every call site) and per area of the code (a src/ folder,
 * an npm package, Node internals, GC), as shares of the busy time (idle excluded). Each function
 * also names the nearest caller in Plexus or a package that most of its time came through, so a
 * native `writev` points at who writes. With a window, only samples taken inside it count, so
 * start-up (module loading) stays out.
 */
export function summarizeCpuProfile(profile: CpuProfile, repoRoot: string, load: string, window?: ProfileWindow, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
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
  const viaOf = (id: number): string => {
    for (let parent = parents.get(id), depth = 0; parent !== undefined && depth < 200; parent = parents.get(parent), depth++) {
      const frame = nodes.get(parent)!.callFrame;
      if (isProjectOrPackage(frame.url)) return `${frame.functionName || '(anonymous)'} ${shortLocation(frame, repoRoot)}`;
    }
    return '–';
  };

  const perFunction = new Map<string, FunctionTotal>();
  const perArea = new Map<string, number>();
  let busyMicros = 0;
  for (const [id, micros] of selfMicros) {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined || IDLE.has(frame.functionName)) continue;
    busyMicros += micros;
    const location = shortLocation(frame, repoRoot);
    const functionName = frame.functionName || '(anonymous)';
    const key = `${functionName}@${location}`;
    const entry = perFunction.get(key) ?? { functionName, location, micros: 0, via: new Map() };
    entry.micros += micros;
    const via = viaOf(id);
    entry.via.set(via, (entry.via.get(via) ?? 0) + micros);
    perFunction.set(key, entry);
    const area = areaOf(frame, repoRoot);
    perArea.set(area, (perArea.get(area) ?? 0) + micros);
  }
  const share = (micros: number) => (busyMicros > 0 ? Math.round((micros / busyMicros) * 1000) / 10 : 0);
  const ms = (micros: number) => Math.round(micros / 100) / 10;
  return {
    load,
    durationSeconds: Math.round(windowMicros / 1e5) / 10,
    busyMs: Math.round(busyMicros / 1000),
    top: [...perFunction.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((entry) => ({
        functionName: entry.functionName,
        location: entry.location,
        selfMs: ms(entry.micros),
        percentOfBusy: share(entry.micros),
        mostlyVia: [...entry.via.entries()].sort((a, b) => b[1] - a[1])[0][0],
      })),
    byArea: [...perArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, micros]) => ({ area, selfMs: ms(micros), percentOfBusy: share(micros) })),
  };
}

function isProjectOrPackage(url: string): boolean {
  return url !== '' && !url.startsWith('node:') && !url.startsWith('wasm:');
}

function relativePath(url: string, repoRoot: string): string {
  return url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
}

function shortLocation(frame: CallFrame, repoRoot: string): string {
  return frame.url === '' ? '(native)' : `${relativePath(frame.url, repoRoot)}:${frame.lineNumber + 1}`;
}

/** `src/proxy`, `fastify`, `@nestjs/core`, `node internals`, `(garbage collector)`, … */
function areaOf(frame: CallFrame, repoRoot: string): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const path = relativePath(frame.url, repoRoot);
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (packageMatch) return packageMatch[1];
  if (path.startsWith('node:')) return 'node internals';
  const sourceMatch = /^(?:dist|src)\/([^/]+)(\/|\.js|\.ts)/.exec(path);
  if (sourceMatch) return `src/${sourceMatch[1].replace(/\.(js|ts)$/, '')}`;
  return path;
}

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackChild } from '../processes/child-processes';
import type { HttpLoadResult, HttpLoadSpec } from './http-load-spec';

/** Whether Debian's `wrk` is on PATH. */
export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/**
 * Runs `wrk` (one thread: on two cores it must leave room for the proxy and the mock) with a Lua
 * script that sets the request and prints wrk's own microsecond percentiles as JSON.
 */
export async function runWrk(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  const scriptPath = join(scriptDirectory(), `load-${++scriptCount}.lua`);
  writeFileSync(scriptPath, wrkScript(spec));
  try {
    const stdout = await runBounded(
      'wrk',
      ['-t1', `-c${spec.connections}`, `-d${Math.max(1, Math.round(spec.durationSeconds))}s`, '--timeout', '10s', '-s', scriptPath, spec.url],
      (spec.durationSeconds + 20) * 1000,
    );
    const line = stdout.split('\n').find((text) => text.startsWith('BENCHJSON '));
    if (line === undefined) throw new Error(`wrk printed no result:\n${stdout.slice(-2000)}`);
    const raw = JSON.parse(line.slice('BENCHJSON '.length));
    const durationSeconds = raw.durationMicros / 1e6;
    const errors = raw.connect + raw.read + raw.write + raw.status + raw.timeout;
    return {
      tool: 'wrk',
      requests: raw.requests,
      errors,
      durationSeconds,
      requestsPerSecond: Math.max(0, raw.requests - raw.status) / durationSeconds,
      latencyMicros: { p50: raw.p50, p90: raw.p90, p99: raw.p99, max: raw.max },
    };
  } finally {
    rmSync(scriptPath, { force: true });
  }
}

let directory: string | undefined;
let scriptCount = 0;

/** One temporary folder for the Lua scripts of this process, removed when it exits. */
function scriptDirectory(): string {
  if (directory === undefined) {
    const created = mkdtempSync(join(tmpdir(), 'plexus-bench-wrk-'));
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
    directory = created;
  }
  return directory;
}

function wrkScript(spec: HttpLoadSpec): string {
  const lines = ['wrk.method = "POST"', `wrk.body = ${luaString(spec.body)}`];
  for (const [name, value] of Object.entries(spec.headers)) lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'BENCHJSON {"requests":%d,"durationMicros":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n\',',
    '    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,',
    '    e.connect, e.read, e.write, e.status, e.timeout))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

/** A Lua long-bracket string whose level cannot occur inside the value. */
function luaString(value: string): string {
  let level = '=';
  while (value.includes(`]${level}]`)) level += '=';
  return `[${level}[${value}]${level}]`;
}

function runBounded(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited with ${code}: ${stderr.slice(-1000)}`));
    });
  });
}

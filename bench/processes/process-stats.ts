import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicksPerSecond: number | undefined;

function clockTicks(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * User + system CPU seconds a process has used so far, all threads included (GC, libuv pool),
 * from /proc/<pid>/stat fields 14 and 15. https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
 */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** Resident set size in bytes, from /proc/<pid>/status VmRSS. */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (match === null) throw new Error(`process ${pid}: no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

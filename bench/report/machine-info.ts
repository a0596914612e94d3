import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  nodeVersion: string;
  kernel: string;
  /** Short commit plus whether the tree had uncommitted changes. */
  gitCommit: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

/** What RESULTS.md needs to say the figures came from this machine and this code. */
export function readMachineInfo(repoRoot: string): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // Not Linux: os.cpus() is good enough.
  }
  return {
    cpuModel: cpuModel.trim(),
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    nodeVersion: process.version,
    kernel: safeRun('uname', ['-sr'], repoRoot) ?? 'unknown',
    gitCommit: gitCommit(repoRoot),
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}

function gitCommit(repoRoot: string): string {
  const commit = safeRun('git', ['rev-parse', '--short=12', 'HEAD'], repoRoot);
  if (commit === undefined) return 'none (no commit yet)';
  const dirty = (safeRun('git', ['status', '--porcelain'], repoRoot) ?? '').length > 0;
  return dirty ? `${commit} (with uncommitted changes)` : commit;
}

function safeRun(command: string, args: string[], cwd: string): string | undefined {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

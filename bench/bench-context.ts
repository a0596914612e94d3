import type { BenchOptions } from './bench-options';
import type { TargetName } from './report/bench-report';
import type { WireFixtures } from './wire/wire-fixtures';
import type { WireFormat } from './wire/wire-format';

/** A server under load and the process whose CPU and memory are charged to it. */
export interface BenchTarget {
  name: TargetName;
  url: string;
  pid: number;
}

/** What every scenario needs: the options, the recorded wire data and the running targets. */
export interface BenchContext {
  repoRoot: string;
  options: BenchOptions;
  fixtures: WireFixtures;
  /** `direct` (the mock itself) first, then `plexus` when it runs, then `floor`. */
  targets: BenchTarget[];
  log(line: string): void;
}

/**
 * The format the mock answers in behind a target: Plexus's only bench provider speaks OpenAI
 * chat, so its answers come from the chat recording whatever the client speaks; the mock
 * called directly and the floor proxy (which never translates) answer in the client's format.
 */
export function servingFormat(target: TargetName, clientFormat: WireFormat): WireFormat {
  return target === 'plexus' ? 'chat' : clientFormat;
}

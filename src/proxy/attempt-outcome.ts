import type { CooldownErrorType } from '../config/plexus-config';
import type { IrError } from '../wire/ir';
import type { PlannedTarget } from './build-upstream-request';
import type { UsageTracker } from './usage-tracker';

/** How one attempt against one target ended. */
export type AttemptOutcome =
  /** The client got an answer from this target (complete, cut mid-stream, or cancelled). */
  | { kind: 'answered'; status: 'success' | 'error' | 'cancelled'; httpStatus: number; tracker: UsageTracker; sameFormat: boolean; error?: IrError }
  /** A provider failure before the first byte: cool down and try the next target. */
  | { kind: 'failover'; type: CooldownErrorType; error: IrError; upstreamBody?: string }
  /** The provider rejected the caller's input: no cooldown, no failover, the client is told. */
  | { kind: 'client-error'; error: IrError; upstreamBody?: string }
  /** The client went away before anything was answered. */
  | { kind: 'cancelled' };

/** How the whole request ended, for the completed-request record. */
export interface RequestOutcome {
  status: 'success' | 'error' | 'cancelled';
  httpStatus: number;
  target?: PlannedTarget;
  sameFormat?: boolean;
  tracker?: UsageTracker;
  error?: IrError & { type?: string };
  upstreamBody?: string;
}

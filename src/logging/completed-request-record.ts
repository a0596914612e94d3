import type { CooldownErrorType } from '../config/plexus-config';
import type { IrApi, IrFinishReason, IrUsage } from '../wire/ir';

/** One try against one target. */
export interface AttemptRecord {
  provider: string;
  model: string;
  providerApi: IrApi;
  /** Upstream HTTP status, or undefined when no response arrived (timeout, refused, reset). */
  status?: number;
  /** Undefined for the attempt that succeeded. `client_error` = the provider rejected the caller's input. */
  errorType?: CooldownErrorType | 'client_error';
  message?: string;
  durationMs: number;
}

/**
 * What the proxy knows when a request ends (success, error or cancelled). Handed to the logging
 * module, which prices it and writes it; never contains a secret.
 */
export interface CompletedRequestRecord {
  requestId: string;
  /** ISO time the request arrived. */
  timestamp: string;
  keyName: string;
  clientApi: IrApi;
  requestedModel: string;
  /** The alias the model resolved through (undefined for passthrough or unresolved). */
  alias?: string;
  provider?: string;
  targetModel?: string;
  providerApi?: IrApi;
  streamed: boolean;
  /** false = same-format fast path (bytes forwarded), true = translated through the IR. */
  translated: boolean;
  status: 'success' | 'error' | 'cancelled';
  httpStatus: number;
  attempts: AttemptRecord[];
  usage: IrUsage;
  /** true when the provider sent no usage and tokens were counted with a tokenizer. */
  usageEstimated: boolean;
  finishReason?: IrFinishReason;
  durationMs: number;
  /** Time to first token (first content byte sent to the client), ms. */
  ttftMs?: number;
  outputTokensPerSecond?: number;
  error?: {
    type: string;
    message: string;
    /** First few KB of the upstream error body, if any. */
    upstreamBody?: string;
  };
}

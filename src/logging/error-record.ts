/** One line of the error log: a failed request (`request`) or a failed attempt that was failed over (`attempt`). */
export interface ErrorRecord {
  kind: 'request' | 'attempt';
  requestId: string;
  /** ISO time the failure was recorded. */
  time: string;
  keyName: string;
  /** The model the client asked for (request lines). */
  requestedModel?: string;
  provider?: string;
  /** The provider's model name when a target was chosen. */
  model?: string;
  errorType: string;
  /** HTTP status: the one sent to the client (request) or the upstream one (attempt). */
  status?: number;
  message: string;
  /** The first 4 KB of the upstream body. */
  upstreamBody?: string;
  durationMs?: number;
}

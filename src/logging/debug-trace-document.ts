/** What one debug trace file holds (`<storagePath>/<YYYY-MM-DD>/<requestId>.json`). */
export interface DebugTraceDocument {
  requestId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Credential headers masked; body parsed as JSON when it was JSON. Absent when captureRequests is off. */
  clientRequest?: { headers: Record<string, unknown>; body?: unknown };
  /** One per attempt, in order (failover shows several). */
  upstreamRequests: Array<{ url: string; headers: Record<string, unknown>; body?: unknown }>;
  /** The provider's response text as received (whole stream). Absent when captureResponses is off. */
  upstreamResponse?: string;
  /** What was sent to the client. */
  clientResponse?: string;
  /** The proxy's outcome summary (status, usage, timings…). */
  summary: Record<string, unknown>;
  /** Present when the size cap cut something. */
  truncated?: { limitChars: number; droppedChars: number };
}

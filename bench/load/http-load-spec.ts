export type LoadTool = 'wrk' | 'autocannon';

/** A closed-loop POST load: `connections` clients, each sending the next request on an answer. */
export interface HttpLoadSpec {
  /** Full URL, path included. */
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Upper bound of the run, whole seconds (wrk's unit). */
  durationSeconds: number;
  /** Stop after about this many answers, if sooner than the duration. */
  maxRequests?: number;
}

export interface HttpLoadResult {
  tool: LoadTool;
  /** Answers received, any status. */
  requests: number;
  /** Non-2xx answers plus connect, read, write and timeout errors. */
  errors: number;
  durationSeconds: number;
  /** 2xx answers per second. */
  requestsPerSecond: number;
  latencyMicros: { p50: number; p90: number; p99: number; max: number };
}

import type { LogKind } from './log-file-name';

export interface SinkHealth {
  ok: boolean;
  /** The last write error, while writes are failing. */
  lastError?: string;
  /** ISO time writes started failing. */
  since?: string;
  /** Lines waiting in memory for the next write. */
  queued: number;
  /** Lines dropped (oldest first) because the queue was full while writes failed. */
  dropped: number;
}

/**
 * Where usage and error lines go. The default writes daily JSONL files; a shared backend (a SQL
 * database) can replace it by providing this token. `append` is called on the request path, so
 * it must return at once and never throw.
 */
export abstract class RecordSink {
  /** `at` is the ISO time the record is filed under (its UTC day picks the file). */
  abstract append(kind: LogKind, at: string, record: object): void;
  /** Writes everything appended so far. Never rejects; failures show in health(). */
  abstract flush(): Promise<void>;
  abstract health(): SinkHealth;
}

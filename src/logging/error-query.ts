import type { ErrorRecord } from './error-record';

export interface ErrorQuery {
  /** Inclusive, ISO time or Date. */
  from?: string | Date;
  /** Exclusive, ISO time or Date. */
  to?: string | Date;
  apiKey?: string;
  provider?: string;
  /** Matches the provider's model or the requested model. */
  model?: string;
  errorType?: string;
  kind?: ErrorRecord['kind'];
  requestId?: string;
  /** 1..1000, default 100. */
  limit?: number;
  cursor?: string;
}

export interface ErrorPage {
  /** Newest first. */
  records: ErrorRecord[];
  nextCursor?: string;
}

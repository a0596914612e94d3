/**
 * Error kinds, named by who is at fault (STYLE.md: Bifrost). Whether to retry or cool down is
 * decided elsewhere (src/resilience), from the kind and status.
 */
export type IrErrorKind =
  // caller
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  // policy
  | 'rate_limit'
  // provider
  | 'server_error'
  | 'overloaded'
  | 'timeout'
  | 'connection_error'
  // gateway
  | 'gateway_error';

export interface IrError {
  kind: IrErrorKind;
  /** HTTP status to answer with (or the upstream's status when decoded from a provider). */
  status: number;
  message: string;
  /** Seconds, from `retry-after` or Gemini `RetryInfo.retryDelay`. */
  retryAfterSeconds?: number;
  /** The provider's own code/type/status string (`rate_limit_exceeded`, `RESOURCE_EXHAUSTED`, `API_KEY_INVALID`). */
  providerCode?: string;
  /** The request field that is wrong, for invalid_request errors. */
  param?: string;
}

/** Thrown by request decoders when a client body has the wrong shape. */
export class WireValidationError extends Error {
  constructor(
    /** Path of the offending field, e.g. `messages[2].content`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'WireValidationError';
  }
}

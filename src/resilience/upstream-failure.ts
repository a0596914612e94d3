import type { IrError } from '../wire/ir';

/** What the proxy saw when a try against one target did not produce an answer. */
export interface UpstreamFailure {
  /**
   * Upstream HTTP status. A stream that answered 200 and then sent an error event before any
   * content carries that 200 (or no status) together with `error`.
   */
  status?: number;
  /** The upstream error decoded by `wire` (kind, providerCode, retryAfterSeconds). */
  error?: IrError;
  /** No usable response arrived at all. */
  transport?: 'timeout' | 'connection_error';
}

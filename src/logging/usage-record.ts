import type { CostBreakdown } from '../pricing/cost-breakdown';
import type { CompletedRequestRecord } from './completed-request-record';

/**
 * A completed request once priced: what the usage log stores (one JSON line each, without the
 * upstream error body, which goes to the error log) and what the proxy publishes as an event.
 */
export interface UsageRecord extends CompletedRequestRecord {
  cost: CostBreakdown;
  /** Output tokens over generation time (after the first token when known). */
  outputTokensPerSecond?: number;
}

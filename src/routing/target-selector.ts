import type { SelectorName } from '../config/plexus-config';
import type { RouteCandidate, RouteRequest } from './route-plan';

/** Injection token for the list of every TargetSelector. */
export const TARGET_SELECTORS = Symbol('TARGET_SELECTORS');

/** An alias's `selector`: puts the usable targets in the order they will be tried. */
export abstract class TargetSelector {
  abstract readonly name: SelectorName;

  /**
   * Returns every candidate exactly once (the full failover order). Candidates arrive in config
   * order; ties keep it.
   */
  abstract order(candidates: readonly RouteCandidate[], request: RouteRequest): RouteCandidate[];
}

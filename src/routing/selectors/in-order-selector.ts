import { Injectable } from '@nestjs/common';
import type { RouteCandidate } from '../route-plan';
import { TargetSelector } from '../target-selector';

/** The config's order: a primary and its fallbacks. */
@Injectable()
export class InOrderSelector extends TargetSelector {
  readonly name = 'in_order' as const;

  order(candidates: readonly RouteCandidate[]): RouteCandidate[] {
    return [...candidates];
  }
}

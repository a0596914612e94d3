import { Injectable } from '@nestjs/common';
import { rankByObservedMetric } from '../rank-by-observed-metric';
import { Random } from '../random';
import type { RouteCandidate } from '../route-plan';
import { StatsService } from '../stats.service';
import { TargetSelector } from '../target-selector';

/** Highest recent output tokens per second first (StatsService median), exploring unmeasured targets. */
@Injectable()
export class PerformanceSelector extends TargetSelector {
  readonly name = 'performance' as const;

  constructor(
    private readonly stats: StatsService,
    private readonly random: Random,
  ) {
    super();
  }

  order(candidates: readonly RouteCandidate[]): RouteCandidate[] {
    return rankByObservedMetric(
      candidates,
      (candidate) => {
        const metrics = this.stats.metrics(candidate.provider.name, candidate.model);
        return { value: metrics?.outputTokensPerSecond ?? null, failing: (metrics?.consecutiveFailures ?? 0) > 0 };
      },
      'higher',
      () => this.random.next(),
    );
  }
}

import type { ResilienceConfig } from '../config/plexus-config';

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/**
 * Gateway status from the share of enabled providers that are unhealthy:
 * `>= unhealthyThreshold` → unhealthy, `>= degradedThreshold` → degraded, else healthy.
 * No unhealthy provider is always healthy, whatever the thresholds (a threshold of 0 must not
 * report a gateway with nothing failing as degraded). Zero enabled providers is healthy too:
 * nothing is failing, and a 503 would only make an orchestrator restart a gateway that a restart
 * cannot fix (the config has to change; the start-up log and the admin API say so).
 */
export function computeHealthStatus(
  unhealthyProviders: number,
  enabledProviders: number,
  thresholds: ResilienceConfig['health'],
): HealthStatus {
  if (enabledProviders === 0 || unhealthyProviders === 0) return 'healthy';
  const ratio = unhealthyProviders / enabledProviders;
  if (ratio >= thresholds.unhealthyThreshold) return 'unhealthy';
  if (ratio >= thresholds.degradedThreshold) return 'degraded';
  return 'healthy';
}

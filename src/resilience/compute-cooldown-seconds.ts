import type { CooldownErrorType, ProviderConfig, ResilienceConfig } from '../config/plexus-config';

/** 2^20 × any sane base is far past maxDuration; stopping there keeps the arithmetic finite. */
const MAX_DOUBLINGS = 20;

/**
 * Length of a cooldown, in seconds:
 * `clamp(base × 2^(consecutiveFailures − 1), minDuration, maxDuration)` where base is the
 * provider's `cooldown[type]`, else `resilience.cooldown.defaults[type]`. For rate limits an
 * upstream retry-after replaces the doubled base (the provider said exactly when to come back).
 */
export function computeCooldownSeconds(input: {
  type: CooldownErrorType;
  consecutiveFailures: number;
  retryAfterSeconds?: number;
  provider?: Pick<ProviderConfig, 'cooldown'>;
  resilience: ResilienceConfig;
}): number {
  const { minDuration, maxDuration, defaults } = input.resilience.cooldown;
  let seconds: number;
  if (input.type === 'rate_limit' && input.retryAfterSeconds !== undefined && input.retryAfterSeconds >= 0) {
    seconds = input.retryAfterSeconds;
  } else {
    const base = input.provider?.cooldown[input.type] ?? defaults[input.type];
    const doublings = Math.min(Math.max(input.consecutiveFailures, 1) - 1, MAX_DOUBLINGS);
    seconds = base * 2 ** doublings;
  }
  return Math.min(Math.max(seconds, minDuration), maxDuration);
}

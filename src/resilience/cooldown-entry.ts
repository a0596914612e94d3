import type { CooldownErrorType } from '../config/plexus-config';

/** One active cooldown as the admin API, the events and the store see it. Never holds a secret. */
export interface CooldownEntry {
  provider: string;
  /** null = the whole provider is cooling down (auth and connection errors). */
  model: string | null;
  type: CooldownErrorType;
  /** ISO time the cooldown started. */
  startedAt: string;
  /** ISO time the target becomes available again. */
  until: string;
  /** Seconds left at the time this entry was produced (rounded up). */
  seconds: number;
  /** The length this cooldown was given, after doubling and clamping. */
  durationSeconds: number;
  /** Failures of this target in a row without a success in between. */
  consecutiveFailures: number;
  reason: string;
}

/** The types that mean the whole provider is unusable (its key, its host), not one model. */
export const PROVIDER_WIDE_TYPES: ReadonlySet<CooldownErrorType> = new Set(['auth_error', 'connection_error']);

import type { CooldownEntry } from './cooldown-entry';

/**
 * Where cooldowns survive a restart. The default writes a JSON file; a shared backend (Redis,
 * DESIGN.md) can replace it so replicas see each other's cooldowns.
 */
export abstract class CooldownStore {
  /** The saved entries, expired ones included; an unreadable store yields [] (never throws). */
  abstract load(): Promise<CooldownEntry[]>;
  /** Replaces everything saved with these entries. */
  abstract save(entries: CooldownEntry[]): Promise<void>;
}

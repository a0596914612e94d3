import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { CooldownErrorType } from '../config/plexus-config';
import { EventBusService } from '../events/event-bus.service';
import { Clock } from './clock';
import { computeCooldownSeconds } from './compute-cooldown-seconds';
import { PROVIDER_WIDE_TYPES, type CooldownEntry } from './cooldown-entry';
import { CooldownStore } from './cooldown-store';
import { DebouncedTask } from './debounced-task';

/** A burst of failures (many in-flight requests failing together) becomes one file write. */
export const COOLDOWN_SAVE_DEBOUNCE_MS = 200;
/** setTimeout's ceiling; longer cooldowns are swept by the next read instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const REASONS: Record<CooldownErrorType, string> = {
  rate_limit: 'rate limited by the provider',
  auth_error: 'the provider rejected the API key',
  timeout: 'the provider timed out',
  server_error: 'the provider answered with a server error',
  connection_error: 'could not connect to the provider',
};

export type CooldownEndCause = 'expired' | 'cleared' | 'provider_removed';

interface ActiveCooldown {
  provider: string;
  model: string | null;
  type: CooldownErrorType;
  startedAtMs: number;
  untilMs: number;
  durationSeconds: number;
  consecutiveFailures: number;
  reason: string;
}

/**
 * Which targets are resting after a provider fault, and until when. Lengths follow
 * computeCooldownSeconds; auth and connection errors rest the whole provider, the others one
 * provider+model pair. State lives in memory (reads are on the request path) and is saved through
 * CooldownStore, debounced, so a restart does not forget a revoked key.
 *
 * Expiry is noticed two ways: a single unref'd timer armed for the earliest `until`, so
 * `cooldown.ended` and health changes are published on time, and a check on every read, so
 * a read never reports a cooldown that is over.
 */
@Injectable()
export class CooldownService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CooldownService.name);
  private readonly active = new Map<string, ActiveCooldown>();
  /** Failures in a row per cooldown key; outlives the cooldown so the next one is doubled. */
  private readonly failureCounts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly persistence: DebouncedTask;
  private nextExpiryMs = Infinity;
  private expiryTimer: NodeJS.Timeout | undefined;
  private unsubscribeConfig: (() => void) | undefined;

  constructor(
    private readonly configService: ConfigService,
    private readonly eventBus: EventBusService,
    private readonly clock: Clock,
    private readonly store: CooldownStore,
  ) {
    this.persistence = new DebouncedTask(
      COOLDOWN_SAVE_DEBOUNCE_MS,
      () => this.store.save(this.list()),
      (error) => this.logger.error(`saving cooldowns failed: ${(error as Error).message}`),
    );
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribeConfig = this.configService.onChange(() => this.dropUnknownProviders());
    const now = this.clock.now();
    // A store is supposed to swallow its own errors; a custom one that does not must still not stop start-up.
    const saved = await this.store.load().catch((error: unknown) => {
      this.logger.error(`loading saved cooldowns failed, starting without them: ${(error as Error).message}`);
      return [];
    });
    let dropped = 0;
    for (const entry of saved) {
      const untilMs = Date.parse(entry.until);
      const key = keyOf(entry.provider, entry.model);
      if (untilMs <= now || !this.providerExists(entry.provider) || this.active.has(key)) {
        dropped++;
        continue;
      }
      const startedAtMs = Date.parse(entry.startedAt);
      this.active.set(key, {
        ...entry,
        startedAtMs: Number.isNaN(startedAtMs) ? now : startedAtMs,
        untilMs,
        durationSeconds: entry.durationSeconds ?? Math.ceil((untilMs - now) / 1000),
        reason: entry.reason ?? REASONS[entry.type],
      });
      this.failureCounts.set(key, Math.max(entry.consecutiveFailures, this.failureCounts.get(key) ?? 0));
    }
    if (dropped > 0) this.persistence.schedule();
    this.changed();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribeConfig?.();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    await this.persistence.flush();
  }

  /** Called on every candidate of every request: two map lookups unless something just expired. */
  isCoolingDown(provider: string, model: string): boolean {
    this.sweepExpired();
    return this.active.has(keyOf(provider, model)) || this.active.has(keyOf(provider, null));
  }

  /** Seconds until provider+model is usable again (rounded up), 0 when it is not cooling down. */
  remainingSeconds(provider: string, model: string): number {
    return this.activeEntry(provider, model)?.seconds ?? 0;
  }

  /** The cooldown that keeps provider+model out of routing longest (provider-wide or its own). */
  activeEntry(provider: string, model: string): CooldownEntry | undefined {
    this.sweepExpired();
    const own = this.active.get(keyOf(provider, model));
    const providerWide = this.active.get(keyOf(provider, null));
    const longest = own && providerWide ? (own.untilMs >= providerWide.untilMs ? own : providerWide) : (own ?? providerWide);
    return longest && this.toEntry(longest);
  }

  /**
   * Puts the target (or, for auth and connection errors, its whole provider) to rest. A failure
   * while that cooldown is still running came from a request already in flight when it started:
   * it may lengthen the cooldown but is not counted as one more failure in a row, so a burst of
   * concurrent failures cannot double the length ten times over.
   */
  recordFailure(
    provider: string,
    model: string,
    type: CooldownErrorType,
    retryAfterSeconds?: number,
    detail?: string,
  ): CooldownEntry {
    this.sweepExpired();
    const scopeModel = PROVIDER_WIDE_TYPES.has(type) ? null : model;
    const key = keyOf(provider, scopeModel);
    const existing = this.active.get(key);
    const consecutiveFailures = existing ? existing.consecutiveFailures : (this.failureCounts.get(key) ?? 0) + 1;
    this.failureCounts.set(key, consecutiveFailures);
    const config = this.configService.config;
    const durationSeconds = computeCooldownSeconds({
      type,
      consecutiveFailures,
      retryAfterSeconds,
      provider: config.providers.find((candidate) => candidate.name === provider),
      resilience: config.resilience,
    });
    const now = this.clock.now();
    const untilMs = now + durationSeconds * 1000;
    const reason = detail ? `${REASONS[type]}: ${detail.slice(0, 300)}` : REASONS[type];
    if (existing && existing.untilMs >= untilMs) return this.toEntry(existing);
    const cooldown: ActiveCooldown = existing
      ? { ...existing, type, untilMs, durationSeconds, reason }
      : { provider, model: scopeModel, type, startedAtMs: now, untilMs, durationSeconds, consecutiveFailures, reason };
    this.active.set(key, cooldown);
    const entry = this.toEntry(cooldown);
    if (!existing) this.eventBus.publish('cooldown.started', entry);
    this.persistence.schedule();
    this.changed();
    return entry;
  }

  /** The target answered: its next failure starts again from the base length. */
  recordSuccess(provider: string, model: string): void {
    this.failureCounts.delete(keyOf(provider, model));
    this.failureCounts.delete(keyOf(provider, null));
  }

  /** Every active cooldown, soonest to end first. */
  list(): CooldownEntry[] {
    this.sweepExpired();
    return [...this.active.values()].sort((a, b) => a.untilMs - b.untilMs).map((cooldown) => this.toEntry(cooldown));
  }

  /** Ends cooldowns early: all, one provider's (provider-wide included), or one provider+model. */
  clear(provider?: string, model?: string): CooldownEntry[] {
    return this.remove(
      (cooldown) => (provider === undefined || cooldown.provider === provider) && (model === undefined || cooldown.model === model),
      'cleared',
    );
  }

  /** Told after every change (start, extension, end); returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private sweepExpired(): void {
    if (this.clock.now() < this.nextExpiryMs) return;
    const now = this.clock.now();
    this.remove((cooldown) => cooldown.untilMs <= now, 'expired');
  }

  private dropUnknownProviders(): void {
    this.remove((cooldown) => !this.providerExists(cooldown.provider), 'provider_removed');
    for (const key of this.failureCounts.keys()) {
      if (!this.providerExists(key.slice(0, key.indexOf(KEY_SEPARATOR)))) this.failureCounts.delete(key);
    }
  }

  private remove(matches: (cooldown: ActiveCooldown) => boolean, cause: CooldownEndCause): CooldownEntry[] {
    const removed: CooldownEntry[] = [];
    for (const [key, cooldown] of this.active) {
      if (!matches(cooldown)) continue;
      this.active.delete(key);
      if (cause !== 'expired') this.failureCounts.delete(key);
      const entry = this.toEntry(cooldown);
      removed.push(entry);
      this.eventBus.publish('cooldown.ended', { ...entry, cause });
    }
    if (removed.length > 0) {
      // Expired entries are dropped again at load time; saving for them alone is wasted I/O.
      if (cause !== 'expired') this.persistence.schedule();
      this.changed();
    } else {
      this.armExpiryTimer();
    }
    return removed;
  }

  private changed(): void {
    this.armExpiryTimer();
    for (const listener of this.listeners) listener();
  }

  private armExpiryTimer(): void {
    let next = Infinity;
    for (const cooldown of this.active.values()) next = Math.min(next, cooldown.untilMs);
    if (next === this.nextExpiryMs && (this.expiryTimer || next === Infinity)) return;
    this.nextExpiryMs = next;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (next === Infinity) return;
    const delay = Math.min(Math.max(next - this.clock.now(), 0) + 1, MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.sweepExpired();
    }, delay);
    this.expiryTimer.unref();
  }

  private providerExists(name: string): boolean {
    return this.configService.config.providers.some((provider) => provider.name === name);
  }

  private toEntry(cooldown: ActiveCooldown): CooldownEntry {
    return {
      provider: cooldown.provider,
      model: cooldown.model,
      type: cooldown.type,
      startedAt: new Date(cooldown.startedAtMs).toISOString(),
      until: new Date(cooldown.untilMs).toISOString(),
      seconds: Math.max(0, Math.ceil((cooldown.untilMs - this.clock.now()) / 1000)),
      durationSeconds: cooldown.durationSeconds,
      consecutiveFailures: cooldown.consecutiveFailures,
      reason: cooldown.reason,
    };
  }
}

const KEY_SEPARATOR = '\u0000';

function keyOf(provider: string, model: string | null): string {
  return `${provider}${KEY_SEPARATOR}${model ?? ''}`;
}

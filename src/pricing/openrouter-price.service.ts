import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigService } from '../config/config.service';
import type { PricingConfig } from '../config/plexus-config';
import { OpenRouterPriceTable } from './openrouter-price-table';
import { parseOpenRouterModels, type OpenRouterPrice } from './parse-openrouter-models';

const INTERVAL_NAME = 'openrouter-price-refresh';
const FETCH_TIMEOUT_MS = 30_000;

export interface OpenRouterCacheStatus {
  enabled: boolean;
  /** Where the prices in memory came from. */
  origin: 'none' | 'disk' | 'network';
  /** When OpenRouter produced the prices in memory (ISO). */
  fetchedAt?: string;
  ageSeconds?: number;
  modelCount: number;
  /** The last refresh's error, cleared by the next successful one. */
  lastError?: string;
}

interface DiskCache {
  fetchedAt: string;
  url: string;
  models: Record<string, OpenRouterPrice>;
}

/**
 * Keeps OpenRouter's public price list: loaded from the disk cache at start-up (so a restart
 * without network still prices), refreshed from the network at start-up and every
 * `cacheRefreshMinutes`. A failed refresh keeps the prices it had.
 */
@Injectable()
export class OpenRouterPriceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OpenRouterPriceService.name);
  private table = new OpenRouterPriceTable();
  private origin: OpenRouterCacheStatus['origin'] = 'none';
  private fetchedAt?: Date;
  private lastError?: string;
  private inFlight?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private intervalMinutes?: number;
  private unsubscribe?: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly configService: ConfigService,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.configService.onChange((next, previous) =>
      this.applyConfig(next.config.pricing.openrouter, previous.config.pricing.openrouter),
    );
    if (!this.settings.enabled) return;
    await this.loadDiskCache();
    this.reschedule();
    void this.refresh();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.stopSchedule();
  }

  /** Called after every successful refresh (PricingService turns it into an event). */
  onRefreshed(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  find(model: string): OpenRouterPrice | undefined {
    return this.table.find(model);
  }

  status(): OpenRouterCacheStatus {
    const status: OpenRouterCacheStatus = { enabled: this.settings.enabled, origin: this.origin, modelCount: this.table.size };
    if (this.fetchedAt) {
      status.fetchedAt = this.fetchedAt.toISOString();
      status.ageSeconds = Math.max(0, Math.round((Date.now() - this.fetchedAt.getTime()) / 1000));
    }
    if (this.lastError) status.lastError = this.lastError;
    return status;
  }

  /** Fetches the list now. Never rejects: a failure keeps the old prices and logs one warning. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchAndStore().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private get settings(): Readonly<PricingConfig['openrouter']> {
    return this.configService.config.pricing.openrouter;
  }

  private async fetchAndStore(): Promise<void> {
    const { url, cachePath } = this.settings;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const models = parseOpenRouterModels(await response.json());
      if (Object.keys(models).length === 0) throw new Error('the model list is empty');
      this.install(models, new Date(), 'network');
      this.lastError = undefined;
      await this.writeDiskCache({ fetchedAt: this.fetchedAt!.toISOString(), url, models }, cachePath);
      for (const listener of this.listeners) listener();
    } catch (error) {
      this.lastError = `${url}: ${(error as Error).message}`;
      const kept = this.table.size > 0 ? `keeping ${this.table.size} prices from ${this.fetchedAt?.toISOString()}` : 'no prices yet';
      this.logger.warn(`OpenRouter price refresh failed (${this.lastError}); ${kept}`);
    }
  }

  private install(models: Record<string, OpenRouterPrice>, fetchedAt: Date, origin: 'disk' | 'network'): void {
    this.table = new OpenRouterPriceTable(models);
    this.fetchedAt = fetchedAt;
    this.origin = origin;
  }

  private async loadDiskCache(): Promise<void> {
    const { cachePath } = this.settings;
    try {
      const cache = JSON.parse(await readFile(cachePath, 'utf8')) as DiskCache;
      if (this.origin === 'network' || !cache.models) return;
      this.install(cache.models, new Date(cache.fetchedAt), 'disk');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn(`ignoring unreadable OpenRouter price cache ${cachePath}: ${(error as Error).message}`);
      }
    }
  }

  private async writeDiskCache(cache: DiskCache, cachePath: string): Promise<void> {
    try {
      await mkdir(dirname(cachePath), { recursive: true });
      // Write then rename so a crash mid-write never leaves a truncated cache behind.
      const temporaryPath = `${cachePath}.${process.pid}.tmp`;
      await writeFile(temporaryPath, JSON.stringify(cache));
      await rename(temporaryPath, cachePath);
    } catch (error) {
      this.logger.warn(`could not write OpenRouter price cache ${cachePath}: ${(error as Error).message}`);
    }
  }

  private applyConfig(next: PricingConfig['openrouter'], previous: PricingConfig['openrouter']): void {
    if (!next.enabled) {
      this.stopSchedule();
      return;
    }
    this.reschedule();
    if (!previous.enabled || next.url !== previous.url) {
      void (previous.enabled ? Promise.resolve() : this.loadDiskCache()).then(() => this.refresh());
    }
  }

  private reschedule(): void {
    const minutes = this.settings.cacheRefreshMinutes;
    if (this.timer && this.intervalMinutes === minutes) return;
    this.stopSchedule();
    this.timer = setInterval(() => void this.refresh(), minutes * 60_000);
    this.timer.unref();
    this.intervalMinutes = minutes;
    this.scheduler?.addInterval(INTERVAL_NAME, this.timer);
  }

  private stopSchedule(): void {
    if (!this.timer) return;
    if (this.scheduler?.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    else clearInterval(this.timer);
    this.timer = undefined;
    this.intervalMinutes = undefined;
  }

  /** For tests and the admin API: the refresh period currently scheduled, in minutes. */
  get scheduledMinutes(): number | undefined {
    return this.intervalMinutes;
  }
}

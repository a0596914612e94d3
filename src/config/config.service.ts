import { Injectable } from '@nestjs/common';
import type { ConfigSnapshot, PlexusConfig } from './plexus-config';

export type ConfigListener = (snapshot: ConfigSnapshot, previous: ConfigSnapshot) => void;

/**
 * Hands out the current immutable config snapshot and tells subscribers when a new one is
 * applied. Services read `config` at use time (never cache sections) so hot reloads take effect.
 */
@Injectable()
export class ConfigService {
  private current: ConfigSnapshot;
  private readonly listeners = new Set<ConfigListener>();

  constructor(initial: ConfigSnapshot) {
    this.current = initial;
  }

  get snapshot(): ConfigSnapshot {
    return this.current;
  }

  get config(): Readonly<PlexusConfig> {
    return this.current.config;
  }

  /** Returns an unsubscribe function. */
  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Swap in an already validated snapshot and notify subscribers. */
  replace(snapshot: ConfigSnapshot): void {
    const previous = this.current;
    this.current = snapshot;
    for (const listener of this.listeners) listener(snapshot, previous);
  }
}

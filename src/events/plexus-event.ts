export type PlexusEventType =
  | 'request.completed'
  | 'request.failed'
  | 'cooldown.started'
  | 'cooldown.ended'
  | 'health.changed'
  | 'config.reloaded'
  | 'pricing.refreshed';

export interface PlexusEvent<T = unknown> {
  /** Increases by one per event, process-wide; the SSE `id:`. */
  id: number;
  type: PlexusEventType;
  /** ISO time of publication. */
  at: string;
  /** Must never contain a secret. */
  data: T;
}

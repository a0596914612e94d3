import { NumberField } from './field-rules';

export class EventsSchema {
  /** Keeps idle SSE connections open through proxies that drop silent ones. */
  @NumberField({ optional: true, integer: true, min: 1 })
  heartbeatIntervalMs = 30_000;

  @NumberField({ optional: true, integer: true, min: 1 })
  maxClients = 10;
}

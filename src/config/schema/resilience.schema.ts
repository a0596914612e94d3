import { NestedField, NumberField, TextField } from './field-rules';

const seconds = { optional: true, min: 0 } as const;

/**
 * How long a provider sits out after each kind of failure, in seconds. The reasons for each
 * value are in docs/CONFIGURATION.md ("Why these cooldown defaults").
 */
class CooldownDefaultsSchema {
  @NumberField(seconds)
  rate_limit = 60;

  @NumberField(seconds)
  auth_error = 300;

  @NumberField(seconds)
  timeout = 30;

  @NumberField(seconds)
  server_error = 30;

  @NumberField(seconds)
  connection_error = 30;
}

class CooldownSchema {
  @NumberField(seconds)
  maxDuration = 3600;

  @NumberField(seconds)
  minDuration = 5;

  @TextField({ optional: true })
  storagePath = './data/cooldowns.json';

  @NestedField(() => CooldownDefaultsSchema, { optional: true })
  defaults = new CooldownDefaultsSchema();
}

const fraction = { optional: true, min: 0, max: 1 } as const;

class HealthSchema {
  @NumberField(fraction)
  degradedThreshold = 0.5;

  @NumberField(fraction)
  unhealthyThreshold = 0.9;
}

export class ResilienceSchema {
  @NestedField(() => CooldownSchema, { optional: true })
  cooldown = new CooldownSchema();

  @NestedField(() => HealthSchema, { optional: true })
  health = new HealthSchema();
}

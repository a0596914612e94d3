import {
  BooleanField,
  MappingField,
  NestedField,
  NumberField,
  OneOfField,
  TextField,
  TextListField,
  TextMapField,
  UrlField,
} from './field-rules';

export const API_TYPES = ['chat', 'messages', 'gemini'] as const;
export const AUTH_TYPES = ['bearer', 'x-api-key'] as const;

/** Up to and including the version segment; Plexus appends the endpoint path. */
class ProviderBaseUrlsSchema {
  @UrlField({ optional: true })
  chat?: string;

  @UrlField({ optional: true })
  messages?: string;

  @UrlField({ optional: true })
  gemini?: string;
}

class ProviderAuthSchema {
  @OneOfField(AUTH_TYPES)
  type!: string;

  /** Required, but checked after `{env:}` resolution: an unset variable keeps the provider out of routing. */
  @TextField({ optional: true })
  apiKey?: string;
}

const cooldownSeconds = { optional: true, min: 0 } as const;

/**
 * Overrides of resilience.cooldown.defaults for this provider, seconds per error type: one key per
 * entry of COOLDOWN_ERROR_TYPES (a spec checks they stay in step).
 */
class ProviderCooldownSchema {
  @NumberField(cooldownSeconds)
  rate_limit?: number;

  @NumberField(cooldownSeconds)
  auth_error?: number;

  @NumberField(cooldownSeconds)
  timeout?: number;

  @NumberField(cooldownSeconds)
  server_error?: number;

  @NumberField(cooldownSeconds)
  connection_error?: number;
}


class ProviderTimeoutsSchema {
  @NumberField({ optional: true, integer: true, min: 1 })
  connectMs = 10_000;

  /** Two minutes: reasoning models can think that long before their first token. */
  @NumberField({ optional: true, integer: true, min: 1 })
  firstByteMs = 120_000;

  @NumberField({ optional: true, integer: true, min: 1 })
  idleMs = 120_000;
}

export class ProviderSchema {
  @TextField()
  name!: string;

  @BooleanField({ optional: true })
  enabled = true;

  @TextListField({ nonEmpty: true, oneOf: API_TYPES })
  apiTypes!: string[];

  @NestedField(() => ProviderBaseUrlsSchema, { optional: true })
  baseUrls = new ProviderBaseUrlsSchema();

  @NestedField(() => ProviderAuthSchema)
  auth!: ProviderAuthSchema;

  @TextListField({ optional: true })
  models: string[] = [];

  @TextMapField({ optional: true })
  customHeaders: Record<string, string> = {};

  @MappingField({ optional: true })
  extraBody: Record<string, unknown> = {};

  @NumberField({ optional: true, min: 0, exclusiveMin: true })
  discount?: number;

  @NestedField(() => ProviderCooldownSchema, { optional: true })
  cooldown = new ProviderCooldownSchema();

  @NestedField(() => ProviderTimeoutsSchema, { optional: true })
  timeouts = new ProviderTimeoutsSchema();
}

import { NestedField, NumberField, TextField } from './field-rules';

class AdminRateLimitSchema {
  @NumberField({ optional: true, integer: true, min: 1 })
  windowMs = 60_000;

  @NumberField({ optional: true, integer: true, min: 1 })
  maxRequests = 100;
}

export class AdminSchema {
  /** Required, but checked after `{env:}` resolution: an unset variable is allowed (admin API answers 503). */
  @TextField({ optional: true })
  apiKey?: string;

  @NestedField(() => AdminRateLimitSchema, { optional: true })
  rateLimit = new AdminRateLimitSchema();
}

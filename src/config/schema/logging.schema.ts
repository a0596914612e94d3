import { BooleanField, NestedField, NumberField, OneOfField, TextField } from './field-rules';

export const LOG_LEVELS = ['silly', 'debug', 'info', 'warn', 'error'] as const;

class UsageLogSchema {
  @BooleanField({ optional: true })
  enabled = true;

  @TextField({ optional: true })
  storagePath = './data/logs/usage';

  @NumberField({ optional: true, integer: true, min: 1 })
  retentionDays = 30;
}

class DebugLogSchema {
  @BooleanField({ optional: true })
  enabled = false;

  @BooleanField({ optional: true })
  captureRequests = true;

  @BooleanField({ optional: true })
  captureResponses = true;

  @TextField({ optional: true })
  storagePath = './data/logs/debug';

  @NumberField({ optional: true, integer: true, min: 1 })
  retentionDays = 7;
}

class ErrorLogSchema {
  @TextField({ optional: true })
  storagePath = './data/logs/errors';

  @NumberField({ optional: true, integer: true, min: 1 })
  retentionDays = 90;
}

export class LoggingSchema {
  @OneOfField(LOG_LEVELS, { optional: true })
  level = 'info';

  @NestedField(() => UsageLogSchema, { optional: true })
  usage = new UsageLogSchema();

  @NestedField(() => DebugLogSchema, { optional: true })
  debug = new DebugLogSchema();

  @NestedField(() => ErrorLogSchema, { optional: true })
  errors = new ErrorLogSchema();
}

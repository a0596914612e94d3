import { BooleanField, TextField } from './field-rules';

export class ApiKeySchema {
  @TextField()
  name!: string;

  /** Required, but checked after `{env:}` resolution: an unset variable makes the key match nothing. */
  @TextField({ optional: true })
  secret?: string;

  @BooleanField({ optional: true })
  enabled = true;
}

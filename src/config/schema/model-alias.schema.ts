import { BooleanField, NestedListField, NumberField, OneOfField, TextField, TextListField } from './field-rules';

export const SELECTORS = ['random', 'in_order', 'cost', 'latency', 'performance'] as const;

class ModelTargetSchema {
  @TextField()
  provider!: string;

  @TextField()
  model!: string;

  /** Share of traffic for the random selector; 0 keeps a target as a fallback only. */
  @NumberField({ optional: true, min: 0 })
  weight = 1;
}

export class ModelAliasSchema {
  @TextField()
  alias!: string;

  @TextField({ optional: true })
  description?: string;

  @TextListField({ optional: true })
  additionalAliases: string[] = [];

  @OneOfField(SELECTORS, { optional: true })
  selector = 'in_order';

  @BooleanField({ optional: true })
  apiMatch = false;

  @NestedListField(() => ModelTargetSchema, { nonEmpty: true })
  targets!: ModelTargetSchema[];
}

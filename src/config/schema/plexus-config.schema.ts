import { AdminSchema } from './admin.schema';
import { ApiKeySchema } from './api-key.schema';
import { EventsSchema } from './events.schema';
import { LoggingSchema } from './logging.schema';
import { ModelAliasSchema } from './model-alias.schema';
import { NestedField, NestedListField } from './field-rules';
import { PricingSchema } from './pricing.schema';
import { ProviderSchema } from './provider.schema';
import { ResilienceSchema } from './resilience.schema';
import { ServerSchema } from './server.schema';

/**
 * The whole file. Property initializers are the documented defaults; class-transformer keeps
 * them for keys the file leaves out (`exposeDefaultValues`).
 */
export class PlexusConfigSchema {
  @NestedField(() => ServerSchema, { optional: true })
  server = new ServerSchema();

  /** Optional as a section so that a missing admin key is reported as `admin.apiKey: is required`. */
  @NestedField(() => AdminSchema, { optional: true })
  admin = new AdminSchema();

  @NestedField(() => EventsSchema, { optional: true })
  events = new EventsSchema();

  @NestedField(() => LoggingSchema, { optional: true })
  logging = new LoggingSchema();

  @NestedListField(() => ProviderSchema, { optional: true })
  providers: ProviderSchema[] = [];

  @NestedListField(() => ModelAliasSchema, { optional: true })
  models: ModelAliasSchema[] = [];

  @NestedListField(() => ApiKeySchema, { optional: true })
  apiKeys: ApiKeySchema[] = [];

  @NestedField(() => ResilienceSchema, { optional: true })
  resilience = new ResilienceSchema();

  @NestedField(() => PricingSchema, { optional: true })
  pricing = new PricingSchema();
}

import { isRecord } from './gemini-field-readers';

/** Keys whose value is one schema. */
const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not']);
/** Keys whose value is a list of schemas. */
const SCHEMA_LIST_KEYS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
/** Keys whose value maps names to schemas. */
const SCHEMA_MAP_KEYS = new Set(['properties', '$defs', 'definitions']);
/** int64 fields the REST API serialises as strings ("maxItems": "3"). */
const INT64_KEYS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

/**
 * Gemini's `parameters` / `responseSchema` use the OpenAPI 3.0 Schema object with upper-case
 * types (`OBJECT`, `STRING`) and `nullable`; the IR carries plain JSON Schema, which every other
 * format expects. Walks only schema positions, so a property literally named `type` is safe.
 * https://ai.google.dev/api/caching#Schema
 */
export function geminiSchemaToJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === 'type' && typeof value === 'string') result.type = value.toLowerCase();
    else if (SCHEMA_KEYS.has(key) && isRecord(value)) result[key] = geminiSchemaToJsonSchema(value);
    else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) result[key] = value.map(convertIfSchema);
    else if (SCHEMA_MAP_KEYS.has(key) && isRecord(value)) result[key] = mapValues(value, convertIfSchema);
    else if (INT64_KEYS.has(key) && typeof value === 'string' && /^\d+$/.test(value)) result[key] = Number(value);
    else result[key] = value;
  }
  if (schema.nullable === true && typeof result.type === 'string') result.type = [result.type, 'null'];
  return result;
}

function convertIfSchema(value: unknown): unknown {
  return isRecord(value) ? geminiSchemaToJsonSchema(value) : value;
}

function mapValues(record: Record<string, unknown>, map: (value: unknown) => unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) result[key] = map(value);
  return result;
}

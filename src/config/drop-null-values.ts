/**
 * Removes mapping entries whose value is null: in YAML `key:` with nothing after it is null, and
 * a user who writes that means "nothing here", so the key's default applies. Nulls inside
 * lists are kept (and then reported) because removing them would shift the list.
 */
export function dropNullValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNullValues);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) result[key] = dropNullValues(item);
  return result;
}

import { knownKeys } from './known-keys';

/**
 * A validated schema instance → the plain data of the PlexusConfig contract: only declared
 * keys (unknown ones were warned about and are dropped), Maps of named entries back to plain
 * mappings, keys without a value left out.
 */
export function toPlainConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainConfig);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [key, toPlainConfig(item)]));
  if (typeof value !== 'object' || value === null) return value;
  const keys = value.constructor === Object ? Object.keys(value) : knownKeys(value);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) result[key] = toPlainConfig(item);
  }
  return result;
}

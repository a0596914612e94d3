const MAX_LENGTH = 60;

/** A short rendering of a user's value for "(got …)" in a problem message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A mapping already turned into a schema object or Map would print its defaults, not what was written.
  if (value instanceof Map || (typeof value === 'object' && value !== null && ![Object, Array].includes(value.constructor as never))) {
    return 'a mapping';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

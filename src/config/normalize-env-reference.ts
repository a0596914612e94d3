const UNQUOTED_KEY = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Unquoted in YAML, `{env:NAME}` is a flow mapping `{"env:NAME": null}`. Returns the string the
 * user meant (`"{env:NAME}"`) for that shape, the node itself otherwise.
 */
export function normalizeEnvReference(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const entries = Object.entries(node);
  if (entries.length !== 1 || entries[0][1] !== null) return node;
  const match = UNQUOTED_KEY.exec(entries[0][0]);
  return match ? `{env:${match[1]}}` : node;
}

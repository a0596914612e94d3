/** Every path to a value inside a JSON document, so a mutation can hit any depth. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** Replaces the value at `path` (in place) and returns the document, or the replacement for the root. */
export function setAt(document: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  let node: any = document;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]] = replacement;
  return document;
}

/**
 * Deeper than any real request: tool schemas and arguments nest a few dozen levels at most,
 * while recursive code (JSON.stringify, schema converters) overflows at a few thousand.
 */
export const MAX_BODY_DEPTH = 128;

/**
 * Why a parsed request body is unsafe to process, or undefined: nesting deeper than
 * MAX_BODY_DEPTH, or a `__proto__` / `constructor.prototype` key (prototype poisoning, refused
 * like Fastify's secure-json-parse does). Iterative, so the check itself cannot overflow; cost is
 * one visit per array element and object entry, nothing per character of a string.
 */
export function findJsonHazard(value: unknown): string | undefined {
  // Level by level: plain arrays of nodes, no per-node wrapper (a body of 300,000 empty objects
  // took 400 ms with one).
  let level: object[] = value !== null && typeof value === 'object' ? [value] : [];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_BODY_DEPTH) return `body: nested deeper than ${MAX_BODY_DEPTH} levels; flatten the request`;
    const next: object[] = [];
    for (const node of level) {
      if (Array.isArray(node)) {
        for (const item of node) if (item !== null && typeof item === 'object') next.push(item);
        continue;
      }
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) {
          return `body: the key "${key}" is not allowed (prototype poisoning)`;
        }
        if (child !== null && typeof child === 'object') next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

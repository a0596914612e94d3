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
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) return `body: nested deeper than ${MAX_BODY_DEPTH} levels; flatten the request`;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push({ node: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)) {
        return `body: the key "${key}" is not allowed (prototype poisoning)`;
      }
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}

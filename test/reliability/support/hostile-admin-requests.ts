import fc from 'fast-check';
import { ADMIN_KEY, CLIENT_KEY } from '../../support/start-test-gateway';
import { describeRequest, type HostileRequest } from './hostile-requests';
import { pathsOf, setAt } from './json-paths';
import type { AppRoute } from './list-app-routes';

export interface AdminFuzzTarget {
  route: AppRoute;
  /** Query parameter names the OpenAPI document gives this route (fuzzed with odd values). */
  queryNames: string[];
}

/** Values a query parameter or path segment should never trip over. */
const ODD_VALUES = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', '-1', '0', '1e309', 'NaN', '9007199254740993', '2025-13-45', '2025-06-01T25:61:00Z', '0000-01-01', '+275760-09-13T00:00:00Z', 'null', '[]', '{}', 'true'),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '..\\..\\', '%00', '%zz', 'WyJ1c2FnZS0yMDI1LTA2LTAxLmpzb25sIiwxMjM0NV0', 'WyIuLi8uLi9ldGMvcGFzc3dkIiwwXQ', 'eyJmaWxlIjoiLi4vLi4vZXRjL3Bhc3N3ZCIsIm9mZnNldCI6LTF9', 'x'.repeat(5000)),
  fc.base64String({ maxLength: 80 }),
);

/** Damage done to the body of a route that takes one (config text, the debug switch). */
const bodyDamage = fc.oneof(
  fc.record({ kind: fc.constant('wrong-type' as const), pick: fc.nat(), value: fc.anything({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('truncated' as const), cut: fc.nat(), junk: fc.string({ maxLength: 8 }) }),
  // Alias explosions are left out here: they answer 500 today (known bug, yaml-alias-bomb.spec.ts).
  fc.record({ kind: fc.constant('yaml-bomb' as const), depth: fc.integer({ min: 10, max: 20_000 }), shape: fc.constantFrom('flow', 'block', 'few-aliases') }),
  fc.record({ kind: fc.constant('garbage' as const), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json()) }),
  fc.record({ kind: fc.constant('huge' as const), size: fc.integer({ min: 10_000, max: 300_000 }) }),
  fc.constant({ kind: 'unchanged' as const }),
);

const CONTENT_TYPES = ['application/json', 'application/yaml', 'text/yaml', 'text/plain', undefined, 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=z'];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'];

/**
 * A request to one admin route, damaged: odd path parameters and query values (bad dates,
 * limits, forged cursors, traversal), wrong methods and keys, and bodies that are truncated,
 * mistyped, binary, huge or YAML bombs (alias explosions, deep nesting).
 */
export function hostileAdminRequest(targets: AdminFuzzTarget[], configJson: Record<string, unknown>, configYaml: string): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      target: fc.constantFrom(...targets),
      pathValue: ODD_VALUES,
      query: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('')), ODD_VALUES), { maxLength: 4 }),
      useKnownNames: fc.boolean(),
      damage: bodyDamage,
      yamlBody: fc.boolean(),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      key: fc.constantFrom(ADMIN_KEY, ADMIN_KEY, ADMIN_KEY, ADMIN_KEY, '', 'wrong', CLIENT_KEY, `${ADMIN_KEY} `, ADMIN_KEY.slice(0, -1)),
      method: fc.option(fc.constantFrom(...METHODS), { freq: 6 }),
    })
    .map(({ target, pathValue, query, useKnownNames, damage, yamlBody, contentType, key, method }) => {
      const { route, queryNames } = target;
      const path = route.path.replace(/:\w+/g, encodeURIComponent(pathValue).slice(0, 2000));
      const pairs = query.map(([name, value], index) => [useKnownNames && queryNames.length > 0 ? queryNames[index % queryNames.length] : name, value]);
      const search = pairs.length > 0 ? `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}` : '';
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      const request: HostileRequest = { method: method ?? route.method, url: `${path}${search}`, headers, label: `${route.method} ${route.path} ${damage.kind}` };
      Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
      if (request.method === 'GET' || request.method === 'DELETE') return request;
      if (contentType) headers['content-type'] = contentType;
      request.payload = damagedBody(route.path, damage, yamlBody, configJson, configYaml);
      return request;
    });
}

type BodyDamage = typeof bodyDamage extends fc.Arbitrary<infer T> ? T : never;

function damagedBody(path: string, damage: BodyDamage, yamlBody: boolean, configJson: Record<string, unknown>, configYaml: string): string {
  const base: unknown = path.startsWith('/v0/config') ? structuredClone(configJson) : path === '/v0/debug' ? { enabled: true } : {};
  const text = yamlBody && path.startsWith('/v0/config') ? configYaml : JSON.stringify(base);
  switch (damage.kind) {
    case 'unchanged':
      return text;
    case 'wrong-type': {
      const paths = pathsOf(base);
      return JSON.stringify(setAt(base, paths[damage.pick % paths.length], damage.value)) ?? 'undefined';
    }
    case 'truncated':
      return text.slice(0, damage.cut % Math.max(1, text.length)) + damage.junk;
    case 'garbage':
      return damage.text;
    case 'huge':
      return `${text.slice(0, -1)}${text.endsWith('}') ? `,"padding":"${'p'.repeat(damage.size)}"}` : 'x'.repeat(damage.size)}`;
    case 'yaml-bomb':
      return yamlBomb(damage.shape, damage.depth);
  }
}

/** YAML that is small to send and deep or repetitive to parse. */
function yamlBomb(shape: 'flow' | 'block' | 'few-aliases', depth: number): string {
  switch (shape) {
    case 'flow':
      return `providers: ${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 'block':
      return Array.from({ length: Math.min(depth, 3000) }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n');
    case 'few-aliases':
      // Under the parser's alias budget (100): must parse, then fail validation.
      return `base: &b {x: 1}\n${Array.from({ length: 1 + (depth % 90) }, (_, index) => `k${index}: *b`).join('\n')}`;
  }
}

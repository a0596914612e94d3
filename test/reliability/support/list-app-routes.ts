import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface AppRoute {
  method: string;
  /** Fastify's pattern, e.g. `/v1beta/models/*` or `/v0/providers/:name`. */
  path: string;
}

/**
 * Every route the running app serves, read from Fastify's own radix tree (`printRoutes`) so a
 * route added later is covered without editing the test. HEAD twins of GET routes are left out.
 */
export function listAppRoutes(app: NestFastifyApplication): AppRoute[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes: AppRoute[] = [];
  const stack: Array<{ depth: number; path: string }> = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:├──|└──) (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1].path : '';
    // The tree prints a wildcard child as `*` even where the pattern is `<parent>/*`.
    const path = parent + (match[2] === '*' && !parent.endsWith('/') ? '/*' : match[2]);
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(',').map((name) => name.trim()).filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: parameters and wildcards get a plausible value. */
export function concreteUrl(route: AppRoute, model = 'via-chat'): string {
  return route.path
    .replace(/\*$/, route.path.includes('/models/') ? `${model}:generateContent` : 'anything')
    .replace(/:(\w+)/g, (_, name: string) => (name === 'requestId' || name === 'id' ? 'req-0001' : 'openai-mock'));
}

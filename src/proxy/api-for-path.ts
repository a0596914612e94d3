import type { IrApi } from '../wire/ir';

/**
 * Which client API a URL belongs to, so that errors raised before a controller runs (bad JSON,
 * body too large, unknown route) still reach the client in its own envelope.
 * `undefined` = not a client API route (admin, health, docs).
 *
 * The path ends at `?` or `#`, where Fastify's router ends it: a client that sends a raw `#`
 * must not get one envelope from the route and another from this function. Every POST under
 * `/v1/models/` is the Gemini route (`v1/models/*`), colon or not; other methods there are
 * OpenAI's (GET /v1/models/{model}) unless the path has a Gemini `:action`.
 */
export function apiForPath(url: string, method: string): IrApi | undefined {
  const path = url.split(/[?#]/, 1)[0];
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'messages';
  if (path.startsWith('/v1/models/') && path.length > '/v1/models/'.length && (method === 'POST' || path.includes(':'))) return 'gemini';
  if (path.startsWith('/v1/')) return 'chat';
  return undefined;
}

import type { IrApi } from '../wire/ir';

/**
 * Which client API a URL belongs to, so that errors raised before a controller runs (bad JSON,
 * body too large, unknown route) still reach the client in its own envelope.
 * `undefined` = not a client API route (admin, health, docs).
 */
export function apiForPath(url: string): IrApi | undefined {
  const path = url.split('?', 1)[0];
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'messages';
  if (path.startsWith('/v1/models/') && path.includes(':')) return 'gemini';
  if (path.startsWith('/v1/')) return 'chat';
  return undefined;
}

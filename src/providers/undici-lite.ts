import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * undici's Agent (with request() on it) without undici's index. The index also loads fetch,
 * WebSocket, EventSource, the cache and mock agents and every interceptor (~80 modules that
 * Plexus never uses), ~5 MB of an idle gateway's RSS. These are the modules the index itself
 * uses, so an Agent from here is the same class and behaves the same.
 *
 * undici/lib/* is not a documented entry point: an undici upgrade that moves these files makes
 * start-up fail with MODULE_NOT_FOUND (never a silent change); the e2e tests would catch it.
 */
const load = createRequire(__filename);
const Dispatcher = load('undici/lib/dispatcher/dispatcher') as { prototype: object };
// What undici's index does (Object.assign(Dispatcher.prototype, api)), so that agent.request() exists.
Object.assign(Dispatcher.prototype, load('undici/lib/api'));

export const Agent = load('undici/lib/dispatcher/agent') as typeof Undici.Agent;
export type Agent = Undici.Agent;

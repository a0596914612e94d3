import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConfigService } from '../config/config.service';
import { isLogLevelEnabled } from '../config/log-level';

const loggedByProxy = new WeakSet<object>();

/** The proxy writes its own, richer line per request (model, target, key); this hook skips those. */
export function markRequestLogged(request: FastifyRequest): void {
  loggedByProxy.add(request);
}

let pendingLines = '';
let flushScheduled = false;

/**
 * One JSON line per request, written in batches: stdout to a pipe or file is a synchronous write
 * on Linux, and one write per request was the largest single cost in the benchmark profile.
 * Lines queued in one turn of the event loop go out together right after it, in order.
 */
export function writeRequestLine(fields: Record<string, unknown>): void {
  pendingLines += `${JSON.stringify({ level: 'log', pid: process.pid, timestamp: Date.now(), context: 'Request', ...fields })}\n`;
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushRequestLines);
}

export function flushRequestLines(): void {
  flushScheduled = false;
  if (!pendingLines) return;
  const text = pendingLines;
  pendingLines = '';
  process.stdout.write(text);
}

/**
 * One structured line per request at info level: method, route (never the query string, which
 * may hold `?key=`), status, duration, request id. The level is checked before the line is built.
 */
export function registerRequestLog(fastify: FastifyInstance, configService: ConfigService): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (loggedByProxy.has(request) || !isLogLevelEnabled(configService.config.logging.level, 'info')) return;
    writeRequestLine({
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?', 1)[0],
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
      requestId: request.id,
    });
  });
  fastify.addHook('onClose', async () => flushRequestLines());
}

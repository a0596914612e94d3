import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConfigService } from '../config/config.service';
import { isLogLevelEnabled } from '../config/log-level';

const loggedByProxy = new WeakSet<object>();

/** The proxy writes its own, richer line per request (model, target, key); this hook skips those. */
export function markRequestLogged(request: FastifyRequest): void {
  loggedByProxy.add(request);
}

/** Lines wait at most this long, or until this much text is queued. */
const FLUSH_DELAY_MS = 20;
const FLUSH_AT_CHARS = 64 * 1024;

let pendingLines = '';
let flushTimer: NodeJS.Timeout | undefined;

/**
 * One JSON line per request, written in batches: stdout to a pipe or file is a synchronous write
 * on Linux, and one write per request was the largest single cost in the benchmark profile
 * (one write per event-loop turn was still 3 %). Lines go out in order, at most 20 ms late, and
 * at shutdown (onClose) and process exit.
 */
export function writeRequestLine(fields: Record<string, unknown>): void {
  pendingLines += `${JSON.stringify({ level: 'log', pid: process.pid, timestamp: Date.now(), context: 'Request', ...fields })}\n`;
  if (pendingLines.length >= FLUSH_AT_CHARS) flushRequestLines();
  else flushTimer ??= setTimeout(flushRequestLines, FLUSH_DELAY_MS);
}

process.once('exit', () => flushRequestLines());

export function flushRequestLines(): void {
  if (flushTimer !== undefined) clearTimeout(flushTimer);
  flushTimer = undefined;
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
  // Callback style: an async hook costs a promise per request.
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!loggedByProxy.has(request) && isLogLevelEnabled(configService.config.logging.level, 'info')) {
      writeRequestLine({
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?', 1)[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        requestId: request.id,
      });
    }
    done();
  });
  fastify.addHook('onClose', async () => flushRequestLines());
}

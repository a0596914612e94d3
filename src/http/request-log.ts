import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConfigService } from '../config/config.service';
import { isLogLevelEnabled } from '../config/log-level';

const loggedByProxy = new WeakSet<object>();

/** The proxy writes its own, richer line per request (model, target, key); this hook skips those. */
export function markRequestLogged(request: FastifyRequest): void {
  loggedByProxy.add(request);
}

/**
 * One structured line per request at info level: method, route (never the query string, which
 * may hold `?key=`), status, duration, request id. The level is checked before the line is built.
 */
export function registerRequestLog(fastify: FastifyInstance, configService: ConfigService): void {
  const logger = new Logger('Request');
  fastify.addHook('onResponse', async (request, reply) => {
    if (loggedByProxy.has(request) || !isLogLevelEnabled(configService.config.logging.level, 'info')) return;
    logger.log(`${request.method} ${request.routeOptions.url ?? request.url.split('?', 1)[0]} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms request=${request.id}`);
  });
}

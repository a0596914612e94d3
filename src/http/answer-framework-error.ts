import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { apiForPath } from '../proxy/api-for-path';
import { CODECS } from '../wire/codecs';

const PATH_ECHO_LIMIT = 200;

/**
 * Fastify answers a few errors itself, before any hook, handler or Nest filter runs: a path that
 * is not valid percent-encoding (`/v1beta/models/%zz:generateContent`, FST_ERR_BAD_URL) and an
 * over-long route parameter (FST_ERR_MAX_PARAM_LENGTH). Its default body is its own JSON shape;
 * this gives those answers the route's envelope, like HttpErrorFilter does for everything else,
 * and the x-request-id every answer carries.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const path = request.url.split('?', 1)[0];
  const shown = path.length > PATH_ECHO_LIMIT ? `${path.slice(0, PATH_ECHO_LIMIT)}…` : path;
  const message =
    error.code === 'FST_ERR_BAD_URL' ? `the URL path ${shown} is not valid percent-encoding` : `the URL path ${shown} has a segment longer than this gateway accepts`;
  const api = apiForPath(request.url, request.method);
  const body = api ? CODECS[api].encodeError({ kind: 'invalid_request', status, message }).body : { statusCode: status, error: STATUS_CODES[status] ?? 'Bad Request', message };
  void reply.code(status).header('x-request-id', request.id).type('application/json').send(JSON.stringify(body));
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CODECS } from '../wire/codecs';
import type { IrErrorKind } from '../wire/ir';
import { apiForPath } from './api-for-path';

/**
 * The last line for every error that escapes a handler or happens before one (Fastify body
 * parsing, body limit, unknown route): client API routes answer in their own envelope, the
 * rest in Nest's JSON shape. Never a stack trace in an answer; a 500 carries the request id,
 * which is also in the log line.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;

    const { status, message, body } = describe(exception, request);
    if (status >= 500) {
      this.logger.error(`request ${request.id} failed inside Plexus: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    const api = apiForPath(request.url, request.method);
    if (api) {
      const encoded = CODECS[api].encodeError({ kind: kindFor(status), status, message });
      void reply.code(encoded.status).type('application/json').send(JSON.stringify(encoded.body));
      return;
    }
    void reply.code(status).type('application/json').send(JSON.stringify(body ?? { statusCode: status, error: reasonPhrase(status), message }));
  }
}

function describe(exception: unknown, request: FastifyRequest): { status: number; message: string; body?: unknown } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 404 && typeof response === 'object' && /^Cannot /.test(String((response as { message?: unknown }).message))) {
      return { status, message: `no route ${request.method} ${request.url.split('?', 1)[0]}; see /docs for the API` };
    }
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message ?? exception.message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    if (status === 413 || (status === 400 && /JSON/.test(message))) {
      return { status, message: clientMessage(status === 413 ? 'FST_ERR_CTP_BODY_TOO_LARGE' : 'FST_ERR_CTP_INVALID_JSON_BODY', message) };
    }
    return { status, message, body: typeof response === 'object' ? response : undefined };
  }
  const fastifyError = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, message: clientMessage(fastifyError.code, String(fastifyError.message)) };
  }
  return { status: 500, message: `internal gateway error (error id ${request.id})` };
}

function clientMessage(code: unknown, message: string): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'request body is larger than this gateway accepts (server.bodyLimitBytes)';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'body: the request body is empty; send a JSON object';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'content-type: send the request body as application/json';
    default:
      return code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(message) ? `body: malformed JSON (${message})` : message;
  }
}

function kindFor(status: number): IrErrorKind {
  const kinds: Record<number, IrErrorKind> = { 401: 'authentication', 403: 'permission', 404: 'not_found', 413: 'request_too_large', 429: 'rate_limit' };
  return kinds[status] ?? (status >= 500 ? 'gateway_error' : 'invalid_request');
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  return phrases[status] ?? 'Error';
}


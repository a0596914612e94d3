import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/**
 * Answers the admin API's deliberate errors (401, 429, a 503 while the admin key is unset, a 502
 * from a failed price refresh) in Nest's JSON shape, without the global filter's "failed inside
 * Plexus" log line and stack trace, which is for faults. Anything that is not an HttpException
 * still reaches the global filter, which logs it with an error id.
 */
@Catch(HttpException)
export class AdminHttpExceptionFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'object' ? response : { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: response };
    void reply.code(status).type('application/json').send(JSON.stringify(body));
  }
}


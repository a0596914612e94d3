import type { FastifyInstance } from 'fastify';

/**
 * JSON is the only client body format, and some clients omit or mislabel the content type, so
 * any type that is not YAML or plain text is parsed as JSON. YAML and text stay strings for
 * `PUT /v0/config`. Parse errors carry statusCode 400 and reach HttpErrorFilter, which answers in
 * the route's own error envelope.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const parseError = error as Error & { statusCode?: number; code?: string };
      parseError.statusCode = 400;
      parseError.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(parseError, undefined);
    }
  });
}

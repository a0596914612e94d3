import type { FastifyInstance } from 'fastify';
import { findJsonHazard } from './find-json-hazard';

/**
 * JSON is the only client body format, and some clients omit or mislabel the content type, so
 * any type that is not YAML or plain text is parsed as JSON. YAML and text stay strings for
 * `PUT /v0/config`. Parse errors carry statusCode 400 and reach HttpErrorFilter, which answers in
 * the route's own error envelope.
 *
 * This is the only JSON parser: bootstrap turns Nest's own off (`bodyParser: false`), which would
 * otherwise take over `application/json` at start-up and skip the checks below.
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
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      done(clientError((error as Error).message, 'FST_ERR_CTP_INVALID_JSON_BODY'), undefined);
      return;
    }
    // Deep nesting would overflow the stack of every recursive step after this one (JSON.stringify
    // of the upstream body answered a 500 at ~10,000 levels); a `__proto__` key is refused as
    // Fastify's own parser refuses it. One walk over the parsed value checks both.
    const hazard = findJsonHazard(value);
    if (hazard) {
      done(clientError(hazard, 'PLEXUS_ERR_UNSAFE_JSON_BODY'), undefined);
      return;
    }
    done(null, value);
  });
}

function clientError(message: string, code: string): Error {
  const error = new Error(message) as Error & { statusCode?: number; code?: string };
  error.statusCode = 400;
  error.code = code;
  return error;
}

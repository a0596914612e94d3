/**
 * The error envelope each route family must answer in (DESIGN.md "Wire formats"), decided from
 * the URL alone and independently of the gateway's own api-for-path, so a test compares the
 * answer with the contract and not with the code under test.
 */
export type Envelope = 'chat' | 'messages' | 'gemini' | 'admin' | 'other';

export function envelopeFor(method: string, url: string): Envelope {
  // The router ends the path at `?` or `#` (a raw `#` is a broken client, but it happens).
  const path = url.split(/[?#]/, 1)[0];
  if (path.startsWith('/v1beta/')) return 'gemini';
  // POST /v1/models/* is the Gemini route; GET /v1/models/{id} would be OpenAI's.
  if (/^\/v1\/models\/.+/.test(path) && (method === 'POST' || path.includes(':'))) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'messages';
  if (path.startsWith('/v1/')) return 'chat';
  if (path.startsWith('/v0/') || path === '/v0') return 'admin';
  return 'other';
}

/** Text that only a stack trace or an internal path would put in an answer. */
const INTERNAL_DETAIL = [/(?:\n|\\n)\s+at\s/, /\bat .+\.(?:ts|js):\d+/, /node_modules/, /\/work\/main\b/, /\bsrc\/[\w/-]+\.ts\b/, /RangeError|TypeError|ReferenceError/];

/**
 * Why an error answer breaks its route's contract, or undefined when it is fine. `text` is the
 * raw body: it must be JSON in the expected envelope, with a non-empty message and no stack.
 */
export function envelopeProblem(envelope: Envelope, status: number, text: string): string | undefined {
  for (const pattern of INTERNAL_DETAIL) if (pattern.test(text)) return `the body leaks internal detail (${pattern}): ${text.slice(0, 300)}`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `the body is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  const describe = (): string => JSON.stringify(body).slice(0, 300);
  switch (envelope) {
    case 'chat':
      if (typeof body?.error?.message !== 'string' || body.error.message === '' || typeof body.error.type !== 'string') return `not an OpenAI error: ${describe()}`;
      return undefined;
    case 'messages':
      if (body?.type !== 'error' || typeof body.error?.type !== 'string' || typeof body.error.message !== 'string' || body.error.message === '') return `not an Anthropic error: ${describe()}`;
      return undefined;
    case 'gemini':
      if (typeof body?.error?.message !== 'string' || body.error.message === '' || typeof body.error.status !== 'string' || body.error.code !== status) return `not a Gemini error for ${status}: ${describe()}`;
      return undefined;
    case 'admin': {
      const message = body?.message;
      const hasMessage = (typeof message === 'string' && message !== '') || (Array.isArray(message) && message.length > 0);
      if (body?.statusCode !== status || !hasMessage) return `not an admin error for ${status}: ${describe()}`;
      return undefined;
    }
    case 'other':
      return undefined;
  }
}

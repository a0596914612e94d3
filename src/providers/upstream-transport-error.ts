/**
 * A call that produced no HTTP answer, or whose body stopped: refused, reset, DNS, TLS, or one of
 * the three timeouts. `kind` is what resilience classifies.
 */
export class UpstreamTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'connection_error',
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UpstreamTransportError';
  }
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** undici / socket errors → a transport error with a message that says what happened. */
export function toTransportError(error: unknown, providerName: string): UpstreamTransportError {
  const code = findCode(error);
  if (code && TIMEOUT_CODES.has(code)) {
    const what =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? 'connect timeout'
        : code === 'UND_ERR_HEADERS_TIMEOUT'
          ? 'no response headers before the first-byte timeout'
          : code === 'UND_ERR_BODY_TIMEOUT'
            ? 'the response stalled past the idle timeout'
            : 'timed out';
    return new UpstreamTransportError('timeout', `provider "${providerName}": ${what}`, code);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new UpstreamTransportError('connection_error', `provider "${providerName}": ${code ?? 'connection failed'} (${detail})`, code);
}

function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

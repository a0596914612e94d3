import type { HeaderBag } from '../wire-codec';
import { readHeader } from './read-header';

/**
 * Seconds to wait before retrying, from the standard `retry-after` header (delay-seconds or an
 * HTTP-date, RFC 9110 §10.2.3) or OpenAI's `retry-after-ms`, which its own SDK prefers.
 * https://github.com/openai/openai-node/blob/master/src/client.ts (retryRequest)
 */
export function parseRetryAfter(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(readHeader(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds / 1000;
  const value = readHeader(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

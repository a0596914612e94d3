import type { HeaderBag } from '../wire-codec';

/**
 * `retry-after` header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns whole seconds
 * from `now`, never negative; undefined when absent or unreadable.
 */
export function parseRetryAfterHeader(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * google.protobuf.Duration in JSON form, as in RetryInfo.retryDelay ("48s", "1.5s"), rounded up
 * to whole seconds so a retry never comes early.
 */
export function parseGoogleDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.ceil(Number(match[1])) : undefined;
}

function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

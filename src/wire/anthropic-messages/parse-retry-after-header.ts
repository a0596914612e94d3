import type { HeaderBag } from '../wire-codec';

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Seconds to wait, from `retry-after-ms` (Anthropic's SDK honours it first), else `retry-after`
 * as delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Rounded up; a date in the past is 0.
 * Header names are matched case-insensitively; `now` is injectable for tests.
 */
export function parseRetryAfterHeader(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms')?.trim();
  if (milliseconds && NUMBER.test(milliseconds)) return Math.ceil(Number(milliseconds) / 1000);
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (NUMBER.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

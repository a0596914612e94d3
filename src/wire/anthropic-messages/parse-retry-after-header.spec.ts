import { describe, expect, it } from 'vitest';
import { parseRetryAfterHeader } from './parse-retry-after-header';

describe('parseRetryAfterHeader', () => {
  const now = Date.parse('2025-08-11T23:45:59Z');

  it('reads delta-seconds, case-insensitively, from a string or the first of a list', () => {
    expect(parseRetryAfterHeader({ 'retry-after': '65' }, now)).toBe(65);
    expect(parseRetryAfterHeader({ 'Retry-After': ['7', '9'] }, now)).toBe(7);
  });

  it('reads an HTTP-date relative to now; a past date is 0', () => {
    expect(parseRetryAfterHeader({ 'retry-after': 'Mon, 11 Aug 2025 23:47:04 GMT' }, now)).toBe(65);
    expect(parseRetryAfterHeader({ 'retry-after': 'Mon, 11 Aug 2025 23:00:00 GMT' }, now)).toBe(0);
  });

  it('prefers retry-after-ms, rounded up to whole seconds', () => {
    expect(parseRetryAfterHeader({ 'retry-after-ms': '250', 'retry-after': '60' }, now)).toBe(1);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterHeader({}, now)).toBeUndefined();
    expect(parseRetryAfterHeader({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfterHeader({ 'retry-after': undefined }, now)).toBeUndefined();
  });
});

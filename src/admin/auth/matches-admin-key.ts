import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time key check. Hashing both sides first makes the buffers equal in length, so
 * neither the comparison time nor an early length mismatch tells an attacker anything.
 */
export function matchesAdminKey(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

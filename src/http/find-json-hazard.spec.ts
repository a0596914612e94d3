import { describe, expect, it } from 'vitest';
import { findJsonHazard, MAX_BODY_DEPTH } from './find-json-hazard';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('findJsonHazard', () => {
  it('accepts real request bodies and nesting up to the limit', () => {
    expect(findJsonHazard({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).toBeUndefined();
    expect(findJsonHazard(nested(MAX_BODY_DEPTH))).toBeUndefined();
    expect(findJsonHazard('text')).toBeUndefined();
    expect(findJsonHazard(null)).toBeUndefined();
  });

  it('refuses nesting past the limit, in arrays and objects, without overflowing itself', () => {
    expect(findJsonHazard(nested(MAX_BODY_DEPTH + 1))).toMatch(/nested deeper than 128 levels/);
    expect(findJsonHazard(JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)))).toMatch(/nested deeper/);
  });

  it('refuses prototype-poisoning keys anywhere', () => {
    expect(findJsonHazard(JSON.parse('{"messages":[{"__proto__":{"admin":true}}]}'))).toMatch(/"__proto__" is not allowed/);
    expect(findJsonHazard(JSON.parse('{"constructor":{"prototype":{"admin":true}}}'))).toMatch(/"constructor" is not allowed/);
    expect(findJsonHazard({ constructor: 'a string is harmless' })).toBeUndefined();
  });
});

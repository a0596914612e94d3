import { describe, expect, it } from 'vitest';
import { closestMatch } from './closest-match';
import { editDistance } from './edit-distance';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('port', 'port')).toBe(0);
    expect(editDistance('prot', 'port')).toBe(2);
  });
});

describe('closestMatch', () => {
  const keys = ['host', 'port', 'bodyLimitBytes', 'shutdownGraceMs'];

  it('finds a typo, ignoring case', () => {
    expect(closestMatch('bodylimitbytes', keys)).toBe('bodyLimitBytes');
    expect(closestMatch('hots', keys)).toBe('host');
    expect(closestMatch('shutdownGraceMS', keys)).toBe('shutdownGraceMs');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestMatch('timeout', keys)).toBeUndefined();
  });
});

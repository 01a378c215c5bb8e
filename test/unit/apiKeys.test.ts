import { describe, expect, it } from 'vitest';

import { credentialOf, generateToken, hashSecret, parseToken, secretMatches } from '../../src/domains/curation/apiKeys.js';

describe('API key tokens', () => {
  it('are made of an id and a secret that parse back', () => {
    const { id, secret, token } = generateToken();
    expect(parseToken(token)).toEqual({ id, secret });
    expect(secret.length).toBeGreaterThanOrEqual(43);
  });

  it('differ every time', () => {
    expect(generateToken().token).not.toBe(generateToken().token);
  });

  it.each(['', 'no-dot', 'ab.short', `UPPER.${'a'.repeat(40)}`, `id.${'a'.repeat(40)}!`])('refuse the malformed token %j', (token) => {
    expect(parseToken(token)).toBeNull();
  });

  it('match only the secret whose hash is stored, and never a missing key', () => {
    const { secret } = generateToken();
    const stored = hashSecret(secret);
    expect(stored).not.toContain(secret);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(`${secret}x`, stored)).toBe(false);
    expect(secretMatches(secret, null)).toBe(false);
  });

  it('are read from Authorization: Bearer, else from x-api-key', () => {
    expect(credentialOf({ authorization: 'Bearer abc.def' })).toBe('abc.def');
    expect(credentialOf({ authorization: 'bearer   abc.def' })).toBe('abc.def');
    expect(credentialOf({ 'x-api-key': 'abc.def' })).toBe('abc.def');
    expect(credentialOf({})).toBeNull();
  });
});

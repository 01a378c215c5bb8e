import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key tokens are `<id>.<secret>`: the id finds the stored key, the secret proves it.
 * Only the SHA-256 of the secret is stored (secrets are 32 random bytes, so a slow hash
 * adds nothing), and the comparison takes the same time whether or not it matches, or
 * whether or not the key exists, so timing tells an attacker nothing.
 */
export const TOKEN_PATTERN = /^([a-z0-9][a-z0-9-]{2,63})\.([A-Za-z0-9_-]{32,200})$/;

export function generateToken(): { id: string; secret: string; token: string } {
  const id = `key-${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `${id}.${secret}` };
}

/** Splits a token; null when it does not have the shape of one. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const unknownKeyHash = hashSecret(randomBytes(32).toString('base64url'));

/** Constant-time check of a secret against a stored hash (a missing key compares against a decoy). */
export function secretMatches(secret: string, storedHash: string | null): boolean {
  const expected = Buffer.from(storedHash ?? unknownKeyHash, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== null;
}

/** The token of an `Authorization: Bearer <token>` header; null for any other form. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1] ?? null;
}

/**
 * The credential of a request: `Authorization: Bearer <token>`, else `x-api-key: <token>`.
 * An `Authorization` header in any other form (a bare token, another scheme) is no
 * credential at all: only the documented forms are accepted.
 */
export function credentialOf(headers: { authorization?: string; 'x-api-key'?: string | string[] }): string | null {
  if (headers.authorization) return bearerToken(headers.authorization);
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : null;
}

/** A digest of a credential, so that no secret is kept in a store or a cache (rate-limit counts, known roles). */
export function credentialDigest(credential: string): string {
  return createHash('sha256').update(credential.slice(0, 300)).digest('base64url').slice(0, 22);
}

import type { Context } from '../../context.js';
import type { Database } from '../../database/database.js';
import { ForbiddenError, UnauthenticatedError } from '../../errors.js';
import { parseToken, secretMatches } from './apiKeys.js';
import type { Principal, Role } from './curation.model.js';
import { findApiKey } from './curation.repository.js';

/**
 * Reading is public; writing needs an API key. The check runs before a mutation looks at
 * its target, so an unauthenticated or forbidden caller learns nothing about what exists.
 * The token is never logged nor echoed: errors say only that it is missing or invalid.
 */
export async function authenticate(credential: string | null, context: Pick<Context, 'runner'>): Promise<Principal | null> {
  if (!credential) return null;
  const parsed = parseToken(credential);
  if (!parsed) return null;
  const key = await findApiKey(context.runner, parsed.id);
  const usable = key && !key.revokedAt ? key : null;
  if (!secretMatches(parsed.secret, usable?.hash ?? null) || !usable) return null;
  return { keyId: usable.id, name: usable.name, role: usable.role };
}

/** The role the API reads a credential with (ANONYMOUS for one that is no valid key), for the response cache's fast path. */
export function roleReader(db: Database): (credential: string, signal?: AbortSignal) => Promise<string> {
  return async (credential, signal) => (await authenticate(credential, { runner: { db, signal } }))?.role ?? 'ANONYMOUS';
}

/** The caller, if its key may do what `role` may; else UNAUTHENTICATED or FORBIDDEN. */
export async function authorize(context: Context, role: Role): Promise<Principal> {
  const principal = await context.principal();
  if (!principal) {
    throw new UnauthenticatedError(
      role === 'ADMIN'
        ? 'This needs a valid API key with the ADMIN role: send `Authorization: Bearer <token>`.'
        : 'This needs a valid API key (CURATOR or ADMIN role): send `Authorization: Bearer <token>`.',
    );
  }
  if (role === 'ADMIN' && principal.role !== 'ADMIN') throw new ForbiddenError('This operation needs an API key with the ADMIN role.');
  return principal;
}

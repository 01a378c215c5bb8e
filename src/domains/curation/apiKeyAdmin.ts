import type { QueryRunner } from '../../database/runQuery.js';
import { generateToken, hashSecret, parseToken } from './apiKeys.js';
import type { ApiKeyRecord, Role } from './curation.model.js';
import { storeApiKey } from './curation.repository.js';

/**
 * Makes the ADMIN_API_KEY token work: stores its id with the hash of its secret and the
 * ADMIN role (changing the variable's secret rotates the key). The first admin key has to
 * come from somewhere outside the API; further keys are made with `createApiKey`.
 *
 * A key revoked through the API stays revoked: the variable naming it is ignored (the start
 * goes on, with the other keys) and the returned record says so, for one line in the log. A
 * new admin key from the variable takes a new id.
 */
export async function ensureAdminKey(runner: QueryRunner, token: string): Promise<{ key: ApiKeyRecord; ignored: boolean }> {
  const parsed = parseToken(token);
  if (!parsed) throw new Error('ADMIN_API_KEY is not a token of the form <id>.<secret>.');
  const key = await storeApiKey(runner, { id: parsed.id, name: `${parsed.id} (ADMIN_API_KEY)`, role: 'ADMIN', hash: hashSecret(parsed.secret) });
  return { key, ignored: Boolean(key.revokedAt) };
}

/** A new key with a random id and secret; the token is returned once and never stored. */
export async function createKey(runner: QueryRunner, name: string, role: Role): Promise<{ key: ApiKeyRecord; token: string }> {
  const { id, secret, token } = generateToken();
  const key = await storeApiKey(runner, { id, name, role, hash: hashSecret(secret) });
  return { key, token };
}

import type { QueryRunner } from '../../database/runQuery.js';
import { generateToken, hashSecret, parseToken } from './apiKeys.js';
import type { ApiKeyRecord, Role } from './curation.model.js';
import { storeApiKey } from './curation.repository.js';

/**
 * Makes the ADMIN_API_KEY token work: stores its id with the hash of its secret and the
 * ADMIN role (changing the variable's secret rotates the key). The first admin key has to
 * come from somewhere outside the API; further keys are made with `createApiKey`.
 */
export async function ensureAdminKey(runner: QueryRunner, token: string): Promise<void> {
  const parsed = parseToken(token);
  if (!parsed) throw new Error('ADMIN_API_KEY is not a token of the form <id>.<secret>.');
  await storeApiKey(runner, { id: parsed.id, name: `${parsed.id} (ADMIN_API_KEY)`, role: 'ADMIN', hash: hashSecret(parsed.secret) });
}

/** A new key with a random id and secret; the token is returned once and never stored. */
export async function createKey(runner: QueryRunner, name: string, role: Role): Promise<{ key: ApiKeyRecord; token: string }> {
  const { id, secret, token } = generateToken();
  const key = await storeApiKey(runner, { id, name, role, hash: hashSecret(secret) });
  return { key, token };
}

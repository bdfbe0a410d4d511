import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid, newId, newToken } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { findLiveApiKey, hashApiKey } from '../store/api-keys.js';
import { srApiKeys, type ApiKeyRow } from '../store/tables.js';

/**
 * Issues an Open311 API key. The plaintext is returned once; only its SHA-256 is stored.
 */
export async function createApiKey(
  deps: Deps,
  siteId: string,
  input: { name: string; createdBy?: string | null },
): Promise<{ id: string; key: string }> {
  const { name } = parseInput(z.object({ name: z.string().trim().min(1, 'give the key a name').max(200) }), { name: input.name });
  const key = `o311_${newToken(24)}`;
  const id = newId();
  await deps.db
    .insert(srApiKeys)
    .values({ id, siteId, name, keyHash: hashApiKey(key), prefix: key.slice(0, 9), createdBy: input.createdBy ?? null, createdAt: deps.clock.now() });
  return { id, key };
}

/** Revokes a key; POSTs with it fail from then on. */
export async function revokeApiKey(deps: Deps, siteId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new AppError('not_found', 'API key was not found.');
  const rows = await deps.db
    .update(srApiKeys)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(srApiKeys.siteId, siteId), eq(srApiKeys.id, id), isNull(srApiKeys.revokedAt)))
    .returning({ id: srApiKeys.id });
  if (!rows.length) throw new AppError('not_found', 'API key was not found or is already revoked.');
  for (const [k, v] of deps.memo) if (k.startsWith(`${KEY_MEMO}${siteId}:`) && (v as CachedKey).row.id === id) deps.memo.delete(k);
}

/**
 * How long a process trusts a key it has checked: a POST then needs no key lookup. A key revoked
 * here stops at once; revoked by another process, within this time.
 */
export const API_KEY_CACHE_MS = 10_000;
const KEY_MEMO = 'service-requests:api-key:';
interface CachedKey {
  row: ApiKeyRow;
  until: number;
}

/** The live key with this plaintext, from the per-process cache (`API_KEY_CACHE_MS`) or the database. */
export async function findLiveApiKeyCached(deps: Deps, siteId: string, key: string): Promise<ApiKeyRow | null> {
  const memoKey = `${KEY_MEMO}${siteId}:${hashApiKey(key)}`;
  const now = deps.clock.now().getTime();
  const hit = deps.memo.get(memoKey) as CachedKey | undefined;
  if (hit && hit.until > now) return hit.row;
  const row = await findLiveApiKey(deps.db, siteId, key);
  if (row) deps.memo.set(memoKey, { row, until: now + API_KEY_CACHE_MS });
  else deps.memo.delete(memoKey);
  return row;
}

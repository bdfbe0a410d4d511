import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid, newId, newToken } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { hashApiKey } from '../store/api-keys.js';
import { srApiKeys } from '../store/tables.js';

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
}

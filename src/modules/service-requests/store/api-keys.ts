import { and, desc, eq, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/connection.js';
import { srApiKeys, type ApiKeyRow } from './tables.js';

/** SHA-256 of a key, hex: keys are random and long, so a fast hash is enough (no salt needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A site's keys, newest first. */
export async function listApiKeys(db: Db, siteId: string): Promise<ApiKeyRow[]> {
  return db.select().from(srApiKeys).where(eq(srApiKeys.siteId, siteId)).orderBy(desc(srApiKeys.createdAt));
}

/** The live (not revoked) key of this site with this plaintext, if any. */
export async function findLiveApiKey(db: Db, siteId: string, key: string): Promise<ApiKeyRow | null> {
  const [row] = await db
    .select()
    .from(srApiKeys)
    .where(and(eq(srApiKeys.siteId, siteId), eq(srApiKeys.keyHash, hashApiKey(key)), isNull(srApiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}

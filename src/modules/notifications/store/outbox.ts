import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { outbox } from './tables.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** The newest mail of a site's outbox, `limit` at a time, before `before` (keyset). */
export async function listOutbox(db: Db, siteId: string, limit: number, before?: Date): Promise<OutboxRow[]> {
  const where = before ? and(eq(outbox.siteId, siteId), lt(outbox.createdAt, before)) : eq(outbox.siteId, siteId);
  return db.select().from(outbox).where(where).orderBy(desc(outbox.createdAt)).limit(limit);
}

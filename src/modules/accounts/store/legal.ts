import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { accountConsents, legalTexts, type LegalKind } from './tables.js';

export type LegalTextRow = typeof legalTexts.$inferSelect;
export type ConsentRow = typeof accountConsents.$inferSelect;

/** The newest saved version of a site's legal text of `kind`, or null while the default applies. */
export async function findCurrentLegalText(db: Db, siteId: string, kind: LegalKind): Promise<LegalTextRow | null> {
  const [row] = await db
    .select()
    .from(legalTexts)
    .where(and(eq(legalTexts.siteId, siteId), eq(legalTexts.kind, kind)))
    .orderBy(desc(legalTexts.version))
    .limit(1);
  return row ?? null;
}

/** Stores a new version of a legal text. */
export async function insertLegalText(db: Db, row: LegalTextRow): Promise<void> {
  await db.insert(legalTexts).values(row);
}

/** Records that a person agreed to the given versions. */
export async function insertConsent(db: Db, row: ConsentRow): Promise<void> {
  await db.insert(accountConsents).values(row);
}

/** A person's agreements, newest first. */
export async function listConsents(db: Db, siteId: string, userId: string): Promise<ConsentRow[]> {
  return db
    .select()
    .from(accountConsents)
    .where(and(eq(accountConsents.siteId, siteId), eq(accountConsents.userId, userId)))
    .orderBy(desc(accountConsents.agreedAt));
}

/** Forgets a person's agreements (account deletion). */
export async function deleteConsents(db: Db, siteId: string, userId: string): Promise<void> {
  await db.delete(accountConsents).where(and(eq(accountConsents.siteId, siteId), eq(accountConsents.userId, userId)));
}

import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { consultationQuestionnaires, consultations, type ConsultationRow } from './tables.js';

/** A consultation of the site by its slug. */
export async function findConsultationBySlug(db: Db, siteId: string, slug: string): Promise<ConsultationRow | null> {
  const [row] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.siteId, siteId), eq(consultations.slug, slug)))
    .limit(1);
  return row ?? null;
}

/** A consultation of the site by its id. */
export async function findConsultationById(db: Db, siteId: string, id: string): Promise<ConsultationRow | null> {
  const [row] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.siteId, siteId), eq(consultations.id, id)))
    .limit(1);
  return row ?? null;
}

/** The site's consultations (drafts only when `includeDrafts`), newest first. A site holds few, so no paging. */
export async function listConsultations(db: Db, siteId: string, opts: { includeDrafts?: boolean } = {}): Promise<ConsultationRow[]> {
  const rows = await db.select().from(consultations).where(eq(consultations.siteId, siteId)).orderBy(desc(consultations.createdAt)).limit(500);
  return opts.includeDrafts ? rows : rows.filter((r) => r.status !== 'draft');
}

/** The items of one version of a consultation's questionnaire (null when there is no such version). */
export async function findQuestionnaireVersion(db: Db, siteId: string, consultationId: string, version: number): Promise<unknown[] | null> {
  const [row] = await db
    .select({ items: consultationQuestionnaires.items })
    .from(consultationQuestionnaires)
    .where(
      and(
        eq(consultationQuestionnaires.siteId, siteId),
        eq(consultationQuestionnaires.consultationId, consultationId),
        eq(consultationQuestionnaires.version, version),
      ),
    )
    .limit(1);
  return row?.items ?? null;
}

/** Every version of a consultation's questionnaire, oldest first. */
export async function listQuestionnaireVersions(
  db: Db,
  siteId: string,
  consultationId: string,
): Promise<{ version: number; items: unknown[]; createdAt: Date }[]> {
  return db
    .select({ version: consultationQuestionnaires.version, items: consultationQuestionnaires.items, createdAt: consultationQuestionnaires.createdAt })
    .from(consultationQuestionnaires)
    .where(and(eq(consultationQuestionnaires.siteId, siteId), eq(consultationQuestionnaires.consultationId, consultationId)))
    .orderBy(asc(consultationQuestionnaires.version));
}

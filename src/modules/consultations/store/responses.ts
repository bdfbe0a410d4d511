import { and, asc, count, desc, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { consultationInvitations, consultationResponses, type ResponseChannel, type ResponseRow, type ResponseStatus } from './tables.js';

/** The response of a respondent (`user:<id>`, `anon:<hash>`, `invite:<id>`, ...) to a consultation, if any. */
export async function findResponseByKey(db: Db, siteId: string, consultationId: string, respondentKey: string): Promise<ResponseRow | null> {
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.respondentKey, respondentKey),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The response a resume code's hash opens, if any. */
export async function findResponseByResumeHash(db: Db, siteId: string, consultationId: string, resumeHash: string): Promise<ResponseRow | null> {
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.resumeHash, resumeHash),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** A response by its id. */
export async function findResponseById(db: Db, siteId: string, consultationId: string, id: string): Promise<ResponseRow | null> {
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(and(eq(consultationResponses.siteId, siteId), eq(consultationResponses.consultationId, consultationId), eq(consultationResponses.id, id)))
    .limit(1);
  return row ?? null;
}

/** How many responses (any status) were given for one questionnaire version. */
export async function countResponsesForVersion(db: Db, siteId: string, consultationId: string, version: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.version, version),
      ),
    );
  return Number(row?.n ?? 0);
}

/** A consultation's responses of one status and channel, oldest first (the paper desk's lists; at most 500). */
export async function listResponses(
  db: Db,
  siteId: string,
  consultationId: string,
  filter: { status: ResponseStatus; channel?: ResponseChannel },
): Promise<ResponseRow[]> {
  const conditions = [
    eq(consultationResponses.siteId, siteId),
    eq(consultationResponses.consultationId, consultationId),
    eq(consultationResponses.status, filter.status),
  ];
  if (filter.channel) conditions.push(eq(consultationResponses.channel, filter.channel));
  return db
    .select()
    .from(consultationResponses)
    .where(and(...conditions))
    .orderBy(asc(consultationResponses.createdAt))
    .limit(500);
}

/** The invitation a code's hash belongs to, if any. */
export async function findInvitationByHash(db: Db, siteId: string, consultationId: string, codeHash: string) {
  const [row] = await db
    .select()
    .from(consultationInvitations)
    .where(
      and(
        eq(consultationInvitations.siteId, siteId),
        eq(consultationInvitations.consultationId, consultationId),
        eq(consultationInvitations.codeHash, codeHash),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** One batch of invitation codes (those made together, at one instant): its label, how many, how many used. */
export interface InvitationBatch {
  /** The batch's key: the instant its codes were made (ISO 8601). */
  batch: string;
  label: string | null;
  createdAt: Date;
  count: number;
  used: number;
}

/** A consultation's batches of invitation codes, newest first. */
export async function listInvitationBatches(db: Db, siteId: string, consultationId: string): Promise<InvitationBatch[]> {
  const rows = await db
    .select({
      label: consultationInvitations.label,
      createdAt: consultationInvitations.createdAt,
      count: count(),
      used: count(consultationInvitations.usedAt),
    })
    .from(consultationInvitations)
    .where(and(eq(consultationInvitations.siteId, siteId), eq(consultationInvitations.consultationId, consultationId)))
    .groupBy(consultationInvitations.createdAt, consultationInvitations.label)
    .orderBy(desc(consultationInvitations.createdAt));
  return rows.map((r) => ({
    batch: r.createdAt.toISOString(),
    label: r.label,
    createdAt: r.createdAt,
    count: Number(r.count),
    used: Number(r.used),
  }));
}

/**
 * Deletes the codes of the batch made at `createdAt` that nobody has used or started answering
 * with (a code with a draft response stays, so its respondent can finish). Gives how many went.
 */
export async function deleteUnusedInvitations(db: Db, siteId: string, consultationId: string, createdAt: Date): Promise<number> {
  const started = db
    .select({ one: sql`1` })
    .from(consultationResponses)
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.respondentKey, sql`'invite:' || ${consultationInvitations.id}`),
      ),
    );
  const gone = await db
    .delete(consultationInvitations)
    .where(
      and(
        eq(consultationInvitations.siteId, siteId),
        eq(consultationInvitations.consultationId, consultationId),
        eq(consultationInvitations.createdAt, createdAt),
        isNull(consultationInvitations.usedAt),
        notExists(started),
      ),
    )
    .returning({ id: consultationInvitations.id });
  return gone.length;
}

import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import {
  procurementRiskAssessments,
  procurementRiskFeedback,
  procurementRiskRuns,
  procurementRiskTriage,
  procurementRiskTriageEvents,
  procurementRiskWeights,
  type FeedbackStatus,
  type RiskAssessmentRow,
  type RiskFeedbackRow,
  type RiskTriageEventRow,
  type RiskTriageRow,
} from './risk-tables.js';

/** A site's stored weights (only the indicators it changed). */
export async function listRiskWeightRows(db: Db, siteId: string): Promise<{ code: string; weight: number }[]> {
  return db
    .select({ code: procurementRiskWeights.code, weight: procurementRiskWeights.weight })
    .from(procurementRiskWeights)
    .where(eq(procurementRiskWeights.siteId, siteId))
    .orderBy(asc(procurementRiskWeights.code));
}

/** Stores one weight per code (insert or replace). */
export async function upsertRiskWeights(
  db: Db,
  siteId: string,
  weights: { code: string; weight: number }[],
  updatedBy: string | null,
  now: Date,
): Promise<void> {
  for (const { code, weight } of weights) {
    await db
      .insert(procurementRiskWeights)
      .values({ siteId, code, weight, updatedBy, updatedAt: now })
      .onConflictDoUpdate({ target: [procurementRiskWeights.siteId, procurementRiskWeights.code], set: { weight, updatedBy, updatedAt: now } });
  }
}

/** Where the site's last risk run stands, or null before the first. */
export async function getRiskRun(db: Db, siteId: string): Promise<typeof procurementRiskRuns.$inferSelect | null> {
  const [row] = await db.select().from(procurementRiskRuns).where(eq(procurementRiskRuns.siteId, siteId)).limit(1);
  return row ?? null;
}

/** Replaces every assessment of the site and records the run (call inside a transaction). */
export async function replaceRiskAssessments(
  db: Db,
  siteId: string,
  rows: Omit<RiskAssessmentRow, 'siteId'>[],
  run: { lastChangeSeq: number; assessedAt: Date },
): Promise<void> {
  await db.delete(procurementRiskAssessments).where(eq(procurementRiskAssessments.siteId, siteId));
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(procurementRiskAssessments).values(rows.slice(i, i + 500).map((r) => ({ ...r, siteId })));
  }
  const flagged = rows.filter((r) => r.flagCount > 0).length;
  const values = { siteId, lastChangeSeq: run.lastChangeSeq, processes: rows.length, flagged, assessedAt: run.assessedAt };
  await db.insert(procurementRiskRuns).values(values).onConflictDoUpdate({ target: procurementRiskRuns.siteId, set: values });
}

/** The site's assessments; `flaggedOnly` keeps those with at least one flag. */
export async function listRiskAssessments(db: Db, siteId: string, opts: { flaggedOnly?: boolean } = {}): Promise<RiskAssessmentRow[]> {
  return db
    .select()
    .from(procurementRiskAssessments)
    .where(and(eq(procurementRiskAssessments.siteId, siteId), opts.flaggedOnly ? gt(procurementRiskAssessments.flagCount, 0) : undefined))
    .orderBy(asc(procurementRiskAssessments.ocid));
}

/** One process's assessment, or null. */
export async function getRiskAssessment(db: Db, siteId: string, ocid: string): Promise<RiskAssessmentRow | null> {
  const [row] = await db
    .select()
    .from(procurementRiskAssessments)
    .where(and(eq(procurementRiskAssessments.siteId, siteId), eq(procurementRiskAssessments.ocid, ocid)))
    .limit(1);
  return row ?? null;
}

/** Triage rows of the site, optionally for some processes only. */
export async function listTriage(db: Db, siteId: string, ocids?: string[]): Promise<RiskTriageRow[]> {
  if (ocids && ocids.length === 0) return [];
  return db
    .select()
    .from(procurementRiskTriage)
    .where(and(eq(procurementRiskTriage.siteId, siteId), ocids ? inArray(procurementRiskTriage.ocid, ocids) : undefined));
}

/** One process's triage row, or null. */
export async function getTriage(db: Db, siteId: string, ocid: string): Promise<RiskTriageRow | null> {
  const [row] = await listTriage(db, siteId, [ocid]);
  return row ?? null;
}

/** Writes a process's triage row (insert or replace). */
export async function saveTriage(db: Db, row: RiskTriageRow): Promise<void> {
  const { siteId: _s, ocid: _o, ...set } = row;
  await db
    .insert(procurementRiskTriage)
    .values(row)
    .onConflictDoUpdate({ target: [procurementRiskTriage.siteId, procurementRiskTriage.ocid], set });
}

/** Appends a triage event. */
export async function insertTriageEvent(db: Db, row: RiskTriageEventRow): Promise<void> {
  await db.insert(procurementRiskTriageEvents).values(row);
}

/** A process's triage history, oldest first. */
export async function listTriageEvents(db: Db, siteId: string, ocid: string): Promise<RiskTriageEventRow[]> {
  return db
    .select()
    .from(procurementRiskTriageEvents)
    .where(and(eq(procurementRiskTriageEvents.siteId, siteId), eq(procurementRiskTriageEvents.ocid, ocid)))
    .orderBy(asc(procurementRiskTriageEvents.createdAt));
}

/** Adds citizen feedback. */
export async function insertFeedback(db: Db, row: RiskFeedbackRow): Promise<void> {
  await db.insert(procurementRiskFeedback).values(row);
}

/** Feedback of the site (one process or all), newest first, optionally in one status. */
export async function listFeedback(
  db: Db,
  siteId: string,
  opts: { ocid?: string; status?: FeedbackStatus; limit?: number } = {},
): Promise<RiskFeedbackRow[]> {
  return db
    .select()
    .from(procurementRiskFeedback)
    .where(
      and(
        eq(procurementRiskFeedback.siteId, siteId),
        opts.ocid === undefined ? undefined : eq(procurementRiskFeedback.ocid, opts.ocid),
        opts.status === undefined ? undefined : eq(procurementRiskFeedback.status, opts.status),
      ),
    )
    .orderBy(desc(procurementRiskFeedback.createdAt))
    .limit(opts.limit ?? 200);
}

/** Sets a feedback's status; returns false when no such feedback on the site. */
export async function setFeedbackStatus(
  db: Db,
  siteId: string,
  id: string,
  status: FeedbackStatus,
  moderatedBy: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(procurementRiskFeedback)
    .set({ status, moderatedBy, moderatedAt: now })
    .where(and(eq(procurementRiskFeedback.siteId, siteId), eq(procurementRiskFeedback.id, id)))
    .returning({ id: procurementRiskFeedback.id });
  return rows.length > 0;
}

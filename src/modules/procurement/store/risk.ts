import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { StoredRiskSettings } from '../core/risk-settings.js';
import {
  procurementRiskAssessments,
  procurementRiskSettingChanges,
  procurementRiskSettings,
  procurementRiskFeedback,
  procurementRiskRuns,
  procurementRiskTriage,
  procurementRiskTriageEvents,
  type FeedbackStatus,
  type RiskAssessmentRow,
  type RiskFeedbackRow,
  type RiskSettingChangeRow,
  type RiskTriageEventRow,
  type RiskTriageRow,
} from './risk-tables.js';

/** A site's stored risk settings and their version, or null when it kept the defaults. */
export async function getRiskSettingsRow(db: Db, siteId: string): Promise<{ settings: StoredRiskSettings; version: number } | null> {
  const [row] = await db
    .select({ settings: procurementRiskSettings.settings, version: procurementRiskSettings.version })
    .from(procurementRiskSettings)
    .where(eq(procurementRiskSettings.siteId, siteId))
    .limit(1);
  return row ?? null;
}

/** Stores a site's settings, bumping the version; returns the new version. */
export async function saveRiskSettingsRow(
  db: Db,
  siteId: string,
  settings: StoredRiskSettings,
  updatedBy: string | null,
  now: Date,
): Promise<number> {
  const [row] = await db
    .insert(procurementRiskSettings)
    .values({ siteId, settings, version: 1, updatedBy, updatedAt: now })
    .onConflictDoUpdate({
      target: procurementRiskSettings.siteId,
      set: { settings, version: sql`${procurementRiskSettings.version} + 1`, updatedBy, updatedAt: now },
    })
    .returning({ version: procurementRiskSettings.version });
  return row.version;
}

/** Records who changed which settings. */
export async function insertRiskSettingChange(db: Db, row: RiskSettingChangeRow): Promise<void> {
  await db.insert(procurementRiskSettingChanges).values(row);
}

/** The site's settings changes, newest first, a page at a time (keyset on createdAt, id). */
export async function listRiskSettingChanges(
  db: Db,
  siteId: string,
  opts: { before?: { createdAt: Date; id: string }; limit: number },
): Promise<RiskSettingChangeRow[]> {
  const t = procurementRiskSettingChanges;
  return db
    .select()
    .from(t)
    .where(
      and(
        eq(t.siteId, siteId),
        opts.before ? or(lt(t.createdAt, opts.before.createdAt), and(eq(t.createdAt, opts.before.createdAt), lt(t.id, opts.before.id))) : undefined,
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(opts.limit);
}

/** Where the site's last risk run stands, or null before the first. */
export async function getRiskRun(db: Db, siteId: string): Promise<typeof procurementRiskRuns.$inferSelect | null> {
  const [row] = await db.select().from(procurementRiskRuns).where(eq(procurementRiskRuns.siteId, siteId)).limit(1);
  return row ?? null;
}

/** The flags stored for every assessed process of the site (ocid -> flags), to find what a run changed. */
export async function listStoredFlags(db: Db, siteId: string): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .select({ ocid: procurementRiskAssessments.ocid, flags: procurementRiskAssessments.flags })
    .from(procurementRiskAssessments)
    .where(eq(procurementRiskAssessments.siteId, siteId));
  return new Map(rows.map((r) => [r.ocid, r.flags]));
}

/**
 * Writes a run's changed assessments (insert or replace), removes those of processes no longer
 * there, and records the run with the site's totals (call inside a transaction).
 */
export async function writeRiskAssessments(
  db: Db,
  siteId: string,
  rows: Omit<RiskAssessmentRow, 'siteId'>[],
  removed: string[],
  run: { lastChangeSeq: number; settingsVersion: number; assessedAt: Date },
): Promise<{ processes: number; flagged: number }> {
  const a = procurementRiskAssessments;
  for (let i = 0; i < removed.length; i += 500) await db.delete(a).where(and(eq(a.siteId, siteId), inArray(a.ocid, removed.slice(i, i + 500))));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(a)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, siteId })))
      .onConflictDoUpdate({
        target: [a.siteId, a.ocid],
        set: Object.fromEntries(
          (
            [
              'summary',
              'flags',
              'flagCount',
              'buyerId',
              'region',
              'value',
              'currency',
              'date',
              'score',
              'bucket',
              'supplierIds',
              'tendererIds',
              'assessedAt',
            ] as const
          ).map((k) => [k, sql.raw(`excluded.${toSnake(k)}`)]),
        ),
      });
  }
  const [totals] = rowsOf<{ processes: number; flagged: number }>(
    await db.execute(
      sql`select count(*)::int as processes, (count(*) filter (where flag_count > 0))::int as flagged from procurement_risk_assessments where site_id = ${siteId}`,
    ),
  );
  const values = { siteId, ...run, processes: totals.processes, flagged: totals.flagged };
  await db.insert(procurementRiskRuns).values(values).onConflictDoUpdate({ target: procurementRiskRuns.siteId, set: values });
  return totals;
}

function toSnake(k: string): string {
  return k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/** The site's assessments; `flaggedOnly` keeps those with at least one flag (tests and small sites; pages read the paged queries below). */
export async function listRiskAssessments(db: Db, siteId: string, opts: { flaggedOnly?: boolean } = {}): Promise<RiskAssessmentRow[]> {
  return db
    .select()
    .from(procurementRiskAssessments)
    .where(and(eq(procurementRiskAssessments.siteId, siteId), opts.flaggedOnly ? gt(procurementRiskAssessments.flagCount, 0) : undefined))
    .orderBy(asc(procurementRiskAssessments.ocid));
}

/** What the queue ranks: every flagged process's score, value with its currency and date, bucket, buyer, region and flags (no summary). */
export async function listQueueCandidates(
  db: Db,
  siteId: string,
): Promise<
  {
    ocid: string;
    score: number;
    value: number | null;
    bucket: string;
    buyerId: string | null;
    region: string | null;
    flags: Record<string, number>;
    currency: string | null;
    date: string | null;
  }[]
> {
  const a = procurementRiskAssessments;
  return db
    .select({
      ocid: a.ocid,
      score: a.score,
      value: a.value,
      bucket: a.bucket,
      buyerId: a.buyerId,
      region: a.region,
      flags: a.flags,
      currency: a.currency,
      date: a.date,
    })
    .from(a)
    .where(and(eq(a.siteId, siteId), gt(a.flagCount, 0), gt(a.score, 0)))
    .orderBy(asc(a.ocid));
}

/** Some processes' assessments (a page's rows). */
export async function getRiskAssessments(db: Db, siteId: string, ocids: string[]): Promise<RiskAssessmentRow[]> {
  if (ocids.length === 0) return [];
  const a = procurementRiskAssessments;
  return db
    .select()
    .from(a)
    .where(and(eq(a.siteId, siteId), inArray(a.ocid, ocids)));
}

/** Processes flagged per indicator code, counted in SQL. */
export async function countFlagsByCode(db: Db, siteId: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ code: string; n: number }>(
    await db.execute(
      sql`select k as code, count(*)::int as n from procurement_risk_assessments, jsonb_object_keys(flags) k where site_id = ${siteId} and flag_count > 0 group by k`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.n]));
}

/** The dashboard's figures, aggregated in SQL: buckets, flags per indicator, per month and indicator, top buyers. */
export async function readRiskDashboardFigures(
  db: Db,
  siteId: string,
  top: number,
): Promise<{
  buckets: { bucket: string; processes: number; flagged: number }[];
  byIndicator: Record<string, number>;
  byMonth: { month: string; code: string; n: number }[];
  topBuyers: { id: string; name: string | null; flagged: number; processes: number; score: number }[];
}> {
  const [buckets, byIndicator, byMonth, topBuyers] = await Promise.all([
    db.execute(
      sql`select bucket, count(*)::int as processes, (count(*) filter (where flag_count > 0))::int as flagged from procurement_risk_assessments where site_id = ${siteId} group by bucket`,
    ),
    countFlagsByCode(db, siteId),
    db.execute(sql`select substr(date, 1, 7) as month, k as code, count(*)::int as n
      from procurement_risk_assessments, jsonb_object_keys(flags) k
      where site_id = ${siteId} and flag_count > 0 and date ~ '^[0-9]{4}-[0-9]{2}'
      group by 1, 2`),
    db.execute(sql`select buyer_id as id, min(summary->'buyer'->>'name') as name,
        (count(*) filter (where flag_count > 0))::int as flagged, count(*)::int as processes, sum(score)::float8 as score
      from procurement_risk_assessments where site_id = ${siteId} and buyer_id is not null
      group by buyer_id having count(*) filter (where flag_count > 0) > 0
      order by flagged desc, score desc, buyer_id limit ${top}`),
  ]);
  return {
    buckets: rowsOf(buckets),
    byIndicator,
    byMonth: rowsOf(byMonth),
    topBuyers: rowsOf(topBuyers),
  };
}

/** SQL condition: the process involves the party (as buyer; as supplier or tenderer). */
function partyCondition(role: 'buyer' | 'supplier', id: string) {
  return role === 'buyer' ? sql`buyer_id = ${id}` : sql`(supplier_ids @> array[${id}]::text[] or tenderer_ids @> array[${id}]::text[])`;
}

/** A party's figures, aggregated in SQL: name, processes, wins, flags per month, counterparts (the `top` most frequent). */
export async function readPartyFigures(
  db: Db,
  siteId: string,
  role: 'buyer' | 'supplier',
  id: string,
  top: number,
): Promise<{
  name: string | null;
  participated: number;
  wins: number;
  byMonth: { month: string; flags: number; processes: number }[];
  partners: { id: string; name: string; processes: number; wins: number }[];
  competitors: { id: string; name: string; processes: number; wins: number }[];
}> {
  const where = sql`site_id = ${siteId} and ${partyCondition(role, id)}`;
  const won = role === 'buyer' ? sql`cardinality(supplier_ids) > 0` : sql`supplier_ids @> array[${id}]::text[]`;
  const nameSql =
    role === 'buyer'
      ? sql`select summary->'buyer'->>'name' as name from procurement_risk_assessments where ${where} limit 1`
      : sql`select p->>'name' as name from procurement_risk_assessments,
          jsonb_array_elements(coalesce(summary->'suppliers', '[]'::jsonb) || coalesce(summary->'tenderers', '[]'::jsonb)) p
          where ${where} and p->>'id' = ${id} limit 1`;
  const partnersSql =
    role === 'buyer'
      ? sql`select s->>'id' as id, min(s->>'name') as name, count(*)::int as processes, count(*)::int as wins
          from procurement_risk_assessments, jsonb_array_elements(coalesce(summary->'suppliers', '[]'::jsonb)) s
          where ${where} group by 1 order by processes desc, wins desc, id limit ${top}`
      : sql`select buyer_id as id, min(summary->'buyer'->>'name') as name, count(*)::int as processes, (count(*) filter (where ${won}))::int as wins
          from procurement_risk_assessments where ${where} and buyer_id is not null
          group by 1 order by processes desc, wins desc, id limit ${top}`;
  const [name, totals, byMonth, partners, competitors] = await Promise.all([
    db.execute(nameSql),
    db.execute(
      sql`select count(*)::int as participated, (count(*) filter (where ${won}))::int as wins from procurement_risk_assessments where ${where}`,
    ),
    db.execute(sql`select substr(date, 1, 7) as month, sum(flag_count)::int as flags, count(*)::int as processes
      from procurement_risk_assessments where ${where} and date ~ '^[0-9]{4}-[0-9]{2}' group by 1 order by 1`),
    db.execute(partnersSql),
    role === 'buyer'
      ? Promise.resolve([])
      : db.execute(sql`select t->>'id' as id, min(t->>'name') as name, count(*)::int as processes, 0 as wins
          from procurement_risk_assessments, jsonb_array_elements(coalesce(summary->'tenderers', '[]'::jsonb)) t
          where ${where} and t->>'id' <> ${id} group by 1 order by processes desc, id limit ${top}`),
  ]);
  const t = rowsOf<{ participated: number; wins: number }>(totals)[0];
  return {
    name: rowsOf<{ name: string | null }>(name)[0]?.name ?? null,
    participated: t?.participated ?? 0,
    wins: t?.wins ?? 0,
    byMonth: rowsOf(byMonth),
    partners: rowsOf(partners),
    competitors: rowsOf<{ id: string; name: string; processes: number; wins: number }>(competitors).map((c) => ({ ...c, wins: Number(c.wins) })),
  };
}

/** A page of a party's processes, newest first (keyset on date, ocid; processes without a date last). */
export async function listPartyProcesses(
  db: Db,
  siteId: string,
  role: 'buyer' | 'supplier',
  id: string,
  opts: { after?: { date: string; ocid: string }; limit: number },
): Promise<RiskAssessmentRow[]> {
  const a = procurementRiskAssessments;
  // Undated processes sort as '' (after every date in descending order).
  const dateKey = sql`coalesce(${a.date}, '')`;
  return db
    .select()
    .from(a)
    .where(
      and(
        eq(a.siteId, siteId),
        partyCondition(role, id),
        opts.after ? sql`(${dateKey}, ${a.ocid}) < (${opts.after.date}, ${opts.after.ocid})` : undefined,
      ),
    )
    .orderBy(desc(dateKey), desc(a.ocid))
    .limit(opts.limit);
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

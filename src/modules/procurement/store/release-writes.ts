import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { newId } from '../../../kernel/ids.js';
import {
  procurementCorrections,
  procurementIngests,
  procurementProcesses,
  procurementReleases,
  procurementVersions,
  type FieldChange,
  type IngestRow,
  type IngestSummary,
} from './tables.js';

type Obj = Record<string, unknown>;

/** A release to store, with its identity. */
export interface NewRelease {
  ocid: string;
  releaseId: string;
  hash: string;
  date: string | null;
  tag: string[] | null;
  data: Obj;
}

/**
 * Serialises writers of one site's processes until the end of the current transaction (a PostgreSQL
 * transaction-level advisory lock), so two ingests of the same process cannot give two versions the same number.
 */
export async function lockSiteIngest(db: Db, siteId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`procurement.ingest:${siteId}`}))`);
}

/** Which of these (ocid, release id, hash) identities are stored already, as `ocid\u0000releaseId\u0000hash` keys. */
export async function findStoredReleaseKeys(
  db: Db,
  siteId: string,
  releases: Pick<NewRelease, 'ocid' | 'releaseId' | 'hash'>[],
): Promise<Set<string>> {
  if (releases.length === 0) return new Set();
  const rows = await db
    .select({ ocid: procurementReleases.ocid, releaseId: procurementReleases.releaseId, hash: procurementReleases.hash })
    .from(procurementReleases)
    .where(
      and(
        eq(procurementReleases.siteId, siteId),
        inArray(procurementReleases.ocid, [...new Set(releases.map((r) => r.ocid))]),
        inArray(
          procurementReleases.hash,
          releases.map((r) => r.hash),
        ),
      ),
    );
  return new Set(rows.map((r) => `${r.ocid}\u0000${r.releaseId}\u0000${r.hash}`));
}

/** Inserts the releases not stored yet (same ocid, id and hash); returns the ones inserted. */
export async function insertNewReleases(
  db: Db,
  siteId: string,
  releases: NewRelease[],
  meta: { sourceId: string | null; ingestId: string | null; now: Date },
): Promise<{ id: string; ocid: string; releaseId: string; hash: string }[]> {
  if (releases.length === 0) return [];
  return db
    .insert(procurementReleases)
    .values(
      releases.map((r) => ({
        id: newId(),
        siteId,
        ocid: r.ocid,
        releaseId: r.releaseId,
        hash: r.hash,
        date: r.date,
        tag: r.tag,
        sourceId: meta.sourceId,
        ingestId: meta.ingestId,
        data: r.data,
        receivedAt: meta.now,
      })),
    )
    .onConflictDoNothing()
    .returning({
      id: procurementReleases.id,
      ocid: procurementReleases.ocid,
      releaseId: procurementReleases.releaseId,
      hash: procurementReleases.hash,
    });
}

/** A version row to add to a process's history. */
export interface NewVersion {
  ocid: string;
  version: number;
  releaseId: string;
  releaseDate: string | null;
  changes: FieldChange[];
}

/** Appends version rows; returns the highest `seq` given to each ocid. */
export async function insertVersions(
  db: Db,
  siteId: string,
  versions: NewVersion[],
  meta: { sourceId: string | null; now: Date },
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (versions.length === 0) return out;
  // Rows go in one statement at a time per chunk, in order, so seq follows version order.
  for (let i = 0; i < versions.length; i += 200) {
    const rows = await db
      .insert(procurementVersions)
      .values(versions.slice(i, i + 200).map((v) => ({ siteId, ...v, sourceId: meta.sourceId, createdAt: meta.now })))
      .returning({ ocid: procurementVersions.ocid, seq: procurementVersions.seq });
    for (const r of rows) out.set(r.ocid, Math.max(out.get(r.ocid) ?? 0, r.seq));
  }
  return out;
}

/** A process row to write (insert or replace). */
export type ProcessWrite = Omit<typeof procurementProcesses.$inferInsert, 'siteId'>;

/** Inserts or replaces process rows. */
export async function upsertProcesses(db: Db, siteId: string, rows: ProcessWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const p = procurementProcesses;
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insert(p)
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, siteId })))
      .onConflictDoUpdate({
        target: [p.siteId, p.ocid],
        set: {
          compiled: excluded('compiled'),
          sourceId: excluded('source_id'),
          title: excluded('title'),
          buyerId: excluded('buyer_id'),
          buyerName: excluded('buyer_name'),
          status: excluded('status'),
          procurementMethod: excluded('procurement_method'),
          procurementMethodDetails: excluded('procurement_method_details'),
          amount: excluded('amount'),
          currency: excluded('currency'),
          date: excluded('date'),
          releaseCount: excluded('release_count'),
          version: excluded('version'),
          changeSeq: excluded('change_seq'),
          updatedAt: excluded('updated_at'),
        },
      });
  }
}

/** One correction or quality issue from `prepare`. */
export interface CorrectionWrite {
  ocid: string;
  path: string;
  indexes: string;
  value: string;
  correction: string;
  kind: 'correction' | 'issue';
}

/** Replaces the corrections logged for these ocids by `rows`. */
export async function replaceCorrections(
  db: Db,
  siteId: string,
  ocids: string[],
  rows: CorrectionWrite[],
  meta: { sourceId: string | null; now: Date },
): Promise<void> {
  if (ocids.length > 0)
    await db.delete(procurementCorrections).where(and(eq(procurementCorrections.siteId, siteId), inArray(procurementCorrections.ocid, ocids)));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(procurementCorrections)
      .values(rows.slice(i, i + 500).map((r) => ({ id: newId(), siteId, ...r, sourceId: meta.sourceId, createdAt: meta.now })));
  }
}

/** Starts an ingest run row (status `running`). */
export async function createIngest(db: Db, siteId: string, input: { sourceId: string | null; label: string; now: Date }): Promise<string> {
  const id = newId();
  await db.insert(procurementIngests).values({ id, siteId, sourceId: input.sourceId, label: input.label, status: 'running', startedAt: input.now });
  return id;
}

/** Records how an ingest run ended. */
export async function finishIngest(
  db: Db,
  siteId: string,
  id: string,
  outcome: { status: 'done' | 'failed'; bytes: number; summary: IngestSummary; error?: string; now: Date },
): Promise<void> {
  await db
    .update(procurementIngests)
    .set({ status: outcome.status, bytes: outcome.bytes, summary: outcome.summary, error: outcome.error ?? null, finishedAt: outcome.now })
    .where(and(eq(procurementIngests.siteId, siteId), eq(procurementIngests.id, id)));
}

/** One ingest run, or null. */
export async function getIngest(db: Db, siteId: string, id: string): Promise<IngestRow | null> {
  const [row] = await db
    .select()
    .from(procurementIngests)
    .where(and(eq(procurementIngests.siteId, siteId), eq(procurementIngests.id, id)))
    .limit(1);
  return row ?? null;
}

/** The latest ingest runs of a site, newest first. */
export async function listIngests(db: Db, siteId: string, limit = 20): Promise<IngestRow[]> {
  return db
    .select()
    .from(procurementIngests)
    .where(eq(procurementIngests.siteId, siteId))
    .orderBy(sql`${procurementIngests.startedAt} desc`)
    .limit(limit);
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import { inList, rowsOf, type Db } from '../../../db/connection.js';
import { newId } from '../../../kernel/ids.js';
import {
  procurementCorrections,
  procurementIngests,
  procurementProcesses,
  procurementReleases,
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
        inList(procurementReleases.ocid, [...new Set(releases.map((r) => r.ocid))], 'text'),
        inList(
          procurementReleases.hash,
          releases.map((r) => r.hash),
          'text',
        ),
      ),
    );
  return new Set(rows.map((r) => `${r.ocid}\u0000${r.releaseId}\u0000${r.hash}`));
}

/**
 * Which of these releases (ocid, release id) an earlier batch of the same ingest stored with other
 * content (another hash): the same release id given twice in one file with different data, which
 * OCDS forbids (a release id is unique within its ocid). Keys are `ocid\u0000releaseId`.
 */
export async function findConflictingReleases(
  db: Db,
  siteId: string,
  ingestId: string,
  releases: Pick<NewRelease, 'ocid' | 'releaseId' | 'hash'>[],
): Promise<Set<string>> {
  if (releases.length === 0) return new Set();
  const rows = releases.map((r) => ({ ocid: r.ocid, release_id: r.releaseId, hash: r.hash }));
  const result = await db.execute(sql`
    select distinct r.ocid, r.release_id
    from ${recordset(rows, 'ocid text, release_id text, hash text')}
    join procurement_releases r on r.site_id = ${siteId}::uuid and r.ocid = x.ocid and r.release_id = x.release_id
    where r.ingest_id = ${ingestId}::uuid and r.hash <> x.hash`);
  return new Set(rowsOf<{ ocid: string; release_id: string }>(result).map((r) => `${r.ocid}\u0000${r.release_id}`));
}

/**
 * Rows handed to PostgreSQL as one JSON parameter and read back with `jsonb_to_recordset`: one bound
 * value per batch instead of one per column and row, which is where most of an ingest's CPU went
 * (the query builder walks every value, large jsonb ones included).
 */
function recordset(rows: unknown[], columns: string) {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(columns)})`;
}

/** Inserts the releases not stored yet (same ocid, id and hash); returns the ones inserted. */
export async function insertNewReleases(
  db: Db,
  siteId: string,
  releases: NewRelease[],
  meta: { sourceId: string | null; ingestId: string | null; now: Date },
): Promise<{ id: string; ocid: string; releaseId: string; hash: string }[]> {
  if (releases.length === 0) return [];
  const rows = releases.map((r) => ({ id: newId(), ocid: r.ocid, release_id: r.releaseId, hash: r.hash, date: r.date, tag: r.tag, data: r.data }));
  const result = await db.execute(sql`
    insert into procurement_releases (id, site_id, ocid, release_id, hash, date, tag, source_id, ingest_id, data, received_at)
    select x.id, ${siteId}::uuid, x.ocid, x.release_id, x.hash, x.date, x.tag, ${meta.sourceId}::uuid, ${meta.ingestId}::uuid, x.data, ${meta.now.toISOString()}::timestamptz
    from ${recordset(rows, 'id uuid, ocid text, release_id text, hash text, date text, tag jsonb, data jsonb')}
    on conflict do nothing
    returning id, ocid, release_id, hash`);
  return rowsOf<{ id: string; ocid: string; release_id: string; hash: string }>(result).map((r) => ({
    id: r.id,
    ocid: r.ocid,
    releaseId: r.release_id,
    hash: r.hash,
  }));
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
  // One statement per chunk, rows in order (ordinality), so seq follows version order.
  for (let i = 0; i < versions.length; i += 500) {
    const batch = versions
      .slice(i, i + 500)
      .map((v) => ({ ocid: v.ocid, version: v.version, release_id: v.releaseId, release_date: v.releaseDate, changes: v.changes }));
    const result = await db.execute(sql`
      insert into procurement_versions (site_id, ocid, version, release_id, release_date, source_id, changes, created_at)
      select ${siteId}::uuid, x.ocid, x.version, x.release_id, x.release_date, ${meta.sourceId}::uuid, x.changes, ${meta.now.toISOString()}::timestamptz
      from rows from (jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as (ocid text, version integer, release_id text, release_date text, changes jsonb))
        with ordinality as x(ocid, version, release_id, release_date, changes, n)
      order by x.n
      returning ocid, seq`);
    for (const r of rowsOf<{ ocid: string; seq: string | number }>(result)) out.set(r.ocid, Math.max(out.get(r.ocid) ?? 0, Number(r.seq)));
  }
  return out;
}

/** A process row to write (insert or replace). */
export type ProcessWrite = Omit<typeof procurementProcesses.$inferInsert, 'siteId'>;

/** Inserts or replaces process rows. */
export async function upsertProcesses(db: Db, siteId: string, rows: ProcessWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200).map((r) => ({
      ocid: r.ocid,
      compiled: r.compiled,
      source_id: r.sourceId ?? null,
      title: r.title ?? null,
      buyer_id: r.buyerId ?? null,
      buyer_name: r.buyerName ?? null,
      status: r.status ?? null,
      procurement_method: r.procurementMethod ?? null,
      procurement_method_details: r.procurementMethodDetails ?? null,
      amount: r.amount ?? null,
      currency: r.currency ?? null,
      date: r.date ?? null,
      release_count: r.releaseCount,
      version: r.version,
      change_seq: r.changeSeq,
      updated_at: r.updatedAt,
    }));
    const columns = Object.keys(batch[0]).join(', ');
    const updates = Object.keys(batch[0])
      .filter((c) => c !== 'ocid')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    await db.execute(sql`
      insert into procurement_processes (site_id, ${sql.raw(columns)})
      select ${siteId}::uuid, ${sql.raw(columns)}
      from ${recordset(
        batch,
        'ocid text, compiled jsonb, source_id uuid, title text, buyer_id text, buyer_name text, status text, procurement_method text, procurement_method_details text, amount double precision, currency text, date text, release_count integer, version integer, change_seq bigint, updated_at timestamptz',
      )}
      on conflict (site_id, ocid) do update set ${sql.raw(updates)}`);
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

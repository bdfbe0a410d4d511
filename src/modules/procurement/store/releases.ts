import { and, asc, desc, eq, gt, ilike, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { decodeCursor, encodeCursor, type Page } from '../../../kernel/pagination.js';
import {
  procurementCorrections,
  procurementProcesses,
  procurementReleases,
  procurementVersions,
  type CorrectionRow,
  type ProcessRow,
  type ReleaseRow,
  type VersionRow,
} from './tables.js';

type Obj = Record<string, unknown>;

/** A compiled release as the risk side reads it: `changeSeq` grows on every change of the process. */
export interface CompiledReleaseItem {
  ocid: string;
  compiled: Obj;
  changeSeq: number;
  version: number;
  sourceId: string | null;
  updatedAt: Date;
}

/**
 * The compiled releases of a site in order of their last change (`changeSeq`), after `after` (the
 * `changeSeq` of the last one read; omit to start from the beginning), at most `limit` (default 500).
 * Reading with `after` = the last item's `changeSeq` until an empty page gives every process changed since.
 */
export async function listCompiledReleases(db: Db, siteId: string, opts: { after?: number; limit?: number } = {}): Promise<CompiledReleaseItem[]> {
  const limit = Math.max(1, Math.min(opts.limit ?? 500, 10_000));
  const rows = await db
    .select({
      ocid: procurementProcesses.ocid,
      compiled: procurementProcesses.compiled,
      changeSeq: procurementProcesses.changeSeq,
      version: procurementProcesses.version,
      sourceId: procurementProcesses.sourceId,
      updatedAt: procurementProcesses.updatedAt,
    })
    .from(procurementProcesses)
    .where(and(eq(procurementProcesses.siteId, siteId), opts.after === undefined ? undefined : gt(procurementProcesses.changeSeq, opts.after)))
    .orderBy(asc(procurementProcesses.changeSeq))
    .limit(limit);
  return rows;
}

/** One process's row (compiled release and list columns), or null. */
export async function getProcess(db: Db, siteId: string, ocid: string): Promise<ProcessRow | null> {
  const [row] = await db
    .select()
    .from(procurementProcesses)
    .where(and(eq(procurementProcesses.siteId, siteId), eq(procurementProcesses.ocid, ocid)))
    .limit(1);
  return row ?? null;
}

/** A release as listed in a process's history (without its data). */
export type ReleaseSummary = Pick<ReleaseRow, 'releaseId' | 'hash' | 'date' | 'tag' | 'sourceId' | 'receivedAt'>;

/** Everything an auditor reads about one process: the compiled release, its releases, each version's changed fields, and the corrections applied. */
export interface ProcessHistory {
  process: ProcessRow;
  releases: ReleaseSummary[];
  /** Oldest first: version 1 is the first compiled release (every field "added"). */
  versions: VersionRow[];
  corrections: CorrectionRow[];
}

/** The compiled release of `ocid` with its releases, version history (fields changed, when, by which release) and `prepare` corrections; null when unknown. */
export async function getProcessHistory(db: Db, siteId: string, ocid: string): Promise<ProcessHistory | null> {
  const process = await getProcess(db, siteId, ocid);
  if (!process) return null;
  const [releases, versions, corrections] = await Promise.all([
    db
      .select({
        releaseId: procurementReleases.releaseId,
        hash: procurementReleases.hash,
        date: procurementReleases.date,
        tag: procurementReleases.tag,
        sourceId: procurementReleases.sourceId,
        receivedAt: procurementReleases.receivedAt,
      })
      .from(procurementReleases)
      .where(and(eq(procurementReleases.siteId, siteId), eq(procurementReleases.ocid, ocid)))
      .orderBy(asc(procurementReleases.date), asc(procurementReleases.seq)),
    db
      .select()
      .from(procurementVersions)
      .where(and(eq(procurementVersions.siteId, siteId), eq(procurementVersions.ocid, ocid)))
      .orderBy(asc(procurementVersions.version)),
    db
      .select()
      .from(procurementCorrections)
      .where(and(eq(procurementCorrections.siteId, siteId), eq(procurementCorrections.ocid, ocid)))
      .orderBy(asc(procurementCorrections.path), asc(procurementCorrections.indexes)),
  ]);
  return { process, releases, versions, corrections };
}

/** The stored releases (with data) of each ocid, in insertion order, leaving out the rows whose ids are in `except`. */
export async function loadReleasesOf(db: Db, siteId: string, ocids: string[], except: string[] = []): Promise<Map<string, ReleaseRow[]>> {
  const out = new Map<string, ReleaseRow[]>();
  if (ocids.length === 0) return out;
  const rows = await db
    .select()
    .from(procurementReleases)
    .where(
      and(
        eq(procurementReleases.siteId, siteId),
        inArray(procurementReleases.ocid, ocids),
        except.length > 0 ? notInArray(procurementReleases.id, except) : undefined,
      ),
    )
    .orderBy(asc(procurementReleases.seq));
  for (const row of rows) {
    const list = out.get(row.ocid);
    if (list) list.push(row);
    else out.set(row.ocid, [row]);
  }
  return out;
}

/** The process rows of these ocids, by ocid. */
export async function loadProcesses(db: Db, siteId: string, ocids: string[]): Promise<Map<string, ProcessRow>> {
  if (ocids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(procurementProcesses)
    .where(and(eq(procurementProcesses.siteId, siteId), inArray(procurementProcesses.ocid, ocids)));
  return new Map(rows.map((r) => [r.ocid, r]));
}

/** Filters of the process list. `q` matches the ocid or the title (case-insensitive substring). */
export interface ProcessFilters {
  q?: string;
  buyerId?: string;
  status?: string;
  procurementMethod?: string;
  sourceId?: string;
  /** Processes whose compiled `date` is on or after / before these ISO dates. */
  dateFrom?: string;
  dateTo?: string;
}

/** A process in a list (without the compiled release). */
export type ProcessListItem = Omit<ProcessRow, 'compiled'>;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Processes newest first (compiled `date`, then ocid), filtered, with keyset cursor pagination. */
export async function listProcesses(
  db: Db,
  siteId: string,
  filters: ProcessFilters,
  page: { cursor?: string; limit: number },
): Promise<Page<ProcessListItem>> {
  const p = procurementProcesses;
  const where: (SQL | undefined)[] = [eq(p.siteId, siteId)];
  if (filters.q) where.push(or(ilike(p.ocid, `%${escapeLike(filters.q)}%`), ilike(p.title, `%${escapeLike(filters.q)}%`)));
  if (filters.buyerId) where.push(eq(p.buyerId, filters.buyerId));
  if (filters.status) where.push(eq(p.status, filters.status));
  if (filters.procurementMethod) where.push(eq(p.procurementMethod, filters.procurementMethod));
  if (filters.sourceId) where.push(eq(p.sourceId, filters.sourceId));
  if (filters.dateFrom) where.push(sql`${p.date} >= ${filters.dateFrom}`);
  if (filters.dateTo) where.push(sql`${p.date} < ${filters.dateTo}`);
  // Processes without a date sort last; they compare as ''.
  const dateKey = sql<string>`coalesce(${p.date}, '')`;
  if (page.cursor) {
    const [date, ocid] = decodeCursor(page.cursor, 2) as [string, string];
    if (typeof date !== 'string' || typeof ocid !== 'string') decodeCursor('', 2);
    where.push(or(lt(dateKey, date), and(eq(dateKey, date), gt(p.ocid, ocid))));
  }
  const rows = (await db
    .select({
      siteId: p.siteId,
      ocid: p.ocid,
      sourceId: p.sourceId,
      title: p.title,
      buyerId: p.buyerId,
      buyerName: p.buyerName,
      status: p.status,
      procurementMethod: p.procurementMethod,
      procurementMethodDetails: p.procurementMethodDetails,
      amount: p.amount,
      currency: p.currency,
      date: p.date,
      releaseCount: p.releaseCount,
      version: p.version,
      changeSeq: p.changeSeq,
      updatedAt: p.updatedAt,
    })
    .from(p)
    .where(and(...where))
    .orderBy(desc(dateKey), asc(p.ocid))
    .limit(page.limit + 1)) as ProcessListItem[];
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.date ?? '', last.ocid]) : null };
}

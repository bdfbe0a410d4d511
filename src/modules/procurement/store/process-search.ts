import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { PartyRef } from '../core/risk-process.js';

/** Filters of the public process search (all optional; they combine with AND). */
export interface ProcessSearchFilters {
  /** Words of the title, or part of the ocid. */
  q?: string;
  /** A buyer's id, or part of its name. */
  buyer?: string;
  /** A supplier's id, or part of its name (suppliers of the active awards). */
  supplier?: string;
  /** Expected value at least / at most, in the reference currency when one is given (values without a rate are then left out). */
  valueMin?: number;
  valueMax?: number;
  /** The process's date (its latest release) on or after / on or before these days (YYYY-MM-DD). */
  dateFrom?: string;
  dateTo?: string;
  status?: string;
  /** An indicator that flags the process. */
  indicator?: string;
  /** The risk level (bucket) of the last risk run. */
  bucket?: string;
  /** A published audit outcome. */
  outcome?: 'violation' | 'no_violation';
}

/** A process in the public list: what it is, who buys and supplies, its value (also in the reference currency), risk, and the published audit outcome. */
export interface ProcessSearchRow {
  ocid: string;
  title: string | null;
  buyerId: string | null;
  buyerName: string | null;
  suppliers: PartyRef[];
  status: string | null;
  value: number | null;
  currency: string | null;
  /** The value in the reference currency (by the rate of the process's date or the last before); null when it has none. */
  comparableValue: number | null;
  date: string | null;
  score: number | null;
  bucket: string | null;
  flags: string[];
  outcome: 'violation' | 'no_violation' | null;
  publishedAt: Date | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Searches a site's processes, newest first (the latest release's date, then ocid; undated last),
 * one page after the keyset `after`. Reads the process columns, the last risk assessment and the
 * published audit outcome only (unpublished triage never leaves this query). `reference` is the
 * currency values are compared in; without it, value bounds compare the amounts as written.
 */
export async function searchProcesses(
  db: Db,
  siteId: string,
  filters: ProcessSearchFilters,
  opts: { reference: string | null; after?: { date: string; ocid: string }; limit: number },
): Promise<ProcessSearchRow[]> {
  const where: SQL[] = [sql`p.site_id = ${siteId}`];
  const like = (s: string) => `%${escapeLike(s)}%`;
  if (filters.q) where.push(sql`(p.title ilike ${like(filters.q)} or p.ocid ilike ${like(filters.q)})`);
  if (filters.buyer) where.push(sql`(p.buyer_id = ${filters.buyer} or p.buyer_name ilike ${like(filters.buyer)})`);
  if (filters.supplier)
    where.push(sql`(a.supplier_ids @> array[${filters.supplier}]::text[] or exists (
      select 1 from jsonb_array_elements(coalesce(a.summary->'suppliers', '[]'::jsonb)) s where s->>'name' ilike ${like(filters.supplier)}))`);
  if (filters.dateFrom) where.push(sql`p.date >= ${filters.dateFrom}`);
  // A date-time on the last day still counts: compare with the next day.
  if (filters.dateTo) where.push(sql`p.date < (${filters.dateTo}::date + 1)::text`);
  if (filters.status) where.push(sql`p.status = ${filters.status}`);
  if (filters.indicator) where.push(sql`a.flags ? ${filters.indicator}`);
  if (filters.bucket) where.push(sql`a.bucket = ${filters.bucket}`);
  if (filters.outcome) where.push(sql`t.published_at is not null and t.outcome = ${filters.outcome}`);
  const comparable = opts.reference
    ? sql`(case when upper(p.currency) = ${opts.reference} then p.amount else p.amount / fx.rate end)`
    : sql`p.amount`;
  if (filters.valueMin !== undefined) where.push(sql`${comparable} >= ${filters.valueMin}`);
  if (filters.valueMax !== undefined) where.push(sql`${comparable} <= ${filters.valueMax}`);
  const dateKey = sql`coalesce(p.date, '')`;
  if (opts.after) where.push(sql`(${dateKey} < ${opts.after.date} or (${dateKey} = ${opts.after.date} and p.ocid > ${opts.after.ocid}))`);
  // The rate of the process's date (its start, else its latest release) or the last before it.
  const fx = opts.reference
    ? sql`left join lateral (
        select r.rate from procurement_exchange_rates r
        where r.site_id = p.site_id and r.base = ${opts.reference} and r.currency = upper(p.currency)
          and r.date <= substr(coalesce(a.date, p.date), 1, 10)
        order by r.date desc limit 1) fx on true`
    : sql`left join lateral (select null::float8 as rate) fx on true`;
  const rows = rowsOf<Omit<ProcessSearchRow, 'publishedAt'> & { publishedAt: string | Date | null }>(
    await db.execute(sql`
      select p.ocid, p.title, p.buyer_id as "buyerId", p.buyer_name as "buyerName",
        coalesce(a.summary->'suppliers', '[]'::jsonb) as suppliers,
        p.status, p.amount as value, p.currency, ${comparable}::float8 as "comparableValue", p.date,
        a.score, a.bucket, coalesce(array(select jsonb_object_keys(a.flags) order by 1), '{}') as flags,
        case when t.published_at is not null then t.outcome end as outcome, t.published_at as "publishedAt"
      from procurement_processes p
      left join procurement_risk_assessments a on a.site_id = p.site_id and a.ocid = p.ocid
      left join procurement_risk_triage t on t.site_id = p.site_id and t.ocid = p.ocid and t.published_at is not null
      ${fx}
      where ${sql.join(where, sql` and `)}
      order by ${dateKey} desc, p.ocid asc
      limit ${opts.limit}`),
  );
  return rows.map((r) => ({
    ...r,
    flags: r.flags ?? [],
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
  }));
}

/** The statuses the site's processes have, for the search form. */
export async function listProcessStatuses(db: Db, siteId: string): Promise<string[]> {
  const rows = rowsOf<{ status: string }>(
    await db.execute(
      sql`select distinct status from procurement_processes where site_id = ${siteId} and status is not null order by status limit 50`,
    ),
  );
  return rows.map((r) => r.status);
}

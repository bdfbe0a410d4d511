import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { invalidInput } from '../../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { parseInput } from '../../../kernel/validation.js';
import type { UnconvertedReason } from '../core/currency.js';
import type { PartyRef } from '../core/risk-process.js';
import { RISK_BUCKETS, RISK_CODES, type RiskBucket } from '../core/risk-score.js';
import { getReferenceCurrency } from '../store/currency.js';
import { listProcessStatuses, searchProcesses } from '../store/process-search.js';

const day = z
  .string()
  .trim()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'must be a date (YYYY-MM-DD)', params: { reason: 'invalid_date' } },
  );
const amount = z.coerce.number({ message: 'must be a number' }).finite('must be a number').min(0, 'must be 0 or more');
/** '' from an empty form field counts as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** Input of `searchPublicProcesses` (query parameters of the process list page and API). */
export const processSearchInput = z
  .object({
    q: optional(z.string().trim().max(200, 'must be at most 200 characters')),
    buyer: optional(z.string().trim().max(200, 'must be at most 200 characters')),
    supplier: optional(z.string().trim().max(200, 'must be at most 200 characters')),
    valueMin: optional(amount),
    valueMax: optional(amount),
    dateFrom: optional(day),
    dateTo: optional(day),
    status: optional(z.string().trim().max(50, 'must be at most 50 characters')),
    indicator: optional(z.enum(RISK_CODES, { message: 'must be an indicator code' })),
    risk: optional(z.enum(RISK_BUCKETS, { message: 'must be low, medium or high' })),
    outcome: optional(z.enum(['violation', 'no_violation'], { message: 'must be violation or no_violation' })),
    cursor: optional(z.string().max(500)),
    limit: optional(
      z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.valueMin !== undefined && v.valueMax !== undefined && v.valueMin > v.valueMax)
      ctx.addIssue({ code: 'custom', path: ['valueMax'], message: 'must not be less than the lowest value', params: { reason: 'max_below_min' } });
    if (v.dateFrom && v.dateTo && v.dateFrom > v.dateTo)
      ctx.addIssue({ code: 'custom', path: ['dateTo'], message: 'must not be before the first date', params: { reason: 'end_before_start' } });
  });

/** A process in the public list. */
export interface PublicProcessItem {
  ocid: string;
  title: string;
  buyer: PartyRef | null;
  suppliers: PartyRef[];
  status: string | null;
  value: number | null;
  currency: string | null;
  /** The value in `referenceCurrency` by the rate of the process's date; null when it has no rate (then `valueNotConverted` says why). */
  comparableValue: number | null;
  valueNotConverted: UnconvertedReason | null;
  date: string | null;
  score: number | null;
  risk: RiskBucket | null;
  flags: string[];
  /** The audit outcome, once an auditor published it. */
  audit: { outcome: 'violation' | 'no_violation'; publishedAt: string } | null;
}

/** Results per page by default. */
const PAGE = 25;

/**
 * The public list of processes, filtered (buyer, supplier, value range in the site's reference
 * currency, date range, status, indicator, risk level, published outcome) and paged newest first.
 * Anyone may search; only published audit outcomes appear.
 */
export async function searchPublicProcesses(
  deps: Deps,
  siteId: string,
  input: unknown,
): Promise<{ items: PublicProcessItem[]; nextCursor: string | null; referenceCurrency: string | null; statuses: string[] }> {
  const f = parseInput(processSearchInput, input ?? {});
  const limit = f.limit ?? PAGE;
  let after: { date: string; ocid: string } | undefined;
  if (f.cursor) {
    const [date, ocid] = decodeCursor(f.cursor, 2);
    if (typeof date !== 'string' || typeof ocid !== 'string')
      throw invalidInput({ cursor: 'not a cursor issued by this API' }, undefined, { cursor: { reason: 'cursor_invalid' } });
    after = { date, ocid };
  }
  const reference = await getReferenceCurrency(deps.db, siteId);
  const [rows, statuses] = await Promise.all([
    searchProcesses(
      deps.db,
      siteId,
      {
        q: f.q,
        buyer: f.buyer,
        supplier: f.supplier,
        valueMin: f.valueMin,
        valueMax: f.valueMax,
        dateFrom: f.dateFrom,
        dateTo: f.dateTo,
        status: f.status,
        indicator: f.indicator,
        bucket: f.risk,
        outcome: f.outcome,
      },
      { reference, after, limit: limit + 1 },
    ),
    listProcessStatuses(deps.db, siteId),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    referenceCurrency: reference,
    statuses,
    nextCursor: rows.length > limit && last ? encodeCursor([last.date ?? '', last.ocid]) : null,
    items: page.map((r) => ({
      ocid: r.ocid,
      title: r.title ?? r.ocid,
      buyer: r.buyerId ? { id: r.buyerId, name: r.buyerName ?? r.buyerId } : null,
      suppliers: r.suppliers,
      status: r.status,
      value: r.value,
      currency: r.currency,
      comparableValue: reference ? r.comparableValue : null,
      valueNotConverted:
        // Without a reference currency nothing is converted, and nothing is compared either.
        r.value === null || !reference || r.comparableValue !== null ? null : !r.currency ? 'no_currency' : !r.date ? 'no_date' : 'no_rate',
      date: r.date,
      score: r.score,
      risk: r.bucket && (RISK_BUCKETS as readonly string[]).includes(r.bucket) ? (r.bucket as RiskBucket) : null,
      flags: r.flags,
      audit: r.outcome && r.publishedAt ? { outcome: r.outcome, publishedAt: r.publishedAt.toISOString() } : null,
    })),
  };
}

import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { AppError } from '../../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import { authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { computeIndicatorPrecision, type IndicatorPrecision } from '../core/risk-precision.js';
import type { ProcessSummary } from '../core/risk-process.js';
import { orderAuditQueue, QUEUE_STATUSES, selectForAudit } from '../core/risk-queue.js';
import { RISK_BUCKETS, RISK_CODES, type RiskBucket } from '../core/risk-score.js';
import { countFlagsByCode, getRiskAssessments, listQueueCandidates, listTriage } from '../store/risk.js';
import type { RiskTriageRow, TriageOutcome, TriageStatus } from '../store/risk-tables.js';
import { convertValue, type UnconvertedReason } from '../core/currency.js';
import { loadRateTable } from './exchange-rates.js';
import { getRiskSettings } from './risk-settings.js';
import { TRIAGE_PERMISSION } from './risk-triage.js';
import { readBucket } from './risk-views.js';

/** Input of `getAuditQueue` (query parameters of the queue page and API). */
export const queueInput = z.object({
  bucket: z.enum(RISK_BUCKETS, { message: 'must be low, medium or high' }).optional(),
  indicator: z.enum(RISK_CODES, { message: 'must be an indicator code' }).optional(),
  region: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  status: z.enum(QUEUE_STATUSES, { message: 'must be one of ' + QUEUE_STATUSES.join(', ') }).default('open'),
  order: z.enum(['average', 'interleave'], { message: 'must be average or interleave' }).default('average'),
  selection: z.enum(['all', 'sas'], { message: 'must be all or sas' }).default('all'),
  cursor: z.string().optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
});

/** One process in the auditors' queue. */
export interface QueueItem {
  position: number;
  ocid: string;
  title: string;
  buyer: ProcessSummary['buyer'];
  region: string | null;
  value: number | null;
  currency: string | null;
  date: string | null;
  /** The value in `referenceCurrency`, as ranked; null when it could not be converted (see `valueNotConverted`). */
  comparableValue: number | null;
  /** The currency values are compared in (null: none, as the values are in several currencies and no reference currency is set). */
  referenceCurrency: string | null;
  /** Why the value is shown unconverted and ranked as if unknown (no rate on or before the process date, ...); null when converted. */
  valueNotConverted: UnconvertedReason | null;
  score: number;
  bucket: RiskBucket;
  riskRank: number;
  valueRank: number;
  priority: number;
  /** Chosen by the State Audit Service's shares per bucket and per procuring entity (selectForAudit). */
  selected: boolean;
  flags: string[];
  triage: { status: TriageStatus; assigneeId: string | null; assigneeName: string | null; outcome: TriageOutcome | null } | null;
}

function matchesStatus(status: (typeof QUEUE_STATUSES)[number], triage: RiskTriageRow | undefined): boolean {
  if (status === 'all') return true;
  if (status === 'open') return triage?.status !== 'closed';
  if (status === 'unassigned') return !triage;
  return triage?.status === status;
}

/**
 * The auditors' queue: flagged processes (score > 0) ranked over the whole flagged set by
 * `orderAuditQueue` (half risk rank, half value rank, values in the site's reference currency by
 * the rate of each process's date; unconvertible values rank as unknown and say why), marked `selected` by the State Audit
 * Service's shares (`selectForAudit`, buyer as procuring entity), then filtered (`selection=sas`
 * keeps the selected only) (bucket, indicator, region,
 * triage state) so positions stay those of the full queue. Auditors only.
 */
export async function getAuditQueue(
  deps: Deps,
  siteId: string,
  actor: Actor,
  input: unknown,
): Promise<{ items: QueueItem[]; nextCursor: string | null; total: number; regions: string[] }> {
  authorize(deps.permissions, actor, TRIAGE_PERMISSION);
  const q = parseInput(queueInput, input ?? {});
  const offset = q.cursor === undefined ? 0 : Number(decodeCursor(q.cursor, 1)[0]);
  if (!Number.isInteger(offset) || offset < 0)
    throw new AppError('invalid_input', 'The cursor is not valid.', {
      fields: { cursor: 'not a cursor issued by this API' },
      reasons: { cursor: { reason: 'invalid' } },
    });
  // Ranks are over the whole flagged set, so every candidate is read, but only the columns ranking
  // and filters need; summaries are read for the page shown.
  const [rows, triageRows] = await Promise.all([listQueueCandidates(deps.db, siteId), listTriage(deps.db, siteId)]);
  const triage = new Map(triageRows.map((t) => [t.ocid, t]));
  // Values are ranked in one currency: converted with the rate of the process's date (or the last
  // before it); a value that cannot be converted is not ranked by value (counts as unknown).
  const rates = await loadRateTable(
    deps,
    siteId,
    rows.filter((r) => r.value !== null).map((r) => r.currency),
  );
  const candidates = rows.map((r) => {
    const converted = r.value === null ? null : convertValue(rates, r.value, r.currency, r.date);
    return {
      ocid: r.ocid,
      row: r,
      score: r.score,
      value: converted?.converted ? converted.value : null,
      notConverted: converted && !converted.converted ? converted.reason : null,
    };
  });
  const regions = [...new Set(rows.map((r) => r.region).filter((r): r is string => !!r))].sort();
  const ordered = orderAuditQueue(candidates, q.order);
  const selected = selectForAudit(ordered.map((e) => ({ ocid: e.item.ocid, bucket: readBucket(e.item.row.bucket), entity: e.item.row.buyerId })));
  const filtered = ordered.filter((e) => {
    const r = e.item.row;
    if (q.selection === 'sas' && !selected.has(r.ocid)) return false;
    if (q.bucket && r.bucket !== q.bucket) return false;
    if (q.indicator && !(q.indicator in r.flags)) return false;
    if (q.region && r.region !== q.region) return false;
    return matchesStatus(q.status, triage.get(r.ocid));
  });
  const page = filtered.slice(offset, offset + q.limit);
  const summaries = new Map(
    (
      await getRiskAssessments(
        deps.db,
        siteId,
        page.map((e) => e.item.ocid),
      )
    ).map((r) => [r.ocid, r.summary]),
  );
  return {
    total: filtered.length,
    regions,
    nextCursor: offset + q.limit < filtered.length ? encodeCursor([offset + q.limit]) : null,
    items: page.map((e) => {
      const r = e.item.row;
      const t = triage.get(r.ocid);
      const summary = summaries.get(r.ocid);
      return {
        position: e.position,
        ocid: r.ocid,
        title: summary?.title ?? r.ocid,
        buyer: summary?.buyer ?? null,
        region: r.region,
        value: r.value,
        currency: summary?.currency ?? r.currency,
        date: summary?.date ?? r.date,
        comparableValue: e.item.value,
        referenceCurrency: rates?.reference ?? null,
        valueNotConverted: e.item.notConverted,
        score: e.item.score,
        bucket: readBucket(r.bucket),
        riskRank: e.riskRank,
        valueRank: e.valueRank,
        priority: e.priority,
        selected: selected.has(r.ocid),
        flags: Object.keys(r.flags).sort(),
        triage: t ? { status: t.status, assigneeId: t.assigneeId, assigneeName: t.assigneeName, outcome: t.outcome } : null,
      };
    }),
  };
}

/** The per-indicator precision report (auditors): outcomes recorded against the flags they had, and how many processes each indicator flags now. */
export async function getPrecisionReport(
  deps: Deps,
  siteId: string,
  actor: Actor,
): Promise<{ indicators: (IndicatorPrecision & { weight: number })[]; overall: { audited: number; confirmed: number; precision: number | null } }> {
  authorize(deps.permissions, actor, TRIAGE_PERMISSION);
  const [flaggedNow, triage, settings] = await Promise.all([
    countFlagsByCode(deps.db, siteId),
    listTriage(deps.db, siteId),
    getRiskSettings(deps, siteId),
  ]);
  const weights = settings.weights;
  const outcomes = triage
    .filter((t) => t.status === 'closed' && t.outcome)
    .map((t) => ({ flags: t.outcomeFlags ?? [], violation: t.outcome === 'violation' }));
  const report = computeIndicatorPrecision(outcomes, flaggedNow);
  return { ...report, indicators: report.indicators.map((i) => ({ ...i, weight: weights[i.code] })) };
}

/** Queue filters on triage state: `open` (default) is everything without an outcome. */
export const QUEUE_STATUSES = ['open', 'unassigned', 'assigned', 'monitoring', 'closed', 'all'] as const;

/** A process waiting for audit: its risk score and expected value (in one currency). */
export interface QueueCandidate {
  ocid: string;
  score: number;
  /** Expected value (`tender.value.amount`); missing counts as 0 for ranking. */
  value: number | null;
}

/** A process in queue order, with the ranks and priority that placed it. */
export interface QueueEntry<T extends QueueCandidate = QueueCandidate> {
  item: T;
  position: number;
  riskRank: number;
  valueRank: number;
  priority: number;
}

/** How the queue mixes risk and value: `average` (the State Audit Service's priority) or `interleave`. */
export type QueueOrder = 'average' | 'interleave';

/**
 * Fractional ("1 2.5 2.5 4") ranks, largest first: rank 1 is the largest; ties share the mean of
 * the positions they span.
 */
export function rankDescending(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].i] = rank;
    start = end + 1;
  }
  return ranks;
}

const byOcid = (a: QueueCandidate, b: QueueCandidate) => (a.ocid < b.ocid ? -1 : a.ocid > b.ocid ? 1 : 0);

/**
 * Orders the auditors' queue half by risk and half by value.
 *
 * `average` (default), the State Audit Service's rule: priority = 0.5 x riskRank + 0.5 x
 * valueRank, where riskRank ranks scores and valueRank expected values, largest first, with
 * fractional ranks for ties (rankDescending); the queue runs from the smallest priority; ties go to
 * the higher score, then the higher value, then the smaller ocid.
 * Source: /work/shared/references/procurement-indicators.md ("priority = 0.5 * rank(score) + 0.5 *
 * rank(expected value)").
 *
 * `interleave`: positions 1, 3, 5, ... take the next process not yet placed from the risk ranking
 * (score desc, then value desc, then ocid), positions 2, 4, 6, ... the next from the value ranking
 * (value desc, then score desc, then ocid); so of any 2k first entries, k came by risk and k by
 * value (fewer when one ranking's next entry was already placed by the other).
 */
export function orderAuditQueue<T extends QueueCandidate>(items: readonly T[], order: QueueOrder = 'average'): QueueEntry<T>[] {
  const value = (x: QueueCandidate) => x.value ?? 0;
  const riskRanks = rankDescending(items.map((x) => x.score));
  const valueRanks = rankDescending(items.map(value));
  const entries = items.map((item, i) => ({
    item,
    riskRank: riskRanks[i],
    valueRank: valueRanks[i],
    priority: 0.5 * riskRanks[i] + 0.5 * valueRanks[i],
    position: 0,
  }));
  let ordered: typeof entries;
  if (order === 'average') {
    ordered = [...entries].sort(
      (a, b) => a.priority - b.priority || b.item.score - a.item.score || value(b.item) - value(a.item) || byOcid(a.item, b.item),
    );
  } else {
    const byRisk = [...entries].sort((a, b) => b.item.score - a.item.score || value(b.item) - value(a.item) || byOcid(a.item, b.item));
    const byValue = [...entries].sort((a, b) => value(b.item) - value(a.item) || b.item.score - a.item.score || byOcid(a.item, b.item));
    const placed = new Set<(typeof entries)[number]>();
    ordered = [];
    let r = 0;
    let v = 0;
    while (ordered.length < entries.length) {
      const fromRisk = ordered.length % 2 === 0;
      const list = fromRisk ? byRisk : byValue;
      let k = fromRisk ? r : v;
      while (placed.has(list[k])) k++;
      placed.add(list[k]);
      ordered.push(list[k]);
      if (fromRisk) r = k + 1;
      else v = k + 1;
    }
  }
  return ordered.map((e, i) => ({ ...e, position: i + 1 }));
}

/** Shares of each risk bucket sent to auditors, over the whole bucket and within each procuring entity. */
export interface AuditSelectionShares {
  bucket: Record<'low' | 'medium' | 'high', number>;
  perEntity: Record<'low' | 'medium' | 'high', number>;
}

/**
 * The State Audit Service's selection: each bucket's top 20% (low), 30% (medium) and 10% (high)
 * plus the top 10% / 20% / 5% within each procuring entity (/work/shared/references/
 * procurement-indicators.md; the shares are listed there in bucket order low, medium, high).
 */
export const SAS_SELECTION_SHARES: AuditSelectionShares = Object.freeze({
  bucket: { low: 0.2, medium: 0.3, high: 0.1 },
  perEntity: { low: 0.1, medium: 0.2, high: 0.05 },
}) as AuditSelectionShares;

/**
 * Which queue entries go to auditors: within each bucket, the first ceil(share x n) entries in
 * queue order, plus within each (bucket, procuring entity) the first ceil(perEntity share x n) of
 * that entity's entries (so every entity with a flagged process in a bucket sends at least one).
 * `entries` must be in queue order; returns the selected ocids.
 */
export function selectForAudit(
  entries: readonly { ocid: string; bucket: 'low' | 'medium' | 'high'; entity: string | null }[],
  shares: AuditSelectionShares = SAS_SELECTION_SHARES,
): Set<string> {
  const selected = new Set<string>();
  const groups = new Map<string, { share: number; ocids: string[] }>();
  for (const e of entries) {
    const key = JSON.stringify([e.bucket]);
    const g = groups.get(key) ?? { share: shares.bucket[e.bucket], ocids: [] };
    g.ocids.push(e.ocid);
    groups.set(key, g);
    if (e.entity !== null) {
      const ekey = JSON.stringify([e.bucket, e.entity]);
      const eg = groups.get(ekey) ?? { share: shares.perEntity[e.bucket], ocids: [] };
      eg.ocids.push(e.ocid);
      groups.set(ekey, eg);
    }
  }
  for (const { share, ocids } of groups.values()) {
    const take = Math.ceil(share * ocids.length - 1e-9);
    for (const ocid of ocids.slice(0, take)) selected.add(ocid);
  }
  return selected;
}

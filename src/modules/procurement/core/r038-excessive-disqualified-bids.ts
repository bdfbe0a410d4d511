import { isDegenerate, computeQuartiles, readId, setMeta, setResult } from './common.js';
import type { IndicatorSettings } from './settings.js';
import type { Group, IndicatorCalculator, RunState } from './types.js';

interface Fraction {
  disqualified: number;
  submitted: number;
}

function add(map: Map<string, Fraction>, id: string, disqualified: number, submitted: number): void {
  let f = map.get(id);
  if (!f) map.set(id, (f = { disqualified: 0, submitted: 0 }));
  f.disqualified += disqualified;
  f.submitted += submitted;
}

function flag(state: RunState, group: Group, fractions: Map<string, Fraction>, minimum: number, threshold: number | undefined): void {
  const ratios = [...fractions].filter(([, f]) => f.submitted >= minimum).map(([id, f]) => [id, f.disqualified / f.submitted] as const);
  if (ratios.length === 0) return;
  let fence = threshold;
  if (fence === undefined) {
    const { q1, q3 } = computeQuartiles(ratios.map(([, r]) => r));
    setMeta(state, 'R038', `${group}_q1`, q1);
    setMeta(state, 'R038', `${group}_q3`, q3);
    if (isDegenerate(q1, q3)) return;
    fence = q3 + 1.5 * (q3 - q1);
  }
  setMeta(state, 'R038', `${group}_upper_fence`, fence);
  for (const [id, ratio] of ratios) if (ratio >= fence) setResult(state, group, id, 'R038', ratio);
}

/**
 * R038 Excessive disqualified bids. Flags a buyer, procuring entity or tenderer whose share of
 * disqualified bids among submitted bids is at or above the upper fence (Q3 + 1.5 IQR over its
 * group).
 *
 * Reads: `bids.details[].status`, `.tenderers[].id`, `buyer.id`, `tender.procuringEntity.id`.
 * Two passes: fractions accumulate per organisation, fences are set per group at the end.
 * Parameters: `threshold` (a ratio that replaces the fence); `minimum_submitted_bids` (default 2,
 * for tenderers) and `minimum_contracting_processes` (default 2, for buyers and procuring entities),
 * both compared with the organisation's number of submitted bids, as Cardinal does.
 * Output: Buyer / ProcuringEntity / Tenderer = the ratio.
 * Source: Cardinal, docs/cli/indicators/R/038.md and src/indicators/r038.rs.
 */
export function createR038(settings: NonNullable<IndicatorSettings['R038']>): IndicatorCalculator {
  const buyers = new Map<string, Fraction>();
  const entities = new Map<string, Fraction>();
  const tenderers = new Map<string, Fraction>();
  return {
    code: 'R038',
    accumulate(release, _ocid, _state, view) {
      let submitted = 0;
      let disqualified = 0;
      for (const bid of view.bids()) {
        if (!bid.submitted) continue;
        const d = bid.status === 'disqualified' ? 1 : 0;
        submitted += 1;
        disqualified += d;
        for (const id of bid.tendererIds) add(tenderers, id, d, 1);
      }
      if (submitted === 0) return;
      const buyer = readId(release.buyer);
      if (buyer !== undefined) add(buyers, buyer, disqualified, submitted);
      const entity = readId(view.tender?.procuringEntity);
      if (entity !== undefined) add(entities, entity, disqualified, submitted);
    },
    finish(state) {
      const processes = settings.minimumContractingProcesses ?? 2;
      flag(state, 'Buyer', buyers, processes, settings.threshold);
      flag(state, 'ProcuringEntity', entities, processes, settings.threshold);
      flag(state, 'Tenderer', tenderers, settings.minimumSubmittedBids ?? 2, settings.threshold);
    },
  };
}

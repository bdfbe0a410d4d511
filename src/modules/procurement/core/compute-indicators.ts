import { asString } from './common.js';
import { createR003 } from './r003-short-submission-period.js';
import { createR018 } from './r018-single-bid.js';
import { createR024 } from './r024-price-close-to-winning-bid.js';
import { createR025 } from './r025-excessive-unsuccessful-bids.js';
import { createR028 } from './r028-identical-bid-prices.js';
import { createR030 } from './r030-late-bid-won.js';
import { createR035 } from './r035-all-except-winning-bid-disqualified.js';
import { createR036 } from './r036-lowest-bid-disqualified.js';
import { createR038 } from './r038-excessive-disqualified-bids.js';
import { createR044 } from './r044-shared-contact-details.js';
import { createR048 } from './r048-heterogeneous-supplier.js';
import { createR058 } from './r058-heavily-discounted-bid.js';
import { ReleaseView } from './release-view.js';
import { createSecondLowestBidRatios } from './second-lowest-bid-ratio.js';
import type { IndicatorSettings } from './settings.js';
import { GROUPS, type IndicatorCalculator, type IndicatorOutput, type Release, type RunState } from './types.js';

/** A run of the enabled indicators: feed compiled releases one by one, then read the output once. */
export interface IndicatorRun {
  /** Feeds one compiled release; releases without a string `ocid`, cancelled or excluded are ignored. */
  add(release: unknown): void;
  /** Finishes the indicators that need the whole data set and returns Cardinal's output. */
  finish(options?: { meta?: boolean }): IndicatorOutput;
}

function roundMeta(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value * 10_000) / 10_000 : null;
}

/** Starts a run of the indicators the settings enable, in Cardinal's two-pass design (accumulate, then finish). */
export function startIndicatorRun(settings: IndicatorSettings): IndicatorRun {
  const calculators: IndicatorCalculator[] = [];
  const pre: { accumulate: IndicatorCalculator['accumulate'] }[] = [];
  const shared = settings.R024 || settings.R058 ? createSecondLowestBidRatios(settings) : undefined;
  if (shared) pre.push(shared);
  if (settings.R003) calculators.push(createR003(settings.R003));
  if (settings.R018) calculators.push(createR018(settings.R018));
  if (settings.R024 && shared) calculators.push(createR024(settings.R024, shared));
  if (settings.R025) calculators.push(createR025(settings.R025));
  if (settings.R028) calculators.push(createR028(settings));
  if (settings.R030) calculators.push(createR030());
  if (settings.R035) calculators.push(createR035(settings.R035));
  if (settings.R036) calculators.push(createR036(settings));
  if (settings.R038) calculators.push(createR038(settings.R038));
  if (settings.R044) calculators.push(createR044());
  if (settings.R048) calculators.push(createR048(settings.R048));
  if (settings.R058 && shared) calculators.push(createR058(settings.R058, shared));
  const state: RunState = { currency: settings.currency, results: new Map(), meta: new Map() };
  const excluded = settings.excludedProcurementMethodDetails;
  let finished = false;

  return {
    add(value) {
      if (finished) throw new Error('indicator run already finished');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      const release = value as Release;
      const ocid = asString(release.ocid);
      if (ocid === undefined) return;
      // The tender's status and method details, as isCancelledProcess and matchesProcurementMethodDetails read them.
      const view = new ReleaseView(release);
      if (view.tender?.status === 'cancelled') return;
      const details = asString(view.tender?.procurementMethodDetails);
      if (details !== undefined && excluded.has(details)) return;
      for (const p of pre) p.accumulate(release, ocid, state, view);
      for (const c of calculators) c.accumulate(release, ocid, state, view);
    },
    finish(options = {}) {
      if (!finished) for (const c of calculators) c.finish?.(state);
      finished = true;
      const output: IndicatorOutput = {};
      for (const group of GROUPS) {
        const byId = state.results.get(group);
        if (!byId || byId.size === 0) continue;
        output[group] = Object.fromEntries([...byId].map(([id, codes]) => [id, { ...codes }]));
      }
      if (options.meta !== false && state.meta.size > 0) {
        output.Meta = Object.fromEntries([...state.meta].map(([code, m]) => [code, Object.fromEntries([...m].map(([k, v]) => [k, roundMeta(v)]))]));
      }
      return output;
    },
  };
}

/** Computes the enabled indicators over compiled releases held in memory (tests, small files). */
export function computeIndicators(releases: Iterable<unknown>, settings: IndicatorSettings, options: { meta?: boolean } = {}): IndicatorOutput {
  const run = startIndicatorRun(settings);
  for (const r of releases) run.add(r);
  return run.finish(options);
}

/**
 * Serialises Cardinal's output as Cardinal prints it: integral floats keep a `.0` (`1.0`, not `1`).
 * Parsed back, it is the same JSON.
 */
export function formatIndicatorOutput(output: IndicatorOutput, indent = 0): string {
  const pad = (depth: number) => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');
  const write = (value: unknown, depth: number): string => {
    if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.0` : JSON.stringify(value);
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const sep = indent > 0 ? ': ' : ':';
    return '{' + entries.map(([k, v]) => pad(depth + 1) + JSON.stringify(k) + sep + write(v, depth + 1)).join(',') + pad(depth) + '}';
  };
  return write(output, 0);
}

import type { ReleaseView } from './release-view.js';

/** One OCDS compiled release as read from a JSON line: plain JSON, checked field by field where read. */
export type Release = Record<string, unknown>;

/** The groups of Cardinal's output, in the order Cardinal prints them. */
export const GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;

/** A group of Cardinal's output: contracting processes, buyers, procuring entities or tenderers. */
export type Group = (typeof GROUPS)[number];

/** The indicator codes this module computes (Cardinal's eleven plus R044 from its unmerged branch). */
export const INDICATOR_CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R044', 'R048', 'R058'] as const;

/** An indicator code such as `R003`. */
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** Cardinal's output: group -> id -> indicator -> value, and the fences each indicator used. */
export interface IndicatorOutput {
  OCID?: Record<string, Partial<Record<IndicatorCode, number>>>;
  Buyer?: Record<string, Partial<Record<IndicatorCode, number>>>;
  ProcuringEntity?: Record<string, Partial<Record<IndicatorCode, number>>>;
  Tenderer?: Record<string, Partial<Record<IndicatorCode, number>>>;
  Meta?: Partial<Record<IndicatorCode, Record<string, number | null>>>;
}

/** State shared by every indicator during one run: results, fences and the main currency. */
export interface RunState {
  /** The main currency: the `currency` setting, else the first currency an amount-reading indicator sees. */
  currency: string | undefined;
  /** Group -> id -> indicator -> value (a plain object per id: smaller than a map, and a run may flag millions). */
  results: Map<Group, Map<string, Partial<Record<IndicatorCode, number>>>>;
  meta: Map<IndicatorCode, Map<string, number>>;
}

/**
 * One indicator in Cardinal's two-pass design: `accumulate` sees each eligible release once (and
 * may flag it at once), with the parts several indicators read (`view`) read once for all;
 * `finish` runs after the last line, for indicators whose fences need the whole data set.
 */
export interface IndicatorCalculator {
  code: IndicatorCode;
  accumulate(release: Release, ocid: string, state: RunState, view: ReleaseView): void;
  finish?(state: RunState): void;
}

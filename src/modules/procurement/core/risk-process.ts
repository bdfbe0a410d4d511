import { asArray, asObject, asString, readId, readTender, readTendererIds } from './common.js';
import { startIndicatorRun } from './compute-indicators.js';
import { startProzorroRuleRun } from './prozorro-rules/compute-prozorro-rules.js';
import { createDefaultProzorroRuleSettings, type ProzorroRuleSettings } from './prozorro-rules/types.js';
import { isRiskCode, type RiskCode } from './risk-score.js';
import { createEmptySettings, type IndicatorSettings } from './settings.js';
import type { Release } from './types.js';

/** A party as a process names it. */
export interface PartyRef {
  id: string;
  name: string;
}

/** What the risk pages need of one contracting process, read from its compiled release. */
export interface ProcessSummary {
  ocid: string;
  title: string;
  buyer: PartyRef | null;
  /** The buyer's region (`parties[buyer].address.region`), for filtering the queue. */
  region: string | null;
  method: string | null;
  status: string | null;
  /** Expected value (`tender.value`). */
  value: number | null;
  currency: string | null;
  /** Sum of the active awards' values in the expected value's currency (or the first award's). */
  awardedValue: number | null;
  tenderers: PartyRef[];
  suppliers: PartyRef[];
  /** When the process started: `tender.tenderPeriod.startDate`, else `tender.datePublished`, else `date`. */
  date: string | null;
  /** Key dates for the public timeline, in order. */
  timeline: { kind: 'tender' | 'tender_end' | 'award' | 'contract' | 'amendment'; date: string }[];
}

/** A process with the indicators that flag it (code -> the indicator's value). */
export interface ProcessAssessment extends ProcessSummary {
  flags: Partial<Record<RiskCode, number>>;
}

function readName(party: unknown, names: Map<string, string>): PartyRef | null {
  const id = readId(party);
  if (id === undefined) return null;
  return { id, name: asString(asObject(party)?.name) ?? names.get(id) ?? id };
}

function uniqueParties(list: (PartyRef | null)[]): PartyRef[] {
  const seen = new Map<string, PartyRef>();
  for (const p of list) if (p && !seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}

function readAmount(value: unknown): { amount: number; currency: string | null } | null {
  const v = asObject(value);
  return typeof v?.amount === 'number' && Number.isFinite(v.amount) ? { amount: v.amount, currency: asString(v.currency) ?? null } : null;
}

/** Reads the summary of a compiled release (pure; tolerant of missing or mistyped fields). */
export function summarizeProcess(release: Release): ProcessSummary {
  const tender = readTender(release);
  const names = new Map<string, string>();
  let region: string | null = null;
  const buyerId = readId(release.buyer) ?? readId(tender?.procuringEntity);
  for (const p of asArray(release.parties) ?? []) {
    const party = asObject(p);
    const id = asString(party?.id);
    const name = asString(party?.name);
    if (id !== undefined && name !== undefined) names.set(id, name);
    if (id !== undefined && id === buyerId) region = asString(asObject(party?.address)?.region) ?? region;
  }
  const buyer = readName(release.buyer, names) ?? readName(tender?.procuringEntity, names);
  const expected = readAmount(tender?.value);
  const tenderers = uniqueParties([
    ...(asArray(tender?.tenderers) ?? []).map((t) => readName(t, names)),
    ...(asArray(asObject(release.bids)?.details) ?? []).flatMap((b) => {
      const bid = asObject(b);
      return bid ? readTendererIds(bid).map((id) => ({ id, name: names.get(id) ?? id })) : [];
    }),
  ]);
  const suppliers: (PartyRef | null)[] = [];
  let awardedValue: number | null = null;
  let awardCurrency: string | null = expected?.currency ?? null;
  const timeline: ProcessSummary['timeline'] = [];
  const push = (kind: ProcessSummary['timeline'][number]['kind'], date: unknown) => {
    const d = asString(date);
    if (d !== undefined && Number.isFinite(Date.parse(d))) timeline.push({ kind, date: d });
  };
  const period = asObject(tender?.tenderPeriod);
  push('tender', period?.startDate ?? tender?.datePublished);
  push('tender_end', period?.endDate);
  for (const a of asArray(release.awards) ?? []) {
    const award = asObject(a);
    if (award?.status !== 'active') continue;
    for (const s of asArray(award.suppliers) ?? []) suppliers.push(readName(s, names));
    const amount = readAmount(award.value);
    awardCurrency ??= amount?.currency ?? null;
    if (amount && amount.currency === awardCurrency) awardedValue = (awardedValue ?? 0) + amount.amount;
    push('award', award.date);
  }
  for (const c of asArray(release.contracts) ?? []) {
    const contract = asObject(c);
    push('contract', contract?.dateSigned);
    for (const m of asArray(contract?.amendments) ?? []) push('amendment', asObject(m)?.date);
  }
  timeline.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const date = asString(period?.startDate) ?? asString(tender?.datePublished) ?? asString(release.date) ?? null;
  return {
    ocid: asString(release.ocid) ?? '',
    title: asString(tender?.title) ?? asString(tender?.description) ?? asString(release.ocid) ?? '',
    buyer,
    region,
    method: asString(tender?.procurementMethod) ?? null,
    status: asString(tender?.status) ?? null,
    value: expected?.amount ?? null,
    currency: expected?.currency ?? awardCurrency,
    awardedValue,
    tenderers,
    suppliers: uniqueParties(suppliers),
    date,
    timeline,
  };
}

/** Cardinal settings with every indicator enabled at its defaults (R044 included). */
export function createAllIndicatorSettings(): IndicatorSettings {
  return {
    ...createEmptySettings(),
    R003: {},
    R018: {},
    R024: {},
    R025: {},
    R028: {},
    R030: {},
    R035: {},
    R036: {},
    R038: {},
    R044: {},
    R048: {},
    R058: {},
  };
}

/** A streaming assessment: feed compiled releases one at a time, then read one assessment per process. */
export interface AssessmentRun {
  add(release: unknown): void;
  finish(): ProcessAssessment[];
}

/**
 * Starts a run of Cardinal's indicators and the ProZorro-derived rules. Memory holds each
 * process's summary and the indicators' running state, not the releases themselves.
 */
export function startAssessmentRun(settings: { indicators?: IndicatorSettings; rules?: ProzorroRuleSettings } = {}): AssessmentRun {
  const indicators = startIndicatorRun(settings.indicators ?? createAllIndicatorSettings());
  const rules = startProzorroRuleRun(settings.rules ?? createDefaultProzorroRuleSettings());
  const summaries = new Map<string, ProcessSummary>();
  return {
    add(r) {
      indicators.add(r);
      rules.add(r);
      const release = asObject(r);
      const ocid = asString(release?.ocid);
      if (release && ocid !== undefined) summaries.set(ocid, summarizeProcess(release));
    },
    finish() {
      const cardinal = indicators.finish({ meta: false }).OCID ?? {};
      const prozorro = rules.finish();
      return [...summaries.values()].map((s) => {
        const flags: Partial<Record<RiskCode, number>> = {};
        for (const [code, v] of Object.entries({ ...cardinal[s.ocid], ...prozorro[s.ocid] }))
          if (isRiskCode(code) && typeof v === 'number') flags[code] = v;
        return { ...s, flags };
      });
    },
  };
}

/**
 * Runs Cardinal's indicators and the ProZorro-derived rules over compiled releases and returns one
 * assessment per process with an ocid (flagged or not), in input order (a later release of the
 * same ocid replaces the earlier one).
 */
export function assessProcesses(
  releases: Iterable<unknown>,
  settings: { indicators?: IndicatorSettings; rules?: ProzorroRuleSettings } = {},
): ProcessAssessment[] {
  const run = startAssessmentRun(settings);
  for (const r of releases) run.add(r);
  return run.finish();
}

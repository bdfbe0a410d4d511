import type { PrepareSettings } from '../formats/cardinal-ini.js';
import { cloneCardinalJson, formatNumber, JsonFloat, numberValue } from '../formats/cardinal-json.js';

/**
 * Cardinal's `prepare` (open-contracting/cardinal-rs, `Prepare::run`, MIT): the data-quality step
 * before the indicators. Per compiled release, in Cardinal's order: party ids; buyer and procuring
 * entity ids (to string, redacted, prefixed, party roles); `procurementMethodDetails` split; auctions
 * moved to bids; each bid's amount (redacted; zero reported), currency, item schemes and status
 * (default, code-list re-map, validity) and tenderer ids; contracts' `awardID`s; each award's id, item
 * classification ids and schemes, status (default, re-map, validity, cancelled by its contracts) and
 * supplier ids; finally party roles. Fields it reads: /ocid, /parties, /buyer, /tender/procuringEntity,
 * /tender/procurementMethodDetails, /auctions, /bids/details, /contracts, /awards.
 */

/** OCDS bid status codes (bid extension `bidStatus`). */
export const BID_STATUS = new Set(['invited', 'pending', 'valid', 'disqualified', 'withdrawn']);

/** OCDS award status codes (`awardStatus`). */
export const AWARD_STATUS = new Set(['pending', 'active', 'cancelled', 'unsuccessful']);

/**
 * One row of Cardinal's quality-issue CSV: line number, ocid, path, array indexes (periods between
 * nested indexes), the incorrect value (blank when not set), the error (`not set`, `invalid`, `is zero`).
 * Correction rows (`corrections`) use the same columns with what was changed in place of the error.
 */
export interface PrepareRow {
  line: number;
  ocid: unknown;
  path: string;
  indexes: string;
  value: string;
  error: string;
}

/** The result of preparing one release: the corrected release, Cardinal's issue rows, and every correction applied. */
export interface PreparedRelease {
  release: Record<string, unknown>;
  issues: PrepareRow[];
  corrections: PrepareRow[];
}

/** Settings compiled once per run: parsed redaction amounts (sorted), the organisation ids to redact. */
export interface PreparePlan {
  settings: PrepareSettings;
  redactAmounts: number[];
  redactOrganizationIds: Set<string>;
}

const RUST_FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf|infinity)$/i;

/** Compiles `prepare` settings: amounts that Rust can read as floats (others ignored, as Cardinal does), organisation ids as a set. */
export function createPreparePlan(settings: PrepareSettings): PreparePlan {
  const redactAmounts = (settings.redactions.amount ?? [])
    .filter((s) => RUST_FLOAT.test(s))
    .map((s) => (/inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s)))
    .sort((a, b) => a - b);
  return { settings, redactAmounts, redactOrganizationIds: new Set(settings.redactions.organizationId ?? []) };
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat);
}

function describe(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || v instanceof JsonFloat) return formatNumber(v);
  return JSON.stringify(v);
}

class Run {
  readonly issues: PrepareRow[] = [];
  readonly corrections: PrepareRow[] = [];
  constructor(
    readonly line: number,
    readonly ocid: unknown,
  ) {}
  issue(path: string, indexes: string, value: string, error: string): void {
    this.issues.push({ line: this.line, ocid: this.ocid, path, indexes, value, error });
  }
  correct(path: string, indexes: string, value: unknown, change: string): void {
    this.corrections.push({ line: this.line, ocid: this.ocid, path, indexes, value: describe(value), error: change });
  }
}

interface IdContext {
  redact: Set<string>;
  prefix: string;
  roles: Map<string, Set<string>> | undefined;
  role: string;
}

/** Cardinal's id handling for one organisation reference: number to string, redaction, prefix, role. */
function prepareId(object: Obj, path: string, indexes: string, ctx: IdContext, run: Run): void {
  const original = object.id;
  if (typeof original === 'number' || original instanceof JsonFloat) {
    object.id = formatNumber(original);
    run.correct(`${path}/id`, indexes, original, 'converted to string');
  }
  const id = object.id;
  if (typeof id !== 'string') return;
  if (ctx.redact.has(id)) {
    delete object.id;
    run.correct(`${path}/id`, indexes, id, 'redacted');
    return;
  }
  let prefixed = id;
  if (!id.startsWith(ctx.prefix)) {
    prefixed = ctx.prefix + id;
    object.id = prefixed;
    run.correct(`${path}/id`, indexes, id, `prefixed with ${ctx.prefix}`);
  }
  ctx.roles?.get(prefixed)?.add(ctx.role);
}

function prepareIdObject(parent: Obj, key: string, path: string, ctx: IdContext, run: Run): void {
  const object = parent[key];
  if (isObject(object)) prepareId(object, `${path}/${key}`, '', ctx, run);
}

function prepareIdArray(parent: Obj, key: string, path: string, outer: string, ctx: IdContext, run: Run): void {
  if (isObject(parent[key])) {
    run.correct(`${path}/${key}`, outer, undefined, 'object wrapped in an array');
    parent[key] = [parent[key]];
  }
  const array = parent[key];
  if (!Array.isArray(array)) return;
  array.forEach((entry, k) => {
    if (isObject(entry)) prepareId(entry, `${path}/${key}[]`, outer === '' ? String(k) : `${outer}.${k}`, ctx, run);
  });
}

function fillScheme(item: unknown, path: string, indexes: string, scheme: string | undefined, run: Run): void {
  if (!isObject(item)) return;
  const classification = item.classification;
  if (!isObject(classification) || Object.hasOwn(classification, 'scheme')) return;
  if (scheme !== undefined) {
    classification.scheme = scheme;
    run.correct(path, indexes, undefined, `set to default ${scheme}`);
  } else {
    run.issue(path, indexes, '', 'not set');
  }
}

/** Status default, code-list re-map and validity check, shared by bids and awards. */
function prepareStatus(
  entry: Obj,
  path: string,
  index: string,
  fallback: string | undefined,
  mapping: Record<string, string>,
  codes: Set<string>,
  run: Run,
): void {
  if (!Object.hasOwn(entry, 'status')) {
    if (fallback !== undefined) {
      entry.status = fallback;
      run.correct(path, index, undefined, `set to default ${fallback}`);
    } else {
      run.issue(path, index, '', 'not set');
    }
  }
  if (typeof entry.status !== 'string') return;
  if (Object.hasOwn(mapping, entry.status)) {
    const from = entry.status;
    entry.status = mapping[from];
    run.correct(path, index, from, `re-mapped to ${mapping[from]}`);
  }
  if (!codes.has(entry.status as string)) run.issue(path, index, entry.status as string, 'invalid');
}

/**
 * Prepares one compiled release (`line` is its 1-based line number) as Cardinal's `prepare` does,
 * without changing the input: returns the corrected copy, the issue rows Cardinal writes, and a row
 * for every correction applied (so each change can be reviewed).
 */
export function prepareRelease(input: Record<string, unknown>, line: number, plan: PreparePlan): PreparedRelease {
  const release = cloneCardinalJson(input);
  const { defaults, corrections, modifications, codelists } = plan.settings;
  const run = new Run(line, release.ocid ?? null);
  const none = new Set<string>();
  const redact = plan.redactOrganizationIds;
  const buyerPrefix = modifications.prefixBuyerOrProcuringEntityId ?? '';
  const supplierPrefix = modifications.prefixTendererOrSupplierId ?? '';
  const byContracts = corrections.awardStatusByContractStatus === true;

  // /parties
  prepareIdArray(release, 'parties', '', '', { redact, prefix: '', roles: undefined, role: '' }, run);
  let roles: Map<string, Set<string>> | undefined;
  if (defaults.partyRoles === true && Array.isArray(release.parties)) {
    roles = new Map();
    for (const party of release.parties) {
      if (!isObject(party) || typeof party.id !== 'string') continue;
      const set = new Set<string>();
      if (Array.isArray(party.roles)) for (const r of party.roles) if (typeof r === 'string') set.add(r);
      roles.set(party.id, set);
    }
  }

  // /buyer, /tender
  prepareIdObject(release, 'buyer', '', { redact, prefix: buyerPrefix, roles, role: 'buyer' }, run);
  const tender = release.tender;
  if (isObject(tender)) {
    prepareIdObject(tender, 'procuringEntity', '/tender', { redact, prefix: buyerPrefix, roles, role: 'procuringEntity' }, run);
    const separator = modifications.splitProcurementMethodDetails;
    if (separator !== undefined && typeof tender.procurementMethodDetails === 'string') {
      const before = tender.procurementMethodDetails;
      const after = (separator === '' ? '' : before.split(separator)[0]).trimEnd();
      tender.procurementMethodDetails = after;
      if (after !== before) run.correct('/tender/procurementMethodDetails', '', before, `split at ${separator}`);
    }
  }

  // /auctions
  if (modifications.moveAuctions === true) {
    if (Object.hasOwn(release, 'auctions') && Object.hasOwn(release, 'bids')) {
      run.correct('/auctions', '', undefined, 'not moved: /bids is set');
    } else if (Array.isArray(release.auctions)) {
      const details: unknown[] = [];
      for (const auction of release.auctions) {
        if (!isObject(auction) || !Array.isArray(auction.stages)) continue;
        for (const stage of auction.stages) {
          if (!isObject(stage) || !Object.hasOwn(stage, 'bids')) continue;
          const bids = stage.bids;
          delete stage.bids;
          if (Array.isArray(bids)) details.push(...(bids as unknown[]));
        }
      }
      release.bids = { details };
      run.correct('/auctions[]/stages[]/bids', '', undefined, 'moved to /bids/details');
    }
  }

  // /bids
  const bids = release.bids;
  if (isObject(bids) && Array.isArray(bids.details)) {
    const details = bids.details as unknown[];
    details.forEach((entry, j) => {
      let bid = entry;
      if (bid === null && defaults.bidStatus !== undefined) {
        bid = {};
        details[j] = bid;
      }
      if (!isObject(bid)) {
        if (defaults.bidStatus === undefined) run.issue('/bids/details[]/status', String(j), '', 'not set');
        return;
      }
      const value = bid.value;
      if (isObject(value)) {
        const amount = numberValue(value.amount);
        if (amount !== undefined) {
          if (plan.redactAmounts.includes(amount)) {
            delete value.amount;
            run.correct('/bids/details[]/value/amount', String(j), amount, 'redacted');
          } else if (amount === 0) {
            run.issue('/bids/details[]/value/amount', String(j), '', 'is zero');
          }
        }
        if (!Object.hasOwn(value, 'currency')) {
          if (defaults.currency !== undefined) {
            value.currency = defaults.currency;
            run.correct('/bids/details[]/value/currency', String(j), undefined, `set to default ${defaults.currency}`);
          } else {
            run.issue('/bids/details[]/value/currency', String(j), '', 'not set');
          }
        }
      }
      if (Array.isArray(bid.items)) {
        bid.items.forEach((item, k) =>
          fillScheme(item, '/bids/details[]/items[]/classification/scheme', `${j}.${k}`, defaults.itemClassificationScheme, run),
        );
      }
      prepareStatus(bid, '/bids/details[]/status', String(j), defaults.bidStatus, codelists.bidStatus, BID_STATUS, run);
      prepareIdArray(bid, 'tenderers', '/bids/details[]', String(j), { redact, prefix: supplierPrefix, roles, role: 'tenderer' }, run);
    });
  }

  // /contracts
  const cancelledByAward = new Map<string, boolean>();
  if (byContracts && Array.isArray(release.contracts)) {
    release.contracts.forEach((contract, j) => {
      if (!isObject(contract)) return;
      const awardId = contract.awardID;
      if (typeof awardId === 'number' || awardId instanceof JsonFloat) {
        contract.awardID = formatNumber(awardId);
        run.correct('/contracts[]/awardID', String(j), awardId, 'converted to string');
      }
      if (typeof contract.awardID === 'string') {
        const cancelled = contract.status === 'cancelled';
        cancelledByAward.set(contract.awardID, (cancelledByAward.get(contract.awardID) ?? true) && cancelled);
      }
    });
  }

  // /awards
  if (Array.isArray(release.awards)) {
    const awards = release.awards as unknown[];
    awards.forEach((entry, j) => {
      let award = entry;
      if (award === null && defaults.awardStatus !== undefined) {
        award = {};
        awards[j] = award;
      }
      if (!isObject(award)) {
        if (defaults.awardStatus === undefined) run.issue('/awards[]/status', String(j), '', 'not set');
        return;
      }
      if (typeof award.id === 'number' || award.id instanceof JsonFloat) {
        const original = award.id;
        award.id = formatNumber(original);
        run.correct('/awards[]/id', String(j), original, 'converted to string');
      }
      if (Array.isArray(award.items)) {
        award.items.forEach((item, k) => {
          if (!isObject(item)) return;
          const ctx = { redact: none, prefix: '', roles: undefined, role: '' };
          const classification = item.classification;
          if (isObject(classification)) prepareId(classification, '/awards[]/items[]/classification', `${j}.${k}`, ctx, run);
          fillScheme(item, '/awards[]/items[]/classification/scheme', `${j}.${k}`, defaults.itemClassificationScheme, run);
        });
      }
      prepareStatus(award, '/awards[]/status', String(j), defaults.awardStatus, codelists.awardStatus, AWARD_STATUS, run);
      if (byContracts && typeof award.id === 'string' && cancelledByAward.get(award.id) === true) {
        const before = award.status;
        award.status = 'cancelled';
        if (before !== 'cancelled') run.correct('/awards[]/status', String(j), before, 'set to cancelled: all its contracts are cancelled');
      }
      prepareIdArray(award, 'suppliers', '/awards[]', String(j), { redact, prefix: supplierPrefix, roles, role: 'supplier' }, run);
    });
  }

  // /parties[]/roles
  if (roles && Array.isArray(release.parties)) {
    release.parties.forEach((party, j) => {
      if (!isObject(party) || typeof party.id !== 'string') return;
      const set = roles.get(party.id);
      if (!set || set.size === 0) return;
      const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const before = Array.isArray(party.roles) ? party.roles : undefined;
      party.roles = sorted;
      if (!before || before.length !== sorted.length || before.some((r, i) => r !== sorted[i]))
        run.correct('/parties[]/roles', String(j), before, `set to ${sorted.join('|')}`);
    });
  }

  return { release, issues: run.issues, corrections: run.corrections };
}

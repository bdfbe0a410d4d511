import { AppError } from '../../../kernel/errors.js';
import { createEmptySettings, type IndicatorSettings } from '../core/settings.js';

/** An INI document: keys before any section, then each `[section]`'s keys, in file order. */
export interface IniDocument {
  global: Record<string, string>;
  sections: Map<string, Record<string, string>>;
}

/** Cardinal's settings for `prepare` (read now so a settings file is checked whole). */
export interface PrepareSettings {
  defaults: { currency?: string; itemClassificationScheme?: string; bidStatus?: string; awardStatus?: string; partyRoles?: boolean };
  redactions: { amount?: string[]; organizationId?: string[] };
  corrections: { awardStatusByContractStatus?: boolean };
  modifications: {
    moveAuctions?: boolean;
    prefixBuyerOrProcuringEntityId?: string;
    prefixTendererOrSupplierId?: string;
    splitProcurementMethodDetails?: string;
  };
  codelists: { bidStatus: Record<string, string>; awardStatus: Record<string, string> };
}

/** Everything a Cardinal settings file sets. */
export interface CardinalSettings {
  indicators: IndicatorSettings;
  prepare: PrepareSettings;
}

/** Parses INI text: `[section]` headers, `key = value` lines, `;` and `#` comments; a line it cannot read is an error. */
export function parseIni(text: string): IniDocument {
  const doc: IniDocument = { global: {}, sections: new Map() };
  let current = doc.global;
  const errors: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = doc.sections.get(name) ?? {};
      doc.sections.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      errors[`line ${i + 1}`] = `expected "key = value" or "[section]", got "${line}"`;
      return;
    }
    current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  if (Object.keys(errors).length > 0) throw new AppError('invalid_input', 'settings file is not valid INI', { fields: errors });
  return doc;
}

/** Splits Cardinal's pipe-separated list (`open|selective`), dropping a trailing empty item. */
export function splitPipeList(value: string): string[] {
  const parts = value.split('|');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

type Reader = (value: string, field: string) => unknown;

function readerSet(errors: Record<string, string>) {
  const integer: Reader = (v, f) => {
    if (!/^\d+$/.test(v)) errors[f] = `expected a non-negative integer, got "${v}"`;
    return Number(v);
  };
  const signedInteger: Reader = (v, f) => {
    if (!/^-?\d+$/.test(v)) errors[f] = `expected an integer, got "${v}"`;
    return Number(v);
  };
  const float: Reader = (v, f) => {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n)) errors[f] = `expected a number, got "${v}"`;
    return n;
  };
  const boolean: Reader = (v, f) => {
    if (v !== 'true' && v !== 'false') errors[f] = `expected true or false, got "${v}"`;
    return v === 'true';
  };
  const text: Reader = (v) => v;
  const list: Reader = (v) => splitPipeList(v);
  const set: Reader = (v) => new Set(splitPipeList(v));
  return { integer, signedInteger, float, boolean, text, list, set };
}

/** Maps an INI section's keys to typed fields, reporting unknown keys and bad values under `section.key`. */
function readSection(
  section: string,
  values: Record<string, string>,
  spec: Record<string, [string, Reader]>,
  errors: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = section ? `${section}.${key}` : key;
    const entry = spec[key];
    if (!entry) {
      errors[field] = `unknown setting (known: ${Object.keys(spec).join(', ') || 'none'})`;
      continue;
    }
    out[entry[0]] = entry[1](value, field);
  }
  return out;
}

/**
 * Reads Cardinal's INI settings (`ocdscardinal init` documents them): top-level `currency` and the
 * price-comparison method lists, `[exclusions]`, one `[Rnnn]` section per enabled indicator with its
 * parameters, `[R003.procurement_method_details]`, and `prepare`'s `[defaults]`, `[redactions]`,
 * `[corrections]`, `[modifications]`, `[codelists.bid_status]`, `[codelists.award_status]`.
 * Unknown sections or keys and bad values are reported together as `invalid_input` with each field.
 */
export function readCardinalSettings(text: string): CardinalSettings {
  const doc = parseIni(text);
  const errors: Record<string, string> = {};
  const r = readerSet(errors);
  const indicators = createEmptySettings();
  const global = readSection(
    '',
    doc.global,
    {
      currency: ['currency', r.text],
      price_comparison_procurement_methods: ['priceComparisonProcurementMethods', r.set],
      no_price_comparison_procurement_methods: ['noPriceComparisonProcurementMethods', r.set],
    },
    errors,
  );
  Object.assign(indicators, global);
  const prepare: PrepareSettings = {
    defaults: {},
    redactions: {},
    corrections: {},
    modifications: {},
    codelists: { bidStatus: {}, awardStatus: {} },
  };
  const threshold = (reader: Reader): Record<string, [string, Reader]> => ({ threshold: ['threshold', reader] });
  const methods: [string, Reader] = ['procurementMethods', r.set];
  const indicatorSpecs: Record<string, Record<string, [string, Reader]>> = {
    R003: { threshold: ['threshold', r.signedInteger], procurement_methods: methods },
    R018: { procurement_methods: methods },
    R024: threshold(r.float),
    R025: { percentile: ['percentile', r.integer], threshold: ['threshold', r.float] },
    R028: {},
    R030: {},
    R035: threshold(r.integer),
    R036: {},
    R038: {
      threshold: ['threshold', r.float],
      minimum_submitted_bids: ['minimumSubmittedBids', r.integer],
      minimum_contracting_processes: ['minimumContractingProcesses', r.integer],
    },
    R044: {},
    R048: {
      digits: ['digits', r.integer],
      threshold: ['threshold', r.integer],
      minimum_contracting_processes: ['minimumContractingProcesses', r.integer],
    },
    R058: threshold(r.float),
  };
  const r003Details: Record<string, number> = {};
  for (const [name, values] of doc.sections) {
    if (Object.hasOwn(indicatorSpecs, name)) {
      const existing = (indicators as unknown as Record<string, Record<string, unknown> | undefined>)[name] ?? {};
      (indicators as unknown as Record<string, unknown>)[name] = { ...existing, ...readSection(name, values, indicatorSpecs[name], errors) };
    } else if (name === 'R003.procurement_method_details') {
      for (const [key, value] of Object.entries(values)) r003Details[key] = r.signedInteger(value, `${name}.${key}`) as number;
      indicators.R003 = { ...indicators.R003, procurementMethodDetails: r003Details };
    } else if (name === 'exclusions') {
      const e = readSection(name, values, { procurement_method_details: ['set', r.set] }, errors);
      if (e.set) indicators.excludedProcurementMethodDetails = e.set as Set<string>;
    } else if (name === 'defaults') {
      prepare.defaults = readSection(
        name,
        values,
        {
          currency: ['currency', r.text],
          item_classification_scheme: ['itemClassificationScheme', r.text],
          bid_status: ['bidStatus', r.text],
          award_status: ['awardStatus', r.text],
          party_roles: ['partyRoles', r.boolean],
        },
        errors,
      );
    } else if (name === 'redactions') {
      prepare.redactions = readSection(name, values, { amount: ['amount', r.list], organization_id: ['organizationId', r.list] }, errors);
    } else if (name === 'corrections') {
      prepare.corrections = readSection(name, values, { award_status_by_contract_status: ['awardStatusByContractStatus', r.boolean] }, errors);
    } else if (name === 'modifications') {
      prepare.modifications = readSection(
        name,
        values,
        {
          move_auctions: ['moveAuctions', r.boolean],
          prefix_buyer_or_procuring_entity_id: ['prefixBuyerOrProcuringEntityId', r.text],
          prefix_tenderer_or_supplier_id: ['prefixTendererOrSupplierId', r.text],
          split_procurement_method_details: ['splitProcurementMethodDetails', r.text],
        },
        errors,
      );
    } else if (name === 'codelists.bid_status') {
      prepare.codelists.bidStatus = { ...values };
    } else if (name === 'codelists.award_status') {
      prepare.codelists.awardStatus = { ...values };
    } else {
      errors[`[${name}]`] = 'unknown section';
    }
  }
  if (Object.keys(errors).length > 0) throw new AppError('invalid_input', 'invalid Cardinal settings', { fields: errors });
  return { indicators, prepare };
}

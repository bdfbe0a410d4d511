import { parseW3cDatetime } from './w3c-datetime.js';

/**
 * The extra questions of a service (Open311 GeoReport v2 "service definition" attributes) and
 * the check of a person's answers. Datatypes from the spec: string, number, datetime, text,
 * singlevaluelist, multivaluelist.
 */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

/** One attribute as the catalogue stores it (the fields of Open311's ServiceAttribute). */
export interface ServiceAttribute {
  code: string;
  /** false: shown as information only, never answered. */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  description: string;
  datatypeDescription?: string;
  order: number;
  values?: { key: string; name: string }[];
}

/** Answers as they arrive: `attribute[CODE]` -> one string, or several for multivaluelist. */
export type RawAnswers = Record<string, string | string[] | undefined>;
/** Checked answers: numbers as numbers, datetimes as ISO strings, lists as key arrays. */
export type Answers = Record<string, string | number | string[]>;

export type AnswersCheck = { ok: true; answers: Answers } | { ok: false; fields: Record<string, string> };

/** A value echoed in an error, quoted and cut short: a client's 100 kB answer is not sent back whole. */
export const quoted = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Longest answer to a string (one line) and a text attribute. */
export const STRING_MAX = 255;
export const TEXT_MAX = 4000;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks answers against a service's attributes. Each error is keyed `attribute[CODE]` (the
 * form field and Open311 parameter name) and names the attribute and the reason. Answers to
 * unknown codes are refused too, so a typo does not vanish silently.
 */
export function validateAttributes(defs: readonly ServiceAttribute[], raw: RawAnswers): AnswersCheck {
  const fields: Record<string, string> = {};
  const answers: Answers = {};
  const known = new Set(defs.map((d) => d.code));
  for (const code of Object.keys(raw)) if (!known.has(code)) fields[`attribute[${code}]`] = `${code} is not an attribute of this service`;
  for (const def of defs) {
    if (!def.variable) continue;
    const key = `attribute[${def.code}]`;
    const v = raw[def.code];
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s !== '');
    if (list.length === 0) {
      if (def.required) fields[key] = `${def.code} is required`;
      continue;
    }
    if (def.datatype !== 'multivaluelist' && list.length > 1) {
      fields[key] = `${def.code} takes one value, got ${list.length}`;
      continue;
    }
    const one = list[0];
    switch (def.datatype) {
      case 'string':
        if (one.length > STRING_MAX || /[\r\n]/.test(one)) fields[key] = `${def.code} must be one line of at most ${STRING_MAX} characters`;
        else answers[def.code] = one;
        break;
      case 'text':
        if (one.length > TEXT_MAX) fields[key] = `${def.code} must be at most ${TEXT_MAX} characters`;
        else answers[def.code] = one;
        break;
      case 'number': {
        const n = NUMBER.test(one) ? Number(one) : NaN;
        if (!Number.isFinite(n)) fields[key] = `${def.code} must be a number, got ${quoted(one)}`;
        else answers[def.code] = n;
        break;
      }
      case 'datetime': {
        // A W3C datetime with a time zone, as the spec's dates are.
        const at = parseW3cDatetime(one, { time: 'required' });
        if (!at) fields[key] = `${def.code} must be a date and time with a time zone (e.g. 2026-03-02T10:00:00Z)`;
        else answers[def.code] = at.toISOString();
        break;
      }
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = new Set((def.values ?? []).map((x) => x.key));
        const bad = list.filter((k) => !keys.has(k));
        if (bad.length)
          fields[key] = `${def.code} has no option ${bad.slice(0, 5).map(quoted).join(', ')}${bad.length > 5 ? ` (and ${bad.length - 5} more)` : ''}`;
        else if (def.datatype === 'singlevaluelist') answers[def.code] = one;
        else answers[def.code] = [...new Set(list)];
        break;
      }
    }
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, answers };
}

/** Checks a catalogue's attribute definitions: unique codes, lists with options, options unique. */
export function checkAttributeDefinitions(defs: readonly ServiceAttribute[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    const key = `attributes.${i}`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(d.code)) fields[`${key}.code`] = 'use 1 to 64 letters, digits, _ or -';
    else if (seen.has(d.code)) fields[`${key}.code`] = `${d.code} appears twice`;
    seen.add(d.code);
    if (!ATTRIBUTE_DATATYPES.includes(d.datatype)) fields[`${key}.datatype`] = `must be one of ${ATTRIBUTE_DATATYPES.join(', ')}`;
    const isList = d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist';
    if (isList && !(d.values && d.values.length)) fields[`${key}.values`] = `a ${d.datatype} needs at least one option`;
    if (isList && d.values && new Set(d.values.map((v) => v.key)).size !== d.values.length) fields[`${key}.values`] = 'option keys must be unique';
  });
  return fields;
}

import type { FieldReasons } from '../../../kernel/errors.js';
import { Refusals } from './refusals.js';
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

/** Checked answers, or each refused one with its English text and coded reason. */
export type AnswersCheck = { ok: true; answers: Answers } | { ok: false; fields: Record<string, string>; reasons: FieldReasons };

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
  const refused = new Refusals();
  const answers: Answers = {};
  const known = new Set(defs.map((d) => d.code));
  for (const code of Object.keys(raw))
    if (!known.has(code)) refused.add(`attribute[${code}]`, `${code} is not an attribute of this service`, 'unknown_field');
  for (const def of defs) {
    if (!def.variable) continue;
    const key = `attribute[${def.code}]`;
    const v = raw[def.code];
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s !== '');
    if (list.length === 0) {
      if (def.required) refused.add(key, `${def.code} is required`, 'required');
      continue;
    }
    if (def.datatype !== 'multivaluelist' && list.length > 1) {
      refused.add(key, `${def.code} takes one value, got ${list.length}`, 'too_many', { max: 1 });
      continue;
    }
    const one = list[0];
    switch (def.datatype) {
      case 'string':
        if (one.length > STRING_MAX)
          refused.add(key, `${def.code} must be one line of at most ${STRING_MAX} characters`, 'too_long', { max: STRING_MAX });
        else if (/[\r\n]/.test(one)) refused.add(key, `${def.code} must be one line of at most ${STRING_MAX} characters`, 'invalid_format');
        else answers[def.code] = one;
        break;
      case 'text':
        if (one.length > TEXT_MAX) refused.add(key, `${def.code} must be at most ${TEXT_MAX} characters`, 'too_long', { max: TEXT_MAX });
        else answers[def.code] = one;
        break;
      case 'number': {
        const n = NUMBER.test(one) ? Number(one) : NaN;
        if (!Number.isFinite(n)) refused.add(key, `${def.code} must be a number, got ${quoted(one)}`, 'not_a_number');
        else answers[def.code] = n;
        break;
      }
      case 'datetime': {
        // A W3C datetime with a time zone, as the spec's dates are.
        const at = parseW3cDatetime(one, { time: 'required' });
        if (!at) refused.add(key, `${def.code} must be a date and time with a time zone (e.g. 2026-03-02T10:00:00Z)`, 'invalid_format');
        else answers[def.code] = at.toISOString();
        break;
      }
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = new Set((def.values ?? []).map((x) => x.key));
        const bad = list.filter((k) => !keys.has(k));
        if (bad.length)
          refused.add(
            key,
            `${def.code} has no option ${bad.slice(0, 5).map(quoted).join(', ')}${bad.length > 5 ? ` (and ${bad.length - 5} more)` : ''}`,
            'invalid_choice',
          );
        else if (def.datatype === 'singlevaluelist') answers[def.code] = one;
        else answers[def.code] = [...new Set(list)];
        break;
      }
    }
  }
  return refused.any ? { ok: false, fields: refused.fields, reasons: refused.reasons } : { ok: true, answers };
}

/**
 * Checks a catalogue's attribute definitions: unique codes, lists with options, options unique.
 * Each refusal is keyed `attributes.<i>.<part>`.
 */
export function checkAttributeDefinitions(defs: readonly ServiceAttribute[]): Refusals {
  const refused = new Refusals();
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    const key = `attributes.${i}`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(d.code)) refused.add(`${key}.code`, 'use 1 to 64 letters, digits, _ or -', 'invalid_format');
    else if (seen.has(d.code)) refused.add(`${key}.code`, `${d.code} appears twice`, 'in_use');
    seen.add(d.code);
    if (!ATTRIBUTE_DATATYPES.includes(d.datatype))
      refused.add(`${key}.datatype`, `must be one of ${ATTRIBUTE_DATATYPES.join(', ')}`, 'invalid_choice');
    const isList = d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist';
    if (isList && !(d.values && d.values.length)) refused.add(`${key}.values`, `a ${d.datatype} needs at least one option`, 'options_required');
    if (isList && d.values && new Set(d.values.map((v) => v.key)).size !== d.values.length)
      refused.add(`${key}.values`, 'option keys must be unique', 'options_unique');
  });
  return refused;
}

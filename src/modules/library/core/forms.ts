import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { CaseStudyInput, PostInput } from './schemas.js';

/** A submitted form: field name -> value(s). */
export type FormValues = Record<string, string | string[]>;

const one = (v: FormValues, k: string) => {
  const x = v[k];
  return (Array.isArray(x) ? x[0] : x)?.trim() ?? '';
};
const many = (v: FormValues, k: string) => {
  const x = v[k];
  return (Array.isArray(x) ? x : x ? [x] : []).map((s) => s.trim()).filter(Boolean);
};
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split('|').map((p) => p.trim()));

function localizedFrom(v: FormValues, field: string, locales: string[]): LocalizedText {
  const out: LocalizedText = {};
  for (const l of locales) {
    const text = one(v, `${field}.${l}`);
    if (text) out[l] = text;
  }
  return out;
}

/** Form fields of a text that editors write in every language of the site. */
export const LOCALIZED_FIELDS = ['title', 'summary', 'body'] as const;

/**
 * The case-study input from the editors' form (no JavaScript needed): one field per language
 * for title, summary and body; tags separated by commas; organisations ("name | role | web
 * address"), links ("title | web address"), images ("upload id | description") and recognitions
 * ("name | year | awarded by") one per line.
 */
export function caseStudyFromForm(v: FormValues, locales: string[]): CaseStudyInput {
  const year = one(v, 'yearLaunched');
  return {
    slug: one(v, 'slug') || undefined,
    title: localizedFrom(v, 'title', locales),
    summary: localizedFrom(v, 'summary', locales),
    body: localizedFrom(v, 'body', locales),
    country: one(v, 'country'),
    level: one(v, 'level') as CaseStudyInput['level'],
    sectors: many(v, 'sectors') as CaseStudyInput['sectors'],
    tags: one(v, 'tags')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    stage: one(v, 'stage') as CaseStudyInput['stage'],
    yearLaunched: /^\d+$/.test(year) ? Number(year) : (year as unknown as number),
    organisations: lines(one(v, 'organisations')).map(([name, role, url]) => ({ name, ...(role ? { role } : {}), ...(url ? { url } : {}) })),
    links: lines(one(v, 'links')).map(([title, url]) => ({ title, url: url ?? '' })),
    images: lines(one(v, 'images')).map(([uploadId, alt]) => ({ uploadId, alt: alt ?? '' })),
    recognitions: lines(one(v, 'recognitions')).map(([name, year, awardedBy]) => ({
      name,
      year: /^\d+$/.test(year ?? '') ? Number(year) : (year as unknown as number),
      ...(awardedBy ? { awardedBy } : {}),
    })),
    status: (one(v, 'status') || 'draft') as CaseStudyInput['status'],
    originalLocale: one(v, 'originalLocale'),
  };
}

/** The form values of a stored case study (the inverse of `caseStudyFromForm`). */
export function caseStudyToForm(r: {
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  body: LocalizedText;
  country: string;
  level: string;
  sectors: string[];
  tags: string[];
  stage: string;
  yearLaunched: number;
  organisations: { name: string; role?: string; url?: string }[];
  links: { title: string; url: string }[];
  images: { uploadId: string; alt: string }[];
  recognitions: { name: string; year: number; awardedBy?: string }[];
  status: string;
  originalLocale: string;
}): FormValues {
  const out: FormValues = {
    slug: r.slug,
    country: r.country,
    level: r.level,
    sectors: r.sectors,
    tags: r.tags.join(', '),
    stage: r.stage,
    yearLaunched: String(r.yearLaunched),
    organisations: r.organisations.map((o) => [o.name, o.role ?? '', o.url ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
    links: r.links.map((l) => `${l.title} | ${l.url}`).join('\n'),
    images: r.images.map((i) => `${i.uploadId} | ${i.alt}`).join('\n'),
    recognitions: r.recognitions.map((x) => [x.name, String(x.year), x.awardedBy ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
    status: r.status,
    originalLocale: r.originalLocale,
  };
  for (const f of LOCALIZED_FIELDS) for (const [l, text] of Object.entries(r[f])) out[`${f}.${l}`] = text;
  return out;
}

/** The post input from the editors' form. */
export function postFromForm(v: FormValues, locales: string[]): PostInput {
  return {
    slug: one(v, 'slug') || undefined,
    type: one(v, 'type') as PostInput['type'],
    title: localizedFrom(v, 'title', locales),
    summary: localizedFrom(v, 'summary', locales),
    body: localizedFrom(v, 'body', locales),
    tags: one(v, 'tags')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    status: (one(v, 'status') || 'draft') as PostInput['status'],
    originalLocale: one(v, 'originalLocale'),
  };
}

/** The form values of a stored post. */
export function postToForm(r: {
  slug: string;
  type: string;
  title: LocalizedText;
  summary: LocalizedText;
  body: LocalizedText;
  tags: string[];
  status: string;
  originalLocale: string;
}): FormValues {
  const out: FormValues = { slug: r.slug, type: r.type, tags: r.tags.join(', '), status: r.status, originalLocale: r.originalLocale };
  for (const f of LOCALIZED_FIELDS) for (const [l, text] of Object.entries(r[f])) out[`${f}.${l}`] = text;
  return out;
}

const LINE_FIELDS = new Set(['organisations', 'links', 'images', 'recognitions']);

/** Where a validation path lands on the form: its field, and the line or item of a list field. */
function formPlaceOf(path: string, originalLocale: string): { key: string; line?: number; item?: number; rest: string[] } {
  const [head, second, ...rest] = path.split('.');
  if ((LOCALIZED_FIELDS as readonly string[]).includes(head))
    return { key: `${head}.${second && !/^\d+$/.test(second) ? second : originalLocale || 'en'}`, rest: [] };
  if (LINE_FIELDS.has(head) && second !== undefined) return { key: head, line: Number(second) + 1, rest };
  if ((head === 'tags' || head === 'sectors') && second !== undefined) return { key: head, item: Number(second) + 1, rest: [] };
  return { key: head, rest: [] };
}

/**
 * Validation errors keyed by form field: "links.2.url" becomes "links" with "line 3: url: …",
 * "tags.1" becomes "tags" with "item 2: …", a whole missing text ("title") lands on the field of
 * the original language. The first error per form field wins.
 */
export function formErrors(fields: FieldErrors, originalLocale: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, reason] of Object.entries(fields)) {
    const { key, line, item, rest } = formPlaceOf(path, originalLocale);
    const message =
      line !== undefined
        ? `line ${line}${rest.length ? `: ${rest.join('.')}` : ''}: ${reason}`
        : item !== undefined
          ? `item ${item}: ${reason}`
          : reason;
    if (!out[key]) out[key] = message;
  }
  return out;
}

/**
 * The coded reasons of `formErrors`, keyed the same way: a problem on a line of a list field is
 * `invalid_line` (with `line`), on an item of a list `invalid_item` (with `item`).
 */
export function formReasons(reasons: FieldReasons, originalLocale: string): FieldReasons {
  const out: FieldReasons = {};
  for (const [path, reason] of Object.entries(reasons)) {
    const { key, line, item } = formPlaceOf(path, originalLocale);
    if (out[key]) continue;
    out[key] =
      line !== undefined ? { reason: 'invalid_line', values: { line } } : item !== undefined ? { reason: 'invalid_item', values: { item } } : reason;
  }
  return out;
}

/** A submitted FormData as FormValues (files left out). */
export function formValuesOf(form: FormData): FormValues {
  const out: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === '_csrf') continue;
    const all = form.getAll(key).filter((x): x is string => typeof x === 'string');
    if (all.length) out[key] = key === 'sectors' ? all : all.length === 1 ? all[0] : all;
  }
  return out;
}

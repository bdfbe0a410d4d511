import { z } from 'zod';
import { isCountryCode } from '../../../kernel/countries.js';
import type { FieldErrors, FieldReasons } from '../../../kernel/errors.js';
import { err, ok, type Result } from '../../../kernel/result.js';
import { fieldErrorsOf, fieldReasonsOf } from '../../../kernel/validation.js';

/**
 * The formats a consultation event may take: those the European Citizens' Consultations ran
 * (citizens' dialogues, town-hall meetings, workshops, online debates) and a few common others.
 */
export const EVENT_FORMATS = [
  'citizens_dialogue',
  'town_hall',
  'workshop',
  'online_debate',
  'focus_group',
  'conference',
  'world_cafe',
  'other',
] as const;
/** One of EVENT_FORMATS. */
export type EventFormat = (typeof EVENT_FORMATS)[number];

/**
 * The languages an event may be held in (ISO 639-1): the 24 official languages of the European
 * Union, the site's languages and other languages widely spoken in Europe. Their names come from
 * `Intl.DisplayNames`, in the reader's language.
 */
export const EVENT_LANGUAGES = [
  'bg', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en', 'es', 'et', 'eu', 'fi', 'fr', 'ga', 'gl', 'hr', 'hu', 'is', 'it', 'lb', 'lt', 'lv',
  'mk', 'mt', 'nl', 'no', 'pl', 'pt', 'ro', 'sk', 'sl', 'sq', 'sr', 'sv', 'tr', 'uk', 'ar', 'ru',
] as const; // prettier-ignore

/** Kinds of outcome item: what people worried about, and what they asked for. */
export const OUTCOME_KINDS = ['concern', 'recommendation'] as const;

/** The event statuses, in the order of their life. */
export const EVENT_STATUSES = ['proposed', 'approved', 'rejected'] as const;

/** Most groups one event's make-up may list. */
export const MAX_MAKEUP_GROUPS = 30;
/** Most concerns and recommendations one outcome may list. */
export const MAX_OUTCOME_ITEMS = 100;
/** How many blank rows of concerns and recommendations the outcome form offers beyond those given. */
export const BLANK_ITEM_ROWS = 3;
/** Most documents one outcome may carry. */
export const MAX_EVENT_DOCUMENTS = 10;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** A decimal number as typed in a form ("45.2", "-3") or sent as a number; anything else is left to fail as not a number. */
const decimal = (v: unknown) => {
  const x = blankToUndefined(v);
  return typeof x === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(x) ? Number(x) : x;
};

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/**
 * A consultation event as its organiser registers or edits it, from the API or the page's form
 * (numbers may come as the form's strings). `startsAt` is the local date and time of the event
 * (`YYYY-MM-DDTHH:MM`, read as UTC wall time so everyone reads the time the organiser wrote).
 */
export const eventInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** An organisation of the site's directory; else `organiserName` names the group. */
  organisationId: z.preprocess(blankToUndefined, z.uuid().optional()),
  organiserName: optionalText(200),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => c !== '', { message: 'an ISO 3166-1 alpha-2 country code such as PT', params: { reason: 'required' }, abort: true })
    .refine(isCountryCode, { message: 'an ISO 3166-1 alpha-2 country code such as PT', params: { reason: 'invalid_choice' } }),
  region: optionalText(120),
  startsAt: z
    .string()
    .trim()
    .refine((s) => s !== '', { message: 'the date of the event', params: { reason: 'required' }, abort: true })
    .refine((s) => parseEventTime(s) !== null, { message: 'a date and time such as 2026-05-09T18:00', params: { reason: 'invalid_date' } }),
  online: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()).default(false),
  placeName: optionalText(200),
  lat: z.preprocess(
    decimal,
    z
      .number()
      .refine((n) => n >= -90 && n <= 90, { message: 'a latitude from -90 to 90', params: { reason: 'latitude_range' } })
      .optional(),
  ),
  lon: z.preprocess(
    decimal,
    z
      .number()
      .refine((n) => n >= -180 && n <= 180, { message: 'a longitude from -180 to 180', params: { reason: 'longitude_range' } })
      .optional(),
  ),
  format: z.enum(EVENT_FORMATS),
  language: z.enum(EVENT_LANGUAGES),
  participants: z.preprocess(decimal, z.number().int().min(0).max(1_000_000).optional()),
  makeUp: z
    .record(z.string().trim().min(1).max(80), z.number().int().min(0).max(1_000_000))
    .refine((m) => Object.keys(m).length <= MAX_MAKEUP_GROUPS, {
      message: `at most ${MAX_MAKEUP_GROUPS} groups`,
      params: { reason: 'too_many', values: { max: MAX_MAKEUP_GROUPS } },
    })
    .default({}),
});

/**
 * The checks across fields of an event: an organiser (an organisation or a group's name), a place
 * unless online, both coordinates or neither. Run on the raw input too, so that a form refused for
 * another field names these at the same time.
 */
function crossFieldProblems(raw: unknown): { fields: FieldErrors; reasons: FieldReasons } {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const given = (x: unknown) => blankToUndefined(x) !== undefined;
  const online = v.online === true || v.online === 'on' || v.online === 'true' || v.online === '1';
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  if (!given(v.organisationId) && !given(v.organiserName)) {
    fields.organiserName = 'an organisation or the name of the group';
    reasons.organiserName = { reason: 'required' };
  }
  if (!online && !given(v.placeName)) {
    fields.placeName = 'where the event takes place, or that it is online';
    reasons.placeName = { reason: 'required' };
  }
  if (given(v.lat) !== given(v.lon)) {
    const missing = given(v.lat) ? 'lon' : 'lat';
    fields[missing] = 'both latitude and longitude, or neither';
    reasons[missing] = { reason: 'both_coordinates' };
  }
  return { fields, reasons };
}

/**
 * Checks an event's details from the API or the page's form: every refused field at once, each
 * with its coded reason (the field checks first, then those across fields).
 */
export function checkEventInput(raw: unknown): Result<EventInput, { fields: FieldErrors; reasons: FieldReasons }> {
  const parsed = eventInputSchema.safeParse(raw);
  const cross = crossFieldProblems(raw);
  const fields = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // Reasons are read against the numbers as the schema read them ("2.5" participants is not whole, not "not a number").
  const read = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const numbers = { ...read, lat: decimal(read.lat), lon: decimal(read.lon), participants: decimal(read.participants) };
  const reasons = parsed.success ? {} : fieldReasonsOf(parsed.error, numbers);
  for (const k of Object.keys(cross.fields))
    if (!fields[k]) {
      fields[k] = cross.fields[k];
      reasons[k] = cross.reasons[k];
    }
  if (!parsed.success || Object.keys(fields).length) return err({ fields, reasons });
  return ok(parsed.data);
}

/** A checked event input. */
export type EventInput = z.infer<typeof eventInputSchema>;

/** One concern or recommendation as given (themes checked against the consultation's by `checkOutcomeThemes`). */
const outcomeItemSchema = z.object({
  kind: z.enum(OUTCOME_KINDS),
  text: z.string().trim().min(1).max(2000),
  themes: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
});

/** What the organiser records after the event: a summary, the concerns and recommendations, the minutes. */
export const outcomeInputSchema = z.object({
  summary: z.string().trim().min(1).max(5000),
  items: z.array(outcomeItemSchema).max(MAX_OUTCOME_ITEMS).default([]),
  minutes: optionalText(50_000),
});

/** A checked outcome input. */
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

/** An event's local date and time as the organiser gave it (`YYYY-MM-DDTHH:MM`; stored as UTC wall time). */
export function eventTimeOf(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/**
 * The event's time from `YYYY-MM-DDTHH:MM` (seconds and a `Z` allowed, as the API may send an ISO
 * time), read as UTC; null when it is not a real date and time.
 */
export function parseEventTime(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)));
  // Date.UTC rolls 2026-02-30 over to March: a date that does not round-trip is not a real one.
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  return date;
}

/**
 * Refusals of outcome items tagged with a theme the consultation does not have, by field
 * (`items.<i>.themes`); empty when every tag is one of `themeIds`.
 */
export function checkOutcomeThemes(
  items: readonly { themes: readonly string[] }[],
  themeIds: readonly string[],
): Result<true, { fields: FieldErrors; reasons: FieldReasons }> {
  const known = new Set(themeIds);
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  items.forEach((item, i) => {
    const unknown = item.themes.filter((t) => !known.has(t));
    if (unknown.length) {
      fields[`items.${i}.themes`] = `not a theme of this consultation: ${unknown.join(', ')}`;
      reasons[`items.${i}.themes`] = { reason: 'invalid_choice' };
    }
  });
  return Object.keys(fields).length ? err({ fields, reasons }) : ok(true);
}

/**
 * Checks an outcome from the API or the page's form: its fields, then its items' themes against
 * the consultation's (`themeIds`); every refused field at once.
 */
export function checkOutcomeInput(raw: unknown, themeIds: readonly string[]): Result<OutcomeInput, { fields: FieldErrors; reasons: FieldReasons }> {
  const parsed = outcomeInputSchema.safeParse(raw);
  if (!parsed.success) return err({ fields: fieldErrorsOf(parsed.error), reasons: fieldReasonsOf(parsed.error, raw) });
  const themes = checkOutcomeThemes(parsed.data.items, themeIds);
  return themes.ok ? ok(parsed.data) : err(themes.error);
}

/**
 * Reads a participants' make-up written one group a line, `group = count` (or `group: count`), as
 * the form's text box takes it. A line that is not of that shape is refused by its number.
 */
export function parseMakeUp(text: string): Result<Record<string, number>, { line: number }> {
  const out: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^(.+?)\s*[=:]\s*(\d{1,7})$/.exec(line);
    if (!m || !m[1].trim()) return err({ line: i + 1 });
    out[m[1].trim()] = (out[m[1].trim()] ?? 0) + Number(m[2]);
  }
  return ok(out);
}

/**
 * A make-up as the form's text box shows it, one `group = count` a line, groups in alphabetical
 * order (the database keeps no order of a JSON object's keys).
 */
export function formatMakeUp(makeUp: Record<string, number>): string {
  return Object.entries(makeUp)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([group, count]) => `${group} = ${count}`)
    .join('\n');
}

/** An outcome item of an approved event, with the event it came from. */
export interface EventOutcomeEntry {
  eventId: string;
  eventTitle: string;
  country: string;
  kind: (typeof OUTCOME_KINDS)[number];
  text: string;
}

/**
 * The concerns and recommendations of events grouped by theme, in the consultation's order of
 * themes; an item tagged with several themes is in each of them, untagged items are in the last
 * group (`themeId` null). Empty groups are left out.
 */
export function groupOutcomesByTheme(
  events: readonly {
    id: string;
    title: string;
    country: string;
    outcomeItems: readonly { kind: 'concern' | 'recommendation'; text: string; themes: readonly string[] }[];
  }[],
  themeIds: readonly string[],
): { themeId: string | null; items: EventOutcomeEntry[] }[] {
  const groups = new Map<string | null, EventOutcomeEntry[]>([...themeIds.map((id) => [id, []] as [string, EventOutcomeEntry[]]), [null, []]]);
  for (const e of events) {
    for (const item of e.outcomeItems) {
      const entry: EventOutcomeEntry = { eventId: e.id, eventTitle: e.title, country: e.country, kind: item.kind, text: item.text };
      const tagged = item.themes.filter((t) => groups.has(t));
      if (tagged.length === 0) groups.get(null)!.push(entry);
      for (const t of new Set(tagged)) groups.get(t)!.push(entry);
    }
  }
  return [...groups].filter(([, items]) => items.length > 0).map(([themeId, items]) => ({ themeId, items }));
}

/** What an organiser or an editor may do with an event in its status. */
export function eventDecisionsFor(status: (typeof EVENT_STATUSES)[number]): ('approve' | 'reject')[] {
  if (status === 'proposed') return ['approve', 'reject'];
  return status === 'approved' ? ['reject'] : ['approve'];
}

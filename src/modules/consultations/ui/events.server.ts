import { formText } from '../../../web/kit/actions.js';
import { data } from 'react-router';
import type { Deps, RequestContext } from '../../../db/context.js';
import { countryName, countryOptions } from '../../../kernel/countries.js';
import { AppError, httpStatusOf, invalidInput, type FieldErrors, type FieldReasons } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { saveUpload } from '../../library/index.js';
import { listOrganisations } from '../../sites/index.js';
import { checkEventInput, EVENT_FORMATS, MAX_EVENT_DOCUMENTS, EVENT_LANGUAGES, eventTimeOf, formatMakeUp, parseMakeUp } from '../core/events.js';
import { editableEvent, isOrganiserOf, readableEvent, visibleConsultation } from '../routes/event-access.js';
import type { ConsultationRow, EventRow } from '../store/tables.js';

/** Runs an access check for a page: its refusal becomes the page's error status (404, 403) instead of an API error. */
export async function forPage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.code !== 'internal') throw data(e.code, { status: httpStatusOf(e.code) });
    throw e;
  }
}

/** The consultation of a page's `:slug`, or a 404 page. */
export function consultationOr404(deps: Deps, ctx: RequestContext, slug: string | undefined): Promise<ConsultationRow> {
  return forPage(() => visibleConsultation(deps, ctx, slug ?? ''));
}

/** The event of a page's `:id` that the reader may see, or a 404 page. */
export function readableEventOr404(deps: Deps, ctx: RequestContext, consultation: ConsultationRow, id: string | undefined): Promise<EventRow> {
  return forPage(() => readableEvent(deps, ctx, consultation, id ?? ''));
}

/** The event of a page's `:id` that the reader may change (its organiser), or the page's refusal. */
export function editableEventOrRefusal(deps: Deps, ctx: RequestContext, consultation: ConsultationRow, id: string | undefined): Promise<EventRow> {
  return forPage(() => editableEvent(deps, ctx, consultation, id ?? ''));
}

const languageNamers = new Map<string, Intl.DisplayNames>();

/** A language's name (ISO 639-1 code) in the reader's language. */
export function languageName(code: string, locale: string): string {
  let namer = languageNamers.get(locale);
  if (!namer) {
    namer = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
    languageNamers.set(locale, namer);
  }
  const name = namer.of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** The consultation's title and themes in the reader's language. */
export function presentConsultation(c: ConsultationRow, locale: string, fallback: string) {
  return {
    slug: c.slug,
    title: pickText(c.title, locale, fallback).text,
    themes: c.themes.map((t) => ({ id: t.id, label: pickText(t.label, locale, fallback).text })),
  };
}

/** An event as pages show it, with names (country, language) in the reader's language. */
export function presentEventView(deps: Deps, ctx: RequestContext, e: EventRow) {
  const insider = isOrganiserOf(ctx, e) || isAllowed(deps.permissions, ctx.actor, 'consultations.manage');
  return {
    id: e.id,
    title: e.title,
    organiser: e.organiserName,
    country: e.country,
    countryName: countryName(e.country, ctx.locale),
    region: e.region,
    startsAt: e.startsAt.toISOString(),
    online: e.online,
    placeName: e.placeName,
    point: e.lat !== null && e.lon !== null ? { lat: e.lat, lon: e.lon } : null,
    format: e.format,
    language: languageName(e.language, ctx.locale),
    participants: e.participants,
    makeUp: Object.entries(e.makeUp)
      .sort(([a], [b]) => a.localeCompare(b, ctx.locale, { numeric: true }))
      .map(([group, count]) => ({ group, count })),
    status: e.status,
    rejectReason: insider ? e.rejectReason : null,
    canEdit: isAllowed(deps.permissions, ctx.actor, 'consultations.event.edit', { ownerId: e.createdBy ?? undefined }),
    outcome:
      e.outcomeSummary === null
        ? null
        : {
            summary: e.outcomeSummary,
            items: e.outcomeItems,
            minutes: e.minutes,
            documents: e.documents.map((d) => ({ name: d.name, href: `/library/files/${d.uploadId}` })),
            recordedAt: (e.outcomeRecordedAt ?? e.updatedAt).toISOString(),
          },
  };
}

/** The choices of the event form: countries, organisations, formats and languages, named in the reader's language. */
export async function eventFormChoices(deps: Deps, ctx: RequestContext) {
  const orgs = await listOrganisations(deps.db, ctx.site.id);
  return {
    countries: countryOptions(ctx.locale),
    organisations: orgs
      .filter((o) => o.kind !== 'agency')
      .map((o) => ({ id: o.id, name: pickText(o.name, ctx.locale, ctx.site.defaultLocale).text }))
      .sort((a, b) => a.name.localeCompare(b.name, ctx.locale)),
    formats: [...EVENT_FORMATS],
    languages: EVENT_LANGUAGES.map((code) => ({ code, name: languageName(code, ctx.locale) })).sort((a, b) =>
      a.name.localeCompare(b.name, ctx.locale),
    ),
  };
}

/** An event's details as the form's values (to edit it). */
export function eventFormValues(e: EventRow): Record<string, string> {
  const [date, time] = eventTimeOf(e.startsAt).split('T');
  return {
    title: e.title,
    organisationId: e.organisationId ?? '',
    organiserName: e.organisationId ? '' : e.organiserName,
    country: e.country,
    region: e.region ?? '',
    date,
    time,
    online: e.online ? 'on' : '',
    placeName: e.placeName ?? '',
    lat: e.lat === null ? '' : String(e.lat),
    lon: e.lon === null ? '' : String(e.lon),
    format: e.format,
    language: e.language,
    participants: e.participants === null ? '' : String(e.participants),
    makeUp: formatMakeUp(e.makeUp),
  };
}

/**
 * The event's details from the form, in the command's shape: date and time make `startsAt`, the
 * make-up's lines are read (a bad line is refused by its number, under `makeUp`).
 */
export function eventInputFromForm(form: FormData): Record<string, unknown> {
  const makeUp = parseMakeUp(formText(form, 'makeUp'));
  const date = formText(form, 'date');
  const time = formText(form, 'time');
  const input = {
    title: formText(form, 'title'),
    organisationId: formText(form, 'organisationId'),
    organiserName: formText(form, 'organiserName'),
    country: formText(form, 'country'),
    region: formText(form, 'region'),
    startsAt: date ? `${date}T${time || '00:00'}` : '',
    online: formText(form, 'online') === 'on',
    placeName: formText(form, 'placeName'),
    lat: formText(form, 'lat'),
    lon: formText(form, 'lon'),
    format: formText(form, 'format'),
    language: formText(form, 'language'),
    participants: formText(form, 'participants'),
    makeUp: makeUp.ok ? makeUp.value : {},
  };
  if (!makeUp.ok) {
    // Refused with the other fields' problems, so the person corrects everything at once.
    const others = checkEventInput(input);
    throw invalidInput({ ...(others.ok ? {} : others.error.fields), makeUp: `line ${makeUp.error.line} is not "group = number"` }, undefined, {
      ...(others.ok ? {} : others.error.reasons),
      makeUp: { reason: 'invalid_line', values: { line: makeUp.error.line } },
    });
  }
  return input;
}

/** The form's field of each field the event command names (a time that is not one is the date's or the time's). */
export function eventFormField(field: string): string {
  if (field === 'startsAt') return 'date';
  if (field.startsWith('makeUp.')) return 'makeUp';
  return field;
}

/**
 * The outcome's items from the form's rows (`item_kind_<n>`, `item_text_<n>`, `item_themes_<n>`),
 * leaving out blank rows; `rowOf` gives each item's row, so a refusal names the row's fields.
 */
export function outcomeItemsFromForm(form: FormData): { items: { kind: string; text: string; themes: string[] }[]; rowOf: number[] } {
  const rows = new Set<number>();
  for (const key of form.keys()) {
    const m = /^item_(?:kind|text|themes)_(\d{1,3})$/.exec(key);
    if (m) rows.add(Number(m[1]));
  }
  const items: { kind: string; text: string; themes: string[] }[] = [];
  const rowOf: number[] = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const text = formText(form, `item_text_${row}`);
    const themes = form.getAll(`item_themes_${row}`).filter((v): v is string => typeof v === 'string');
    if (!text && themes.length === 0) continue;
    items.push({ kind: formText(form, `item_kind_${row}`), text, themes });
    rowOf.push(row);
  }
  return { items, rowOf };
}

/** The form's field of each field the outcome command names (`items.2.text` → the text of the item's row). */
export function outcomeFormField(rowOf: number[]): (field: string) => string {
  return (field) => {
    const m = /^items\.(\d+)\.(kind|text|themes)$/.exec(field);
    return m ? `item_${m[2]}_${rowOf[Number(m[1])] ?? m[1]}` : field;
  };
}

/**
 * Stores the documents sent with the outcome form through the platform's upload pipeline (the
 * library's `saveUpload`: type by content, size limit, images re-encoded without metadata),
 * after those kept from before. A refused file is an error on `documents`, naming the file.
 */
export async function documentsFromForm(
  deps: Deps,
  siteId: string,
  userId: string | null,
  form: FormData,
  before: { uploadId: string; name: string }[],
): Promise<{ uploadId: string; name: string }[]> {
  const keep = new Set(form.getAll('keep_document').map(String));
  const documents = before.filter((d) => keep.has(d.uploadId));
  const files = form.getAll('documents').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  // Counted before anything is stored, so a refused form leaves no stray upload behind.
  if (documents.length + files.length > MAX_EVENT_DOCUMENTS)
    throw invalidInput({ documents: `at most ${MAX_EVENT_DOCUMENTS} documents` }, undefined, {
      documents: { reason: 'too_many', values: { max: MAX_EVENT_DOCUMENTS } },
    });
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  for (const entry of files) {
    try {
      const saved = await saveUpload(deps, siteId, { bytes: new Uint8Array(await entry.arrayBuffer()), filename: entry.name, userId });
      documents.push({ uploadId: saved.id, name: entry.name.slice(0, 200) || 'document' });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      fields.documents = `${entry.name}: ${e.fields.file ?? e.message}`;
      reasons.documents = e.reasons.file ?? { reason: 'file_unreadable' };
      break;
    }
  }
  if (fields.documents) throw invalidInput(fields, undefined, reasons);
  return documents;
}

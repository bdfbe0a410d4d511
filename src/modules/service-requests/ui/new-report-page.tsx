import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { failureOf, formFailure, formValues, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError, type FieldReasons, type Reason, httpStatusOf } from '../../../kernel/errors.js';
import { isUuid, newToken } from '../../../kernel/ids.js';
import type { ServiceAttribute } from '../core/attributes.js';
import { addMeToo, createRequest } from '../commands/create-request.js';
import { mailReceipt } from '../commands/resident-mail.js';
import { MAX_PHOTOS } from '../core/photo.js';
import { findNearbyOpen, NEARBY_METERS } from '../commands/nearby.js';
import { geocodeAddress, type GeocodedPlace } from '../commands/geocode.js';
import { photoProblems, readPhotoRef, signPhotoRef, storePhotos, type PhotoInput, type PhotoProblem } from '../commands/photos.js';
import { Refusals } from '../core/refusals.js';
import { isValidPosition } from '../core/geo.js';
import { findPlace, listPlacesUpTo } from '../store/places.js';
import type { Deps } from '../../../db/context.js';
import { loadAreas, loadCatalogue, matchesSearch, presentCards, type ReportCard } from './data.server.js';
import { CoordinateFields, PlaceOptions, ReportsMap } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.new.title' });

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 100);
  const code = url.searchParams.get('service');
  const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
  const service = code ? (catalogue.services.find((s) => s.code === code) ?? null) : null;
  if (code && !service) throw data('not found', { status: 404 });
  const grouped = catalogue.grouped
    .map((g) => ({ ...g, services: g.services.filter((s) => !q || matchesSearch(s, g.name, q)) }))
    .filter((g) => g.services.length);
  return {
    q,
    grouped: grouped.map((g) => ({
      code: g.code,
      name: g.name,
      services: g.services.map((s) => ({ code: s.code, name: s.name, description: s.description })),
    })),
    service,
    areas: service ? await loadAreas(deps, ctx.site.id) : [],
    // A town's gazetteer is offered as a list; a city's is too long to choose from, so people type.
    places: service?.locationRequired ? ((await listPlacesUpTo(deps.db, ctx.site.id, PLACE_LIST_MAX)) ?? []) : [],
    tiles: mapTilesOf(deps.env),
    idempotencyKey: newToken(16),
    signedIn: ctx.actor.kind === 'user',
    email: ctx.actor.kind === 'user' ? ctx.actor.email : '',
  };
}

type ActionResult = {
  ok: false;
  message: string;
  fields: Record<string, string>;
  /** The coded reasons of `fields`, worded by the page in the reader's language. */
  reasons?: FieldReasons;
  reason?: Reason;
  values: Record<string, string | string[]>;
  nearby?: ReportCard[];
  outside?: boolean;
  /** Several places fit the typed address: the person chooses one (or none of them). */
  choices?: { value: string; name: string }[];
  /** The typed address fits no known place: the person chooses from the list or sends it as typed. */
  notFound?: boolean;
  /** The place the typed address was placed at, shown with the nearby reports. */
  located?: string;
  /** The radius the nearby check looked within, when it had a position (so "none found" means none within it). */
  checkedWithin?: number;
};

/** Most places offered as a list on the form; with more, the person types and the gazetteer matches. */
const PLACE_LIST_MAX = 500;
const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.trim() : '');

function numberOrUndefined(v: string, field: string, refused: Refusals): number | undefined {
  if (!v) return undefined;
  const n = /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) refused.add(field, 'must be a decimal number', 'not_a_number');
  return n;
}

/** The command's names of the form's fields where they differ (a refused upload is the library's `file`). */
const FORM_FIELD: Record<string, string> = { firstName: 'name', file: 'photo', lon: 'long', serviceCode: 'service_code' };

/** The pin a form sent back shows again (when both fields hold a valid position). */
function pinOf(lat: string, lon: string): { lat: number; lon: number } | null {
  const [a, b] = [Number(lat), Number(lon)];
  return lat && lon && isValidPosition(a, b) ? { lat: a, lon: b } : null;
}

/** A choice of place as the form sends it: a gazetteer place's id, or "lat,long" of a geocoder result. */
const choiceValue = (p: GeocodedPlace) => p.id ?? `${p.lat},${p.lon}`;

async function resolveChoice(deps: Deps, siteId: string, value: string): Promise<{ name: string; lat: number; lon: number } | null> {
  if (isUuid(value)) return findPlace(deps.db, siteId, value);
  const m = /^([+-]?\d{1,2}(?:\.\d+)?),([+-]?\d{1,3}(?:\.\d+)?)$/.exec(value);
  if (!m) return null;
  const [lat, lon] = [Number(m[1]), Number(m[2])];
  return isValidPosition(lat, lon) ? { name: `${lat}, ${lon}`, lat, lon } : null;
}

/** Stores the photos so far and signs references to them; a refused photo is named instead of kept. */
async function keepPhotos(
  deps: Deps,
  siteId: string,
  photos: PhotoInput[],
  userId: string | null,
): Promise<{ refs: string[]; error?: PhotoProblem }> {
  const kept = photos.filter((p) => 'uploadId' in p);
  const sign = (ids: string[]) => ids.map((id) => signPhotoRef(deps, siteId, id));
  const problem = photoProblems(deps, photos);
  if (problem) return { refs: sign(kept.map((p) => p.uploadId)), error: problem };
  try {
    return { refs: sign(await storePhotos(deps, siteId, photos, userId)) };
  } catch (err) {
    if (err instanceof AppError && err.fields.photo)
      return { refs: sign(kept.map((p) => p.uploadId)), error: { text: err.fields.photo, reason: err.reasons.photo ?? { reason: 'invalid' } } };
    throw err;
  }
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const intent = str(form.get('intent'));
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const photos: PhotoInput[] = [];
  /** The form again for another step: with the photos sent so far stored, so they need not be chosen again. */
  const again = async (
    result: Omit<ActionResult, 'ok' | 'message' | 'fields'> & { message?: string; fields?: Record<string, string> },
    status = 200,
  ) => {
    const kept = await keepPhotos(deps, ctx.site.id, photos, str(form.get('anonymous')) === 'on' ? null : userId);
    const photoRefused = kept.error && !result.fields?.photo ? kept.error : undefined;
    const fields = { ...result.fields, ...(photoRefused ? { photo: photoRefused.text } : {}) };
    const reasons = { ...result.reasons, ...(photoRefused ? { photo: photoRefused.reason } : {}) };
    return data<ActionResult>(
      { ok: false, message: result.message ?? '', ...result, fields, reasons, values: { ...result.values, photo_ref: kept.refs } },
      { status },
    );
  };
  try {
    if (intent === 'metoo') {
      const id = str(form.get('request'));
      if (!isUuid(id)) throw new AppError('not_found', 'Report was not found.');
      await addMeToo(deps, ctx.site.id, id, { email: str(form.get('email')) || null, userId });
      return redirect(`/service-requests/reports/${id}?metoo=1`);
    }
    // Photos kept by an earlier step of this form (signed references), then the files sent now.
    for (const ref of form.getAll('photo_ref')) {
      const uploadId = typeof ref === 'string' ? readPhotoRef(deps, ctx.site.id, ref) : null;
      if (uploadId) photos.push({ uploadId });
    }
    for (const f of form.getAll('photo'))
      if (typeof f !== 'string' && f.size > 0) photos.push({ bytes: new Uint8Array(await f.arrayBuffer()), filename: f.name });
    const refused = new Refusals();
    let lat = numberOrUndefined(str(form.get('lat')), 'lat', refused);
    let lon = numberOrUndefined(str(form.get('long')), 'long', refused);
    if (refused.any) throw new AppError('invalid_input', 'Some fields are not valid.', { fields: refused.fields, reasons: refused.reasons });
    const serviceCode = str(form.get('service'));
    const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
    const service = catalogue.services.find((s) => s.code === serviceCode);
    let address = str(form.get('address'));
    // A position placed from an earlier address holds only while that address is unchanged.
    const locatedFor = str(form.get('located_for'));
    if (locatedFor && locatedFor !== address) {
      lat = undefined;
      lon = undefined;
      delete values.lat;
      delete values.long;
    }
    let located: string | undefined;
    if (service?.locationRequired && lat === undefined && lon === undefined) {
      const place = str(form.get('place'));
      if (place && place !== 'none') {
        // Chosen from the list of places (no map, no typing needed).
        const chosen = await resolveChoice(deps, ctx.site.id, place);
        if (!chosen)
          throw new AppError('invalid_input', 'Some fields are not valid.', {
            fields: { place: 'choose one of the places in the list' },
            reasons: { place: { reason: 'invalid_choice' } },
          });
        ({ lat, lon } = chosen);
        located = chosen.name;
        if (!address) address = chosen.name;
      } else if (address && place !== 'none') {
        const found = await geocodeAddress(deps, ctx.site.id, address, { locale: ctx.locale });
        if (found.status === 'one') {
          ({ lat, lon } = found.places[0]);
          located = found.places[0].name;
        } else {
          const withoutStale = { ...values };
          delete withoutStale.place;
          return await again({
            values: withoutStale,
            choices: found.places.map((p) => ({ value: choiceValue(p), name: p.name })),
            notFound: found.status === 'none',
          });
        }
      }
    }
    // Before sending, show open reports of the same service nearby, once: the person may add to one.
    const hasPoint = lat !== undefined && lon !== undefined;
    if (intent === 'nearby' || (hasPoint && str(form.get('nearby_checked')) !== '1')) {
      const nearby = hasPoint ? await findNearbyOpen(deps.db, ctx.site.id, serviceCode, lat as number, lon as number) : [];
      if (nearby.length || intent === 'nearby') {
        const placed: Record<string, string> = located && hasPoint ? { lat: String(lat), long: String(lon), located_for: address, address } : {};
        return await again({
          values: { ...values, ...placed, nearby_checked: '1' },
          nearby: presentCards(nearby, catalogue.services, catalogue.agencyNames),
          located,
          checkedWithin: hasPoint ? NEARBY_METERS : undefined,
        });
      }
    }
    const attributes: Record<string, string | string[]> = {};
    for (const a of service?.attributes ?? []) {
      const all = form.getAll(`attribute[${a.code}]`).filter((x): x is string => typeof x === 'string');
      if (all.length) attributes[a.code] = a.datatype === 'multivaluelist' ? all : all[0];
    }
    const notify = str(form.get('notify')) === 'email' ? 'email' : 'none';
    const {
      request: created,
      service: filed,
      replayed,
    } = await createRequest(
      deps,
      ctx.site.id,
      {
        serviceCode,
        lat,
        lon,
        address: address || undefined,
        description: str(form.get('description')),
        email: str(form.get('email')) || undefined,
        firstName: str(form.get('name')) || undefined,
        // Only the box makes a report anonymous: a name and e-mail typed by someone signed out reach the staff, as the form says.
        anonymous: str(form.get('anonymous')) === 'on',
        notify,
        idempotencyKey: str(form.get('idempotency_key')) || undefined,
        outsideConfirmed: str(form.get('outside_ok')) === 'on',
      },
      attributes,
      {
        source: 'web',
        userId: str(form.get('anonymous')) === 'on' ? null : userId,
        requireInsideArea: true,
        origin: ctx.origin,
        geocode: false,
      },
      photos,
    );
    // The receipt, in the language of the form, once (a repeated submission of the same form sends none).
    if (!replayed && filed) await mailReceipt(deps, ctx.site.id, created, filed, { locale: ctx.locale, origin: ctx.origin });
    return redirect(`/service-requests/reports/${created.id}?new=1`);
  } catch (err) {
    if (err instanceof AppError && err.code !== 'internal') {
      const status = httpStatusOf(err.code);
      const refusal = failureOf(withFormFields(err, FORM_FIELD));
      // Keep the photos for the corrected form unless they were what was refused.
      if (!refusal.fields.photo) return again({ ...refusal, values, outside: !!err.details.outsideEveryArea }, status);
      return data<ActionResult>({ ok: false, ...refusal, values, outside: !!err.details.outsideEveryArea }, { status });
    }
    return formFailure(err, values);
  }
}

function AttributeField({ a, value, error }: { a: ServiceAttribute; value: string | string[] | undefined; error?: string }) {
  const t = useT();
  const name = `attribute[${a.code}]`;
  const list = Array.isArray(value) ? value : value ? [value] : [];
  if (!a.variable) return <p className="hint">{a.description}</p>;
  if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
    const type = a.datatype === 'singlevaluelist' ? 'radio' : 'checkbox';
    return (
      <fieldset className={error ? 'field field-error' : 'field'} id={`field-${name}`}>
        <legend>
          {a.description}
          {a.required && <span aria-hidden="true"> *</span>}
        </legend>
        {error && <p className="error">{error}</p>}
        {(a.values ?? []).map((v) => (
          <label key={v.key} className="choice">
            <input type={type} name={name} value={v.key} defaultChecked={list.includes(v.key)} required={a.required && type === 'radio'} /> {v.name}
          </label>
        ))}
      </fieldset>
    );
  }
  const hint = a.datatypeDescription || (a.datatype === 'datetime' ? t('sr.new.datetimeHint') : undefined);
  return (
    <Field name={name} label={a.description} hint={hint} error={error} required={a.required}>
      {(p) =>
        a.datatype === 'text' ? (
          <textarea {...p} rows={3} defaultValue={list[0] ?? ''} />
        ) : (
          <input
            {...p}
            type={a.datatype === 'number' ? 'text' : a.datatype === 'datetime' ? 'text' : 'text'}
            inputMode={a.datatype === 'number' ? 'decimal' : undefined}
            defaultValue={list[0] ?? ''}
          />
        )
      }
    </Field>
  );
}

export default function NewReportPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const v = (k: string) => {
    const x = result?.values?.[k];
    return Array.isArray(x) ? x[0] : (x ?? '');
  };
  const err = useFieldErrors(result);
  if (!d.service) {
    return (
      <>
        <h1>{t('sr.new.title')}</h1>
        <p>{t('sr.new.chooseIntro')}</p>
        <form method="get" role="search" className="search">
          <label htmlFor="sr-q">{t('sr.new.search')}</label> <input id="sr-q" name="q" type="search" defaultValue={d.q} />{' '}
          <button type="submit">{t('sr.new.searchButton')}</button>
        </form>
        {d.grouped.length === 0 ? (
          <p>{t('sr.new.noMatch')}</p>
        ) : (
          <form method="get">
            {d.grouped.map((g) => (
              <fieldset key={g.code ?? 'other'}>
                <legend>{g.name || t('sr.new.otherGroup')}</legend>
                {g.services.map((s) => (
                  <label key={s.code} className="choice choice-described">
                    <input type="radio" name="service" value={s.code} required />
                    <span>
                      <strong>{s.name}</strong>
                      {s.description && <span className="hint">{s.description}</span>}
                    </span>
                  </label>
                ))}
              </fieldset>
            ))}
            <button type="submit">{t('sr.new.continue')}</button>
          </form>
        )}
      </>
    );
  }
  const s = d.service;
  const nearby = result?.nearby;
  const choices = result?.choices;
  const keptRaw = result?.values?.photo_ref;
  const keptPhotos = Array.isArray(keptRaw) ? keptRaw : keptRaw ? [keptRaw] : [];
  // Each field the summary may name, by its label on this form; a question by its own wording.
  const labels: Record<string, string> = {
    location: t('sr.new.where'),
    address: t('sr.new.address'),
    place: result?.notFound ? t('sr.new.placeListLegend') : choices ? t('sr.new.placeChoose') : t('sr.new.placeList'),
    lat: t('sr.new.lat'),
    long: t('sr.new.long'),
    description: t('sr.new.description'),
    photo: t('sr.new.photos'),
    name: t('sr.new.name'),
    email: t('sr.new.email'),
    ...Object.fromEntries(s.attributes.map((a) => [`attribute[${a.code}]`, a.description])),
  };
  return (
    <>
      <h1>{t('sr.new.titleFor', { service: s.name })}</h1>
      <p>
        <a href="/service-requests/new">{t('sr.new.changeService')}</a>
      </p>
      {result?.message && <ErrorSummary {...result} labels={labels} />}
      {choices && (
        <div className="notice" role="alert">
          <h2>{result?.notFound ? t('sr.new.notFoundTitle') : t('sr.new.manyTitle')}</h2>
          <p>
            {result?.notFound ? t('sr.new.notFound', { address: v('address') }) : t('sr.new.many', { address: v('address'), count: choices.length })}{' '}
            <a href="#field-place">{t('sr.new.placeJump')}</a>
          </p>
        </div>
      )}
      {nearby && result?.located && (
        <p role="status" className="notice">
          {t('sr.new.located', { place: result.located })}
        </p>
      )}
      {nearby && (
        <section aria-labelledby="sr-nearby">
          <h2 id="sr-nearby">{t('sr.new.nearbyTitle')}</h2>
          {nearby.length === 0 ? (
            <p>{result?.checkedWithin ? t('sr.new.nearbyNoneAt', { meters: result.checkedWithin }) : t('sr.new.nearbyNone')}</p>
          ) : (
            <>
              <p>{t('sr.new.nearbyIntro', { count: nearby.length })}</p>
              <ul className="cards">
                {nearby.map((n) => (
                  <li key={n.id} className="card">
                    <a href={`/service-requests/reports/${n.id}`}>{n.address || `${n.lat}, ${n.lon}`}</a>
                    <p>{n.description}</p>
                    <p className="hint">{t('sr.report.meTooCount', { count: n.meTooCount })}</p>
                    <form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="metoo" />
                      <input type="hidden" name="request" value={n.id} />
                      <input type="hidden" name="email" value={v('email')} />
                      <button type="submit">{t('sr.new.meToo')}</button>
                    </form>
                  </li>
                ))}
              </ul>
              <p>{t('sr.new.nearbyElse')}</p>
            </>
          )}
        </section>
      )}
      <form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <input type="hidden" name="service" value={s.code} />
        <input type="hidden" name="idempotency_key" value={v('idempotency_key') || d.idempotencyKey} />
        {v('nearby_checked') && <input type="hidden" name="nearby_checked" value="1" />}
        {s.locationRequired ? (
          <fieldset id="field-location">
            <legend>{t('sr.new.where')}</legend>
            {err('location') && <p className="error">{err('location')}</p>}
            <Field name="address" label={t('sr.new.address')} hint={t('sr.new.addressHint')} error={err('address')}>
              {(p) => <input {...p} type="text" autoComplete="street-address" defaultValue={v('address')} />}
            </Field>
            {v('located_for') && <input type="hidden" name="located_for" value={v('located_for')} />}
            {choices && (!result?.notFound || d.places.length === 0) ? (
              <fieldset id="field-place" className={err('place') ? 'field field-error' : 'field'}>
                <legend>{result?.notFound ? t('sr.new.placeListLegend') : t('sr.new.placeChoose')}</legend>
                {err('place') && <p className="error">{err('place')}</p>}
                {choices.map((c) => (
                  <label key={c.value} className="choice">
                    <input type="radio" name="place" value={c.value} defaultChecked={v('place') === c.value} /> {c.name}
                  </label>
                ))}
                <label className="choice">
                  <input type="radio" name="place" value="none" defaultChecked={v('place') === 'none'} />{' '}
                  {result?.notFound ? t('sr.new.placeAsTyped') : t('sr.new.placeNoneOfThese')}
                </label>
              </fieldset>
            ) : (
              d.places.length > 0 && (
                <Field
                  name="place"
                  label={result?.notFound ? t('sr.new.placeListLegend') : t('sr.new.placeList')}
                  hint={t('sr.new.placeListHint')}
                  error={err('place')}
                >
                  {(p) => (
                    <select {...p} defaultValue={v('place')}>
                      <option value="">{t('sr.new.placeListEmpty')}</option>
                      {result?.notFound && <option value="none">{t('sr.new.placeAsTyped')}</option>}
                      <PlaceOptions places={d.places} />
                    </select>
                  )}
                </Field>
              )
            )}
            <CoordinateFields summary={t('sr.new.coordinates')} lat={v('lat')} long={v('long')} latError={err('lat')} longError={err('long')} />
            <ReportsMap
              areas={d.areas}
              points={[]}
              places={d.places}
              tiles={d.tiles}
              label={t('sr.new.mapLabel')}
              pick={{ latField: 'lat', lonField: 'long', initial: pinOf(v('lat'), v('long')) }}
            >
              {t('sr.new.mapHint')}
            </ReportsMap>
            {result?.outside && (
              <label className="choice">
                <input type="checkbox" name="outside_ok" /> {t('sr.new.outsideOk')}
              </label>
            )}
          </fieldset>
        ) : (
          <p>{t('sr.new.inquiry')}</p>
        )}
        {s.attributes.length > 0 && (
          <fieldset>
            <legend>{t('sr.new.questions')}</legend>
            {s.attributes.map((a) => (
              <AttributeField key={a.code} a={a} value={result?.values?.[`attribute[${a.code}]`]} error={err(`attribute[${a.code}]`)} />
            ))}
          </fieldset>
        )}
        <Field name="description" label={t('sr.new.description')} error={err('description')}>
          {(p) => <textarea {...p} rows={4} maxLength={4000} defaultValue={v('description')} />}
        </Field>
        {keptPhotos.map((ref) => (
          <input key={ref} type="hidden" name="photo_ref" value={ref} />
        ))}
        {keptPhotos.length > 0 && (
          <p className="notice" role="status">
            {t('sr.new.photosKept', { count: keptPhotos.length })}
          </p>
        )}
        <Field name="photo" label={t('sr.new.photos')} hint={t('sr.new.photosHint', { max: MAX_PHOTOS })} error={err('photo')}>
          {(p) => <input {...p} type="file" multiple accept="image/jpeg,image/png,image/webp,image/gif" />}
        </Field>
        <fieldset>
          <legend>{t('sr.new.you')}</legend>
          {d.signedIn && (
            <label className="choice">
              <input type="checkbox" name="anonymous" defaultChecked={v('anonymous') === 'on'} /> {t('sr.new.anonymous')}
            </label>
          )}
          <Field name="name" label={t('sr.new.name')} error={err('name')}>
            {(p) => <input {...p} type="text" autoComplete="name" defaultValue={v('name')} />}
          </Field>
          <Field name="email" label={t('sr.new.email')} error={err('email')}>
            {(p) => <input {...p} type="email" autoComplete="email" defaultValue={v('email') || d.email} />}
          </Field>
          <fieldset>
            <legend>{t('sr.new.notify')}</legend>
            <label className="choice">
              <input type="radio" name="notify" value="email" defaultChecked={v('notify') !== 'none'} /> {t('sr.new.notifyEmail')}
            </label>
            <label className="choice">
              <input type="radio" name="notify" value="none" defaultChecked={v('notify') === 'none'} /> {t('sr.new.notifyNone')}
            </label>
          </fieldset>
        </fieldset>
        <p className="actions">
          <button type="submit" name="intent" value="nearby" className="secondary">
            {t('sr.new.checkNearby')}
          </button>{' '}
          <button type="submit" name="intent" value="submit">
            {t('sr.new.send')}
          </button>
        </p>
        <p className="hint">{t('sr.new.privacy')}</p>
      </form>
    </>
  );
}

import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError } from '../../../kernel/errors.js';
import { isUuid, newToken } from '../../../kernel/ids.js';
import type { ServiceAttribute } from '../core/attributes.js';
import { addMeToo, createRequest } from '../commands/create-request.js';
import { findNearbyOpen } from '../commands/nearby.js';
import { loadAreas, loadCatalogue, matchesSearch, presentCards, type ReportCard } from './data.server.js';
import { ReportsMap, titleOf, UseMyLocation } from './shared.js';

export const meta = ({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) => titleOf(matches, 'sr.new.title');

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
    idempotencyKey: newToken(16),
    signedIn: ctx.actor.kind === 'user',
    email: ctx.actor.kind === 'user' ? ctx.actor.email : '',
  };
}

type ActionResult = {
  ok: false;
  message: string;
  fields: Record<string, string>;
  values: Record<string, string | string[]>;
  nearby?: ReportCard[];
  outside?: boolean;
};

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.trim() : '');

function numberOrUndefined(v: string, field: string, fields: Record<string, string>): number | undefined {
  if (!v) return undefined;
  const n = /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) fields[field] = 'must be a decimal number';
  return n;
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const intent = str(form.get('intent'));
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  try {
    if (intent === 'metoo') {
      const id = str(form.get('request'));
      if (!isUuid(id)) throw new AppError('not_found', 'Report was not found.');
      await addMeToo(deps, ctx.site.id, id, { email: str(form.get('email')) || null, userId });
      return redirect(`/service-requests/reports/${id}?metoo=1`);
    }
    const fields: Record<string, string> = {};
    const lat = numberOrUndefined(str(form.get('lat')), 'lat', fields);
    const lon = numberOrUndefined(str(form.get('long')), 'long', fields);
    if (Object.keys(fields).length) throw new AppError('invalid_input', 'Some fields are not valid.', { fields });
    const serviceCode = str(form.get('service'));
    const catalogue = await loadCatalogue(deps, ctx.site, ctx.locale);
    // Before sending, show open reports of the same service nearby, once: the person may add to one.
    const hasPoint = lat !== undefined && lon !== undefined;
    if (intent === 'nearby' || (hasPoint && str(form.get('nearby_checked')) !== '1')) {
      const nearby = hasPoint ? await findNearbyOpen(deps.db, ctx.site.id, serviceCode, lat, lon) : [];
      if (nearby.length || intent === 'nearby') {
        return data<ActionResult>({
          ok: false,
          message: '',
          fields: {},
          values: { ...values, nearby_checked: '1' },
          nearby: presentCards(nearby, catalogue.services, catalogue.agencyNames),
        });
      }
    }
    const service = catalogue.services.find((s) => s.code === serviceCode);
    const attributes: Record<string, string | string[]> = {};
    for (const a of service?.attributes ?? []) {
      const all = form.getAll(`attribute[${a.code}]`).filter((x): x is string => typeof x === 'string');
      if (all.length) attributes[a.code] = a.datatype === 'multivaluelist' ? all : all[0];
    }
    const photo = form.get('photo');
    const photos =
      photo && typeof photo !== 'string' && photo.size > 0 ? [{ bytes: new Uint8Array(await photo.arrayBuffer()), filename: photo.name }] : [];
    const notify = str(form.get('notify')) === 'email' ? 'email' : 'none';
    const { request: created } = await createRequest(
      deps,
      ctx.site.id,
      {
        serviceCode,
        lat,
        lon,
        address: str(form.get('address')) || undefined,
        description: str(form.get('description')),
        email: str(form.get('email')) || undefined,
        firstName: str(form.get('name')) || undefined,
        anonymous: str(form.get('anonymous')) === 'on' || !userId,
        notify,
        idempotencyKey: str(form.get('idempotency_key')) || undefined,
        outsideConfirmed: str(form.get('outside_ok')) === 'on',
      },
      attributes,
      { source: 'web', userId: str(form.get('anonymous')) === 'on' ? null : userId, requireInsideArea: true, origin: ctx.origin },
      photos,
    );
    return redirect(`/service-requests/reports/${created.id}?new=1`);
  } catch (err) {
    if (err instanceof AppError && err.code !== 'internal') {
      const status =
        err.code === 'invalid_input'
          ? 400
          : err.code === 'not_found'
            ? 404
            : err.code === 'payload_too_large'
              ? 413
              : err.code === 'unsupported_media_type'
                ? 415
                : 409;
      const fields = { ...err.fields };
      if (fields.file) {
        fields.photo = fields.file;
        delete fields.file;
      }
      return data<ActionResult>({ ok: false, message: err.message, fields, values, outside: !!err.details.outsideEveryArea }, { status });
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
  const err = (k: string) => result?.fields?.[k];
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
                  <label key={s.code} className="choice">
                    <input type="radio" name="service" value={s.code} required /> <strong>{s.name}</strong>
                    {s.description && <span className="hint"> — {s.description}</span>}
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
  return (
    <>
      <h1>{t('sr.new.titleFor', { service: s.name })}</h1>
      <p>
        <a href="/service-requests/new">{t('sr.new.changeService')}</a>
      </p>
      {result?.message && <ErrorSummary fields={result.fields} message={result.message} />}
      {nearby && (
        <section aria-labelledby="sr-nearby">
          <h2 id="sr-nearby">{t('sr.new.nearbyTitle')}</h2>
          {nearby.length === 0 ? (
            <p>{t('sr.new.nearbyNone')}</p>
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
            <UseMyLocation latField="lat" lonField="long" />
            <details open={!!(v('lat') || err('lat'))}>
              <summary>{t('sr.new.coordinates')}</summary>
              <Field name="lat" label={t('sr.new.lat')} error={err('lat')}>
                {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={v('lat')} />}
              </Field>
              <Field name="long" label={t('sr.new.long')} error={err('long')}>
                {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={v('long')} />}
              </Field>
            </details>
            <ReportsMap areas={d.areas} points={[]} label={t('sr.new.mapLabel')} pick={{ latField: 'lat', lonField: 'long' }}>
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
        <Field name="photo" label={t('sr.new.photo')} hint={t('sr.new.photoHint')} error={err('photo')}>
          {(p) => <input {...p} type="file" accept="image/jpeg,image/png,image/webp,image/gif" />}
        </Field>
        <fieldset>
          <legend>{t('sr.new.you')}</legend>
          {d.signedIn && (
            <label className="choice">
              <input type="checkbox" name="anonymous" defaultChecked={v('anonymous') === 'on'} /> {t('sr.new.anonymous')}
            </label>
          )}
          <Field name="name" label={t('sr.new.name')} error={err('firstName')}>
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

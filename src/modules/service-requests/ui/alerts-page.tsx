import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, type FormFailure, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError } from '../../../kernel/errors.js';
import { ALERT_RADII, followArea } from '../commands/area-alerts.js';
import { listPlacesUpTo } from '../store/places.js';
import { loadAreas } from './data.server.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import { CoordinateFields, PlaceOptions, ReportsMap } from './shared.js';
import { Refusals } from '../core/refusals.js';
import { pageTitle } from '../../../web/kit/page-title.js';

export const meta = ({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) =>
  pageTitle({ matches }, { id: 'sr.alerts.title' });

/** Most gazetteer places offered as a list (as on the report form). */
const PLACE_LIST_MAX = 500;

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const [areas, places] = await Promise.all([loadAreas(deps, ctx.site.id), listPlacesUpTo(deps.db, ctx.site.id, PLACE_LIST_MAX)]);
  const sent = new URL(request.url).searchParams.get('sent') === '1';
  return { areas, places: places ?? [], radii: [...ALERT_RADII], sent, tiles: mapTilesOf(deps.env) };
}

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.trim() : '');

function decimal(v: string, field: string, refused: Refusals): number | undefined {
  if (!v) return undefined;
  if (!/^[+-]?\d+(\.\d+)?$/.test(v)) refused.add(field, 'must be a decimal number', 'not_a_number');
  return Number(v);
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  try {
    const refused = new Refusals();
    const lat = decimal(str(form.get('lat')), 'lat', refused);
    const lon = decimal(str(form.get('long')), 'long', refused);
    const radius = decimal(str(form.get('radius')), 'radius', refused);
    if (refused.any) throw new AppError('invalid_input', 'Some fields are not valid.', { fields: refused.fields, reasons: refused.reasons });
    await followArea(
      deps,
      ctx.site.id,
      { email: str(form.get('email')), area: str(form.get('area')) || undefined, place: str(form.get('place')) || undefined, lat, lon, radius },
      { locale: ctx.locale, origin: ctx.origin, client: ctx.clientIp },
    );
    return redirect('/service-requests/alerts?sent=1');
  } catch (err) {
    // The command's `lon` is the form's `long`.
    if (err instanceof AppError) return formFailure(withFormFields(err, { lon: 'long' }), values);
    return formFailure(err, values);
  }
}

export default function AlertsPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const v = (k: string) => {
    const x = failed?.values?.[k];
    return Array.isArray(x) ? x[0] : (x ?? '');
  };
  const err = useFieldErrors(failed);
  const labels: Record<string, string> = {
    area: t('sr.alerts.area'),
    place: t('sr.alerts.place'),
    lat: t('sr.new.lat'),
    long: t('sr.new.long'),
    radius: t('sr.alerts.radius'),
    email: t('sr.alerts.email'),
  };
  return (
    <>
      <p>
        <a href="/service-requests">{t('sr.nav.home')}</a>
      </p>
      <h1>{t('sr.alerts.title')}</h1>
      {d.sent && !failed && (
        <p role="status" className="notice">
          {t('sr.alerts.sent')}
        </p>
      )}
      <p>{t('sr.alerts.intro')}</p>
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <form method="post" noValidate>
        <CsrfField />
        <fieldset>
          <legend>{t('sr.alerts.what')}</legend>
          <Field name="area" label={labels.area} error={err('area')}>
            {(p) => (
              <select {...p} defaultValue={v('area')}>
                <option value="">{t('sr.alerts.areaNone')}</option>
                {d.areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {d.places.length > 0 && (
            <Field name="place" label={labels.place} error={err('place')}>
              {(p) => (
                <select {...p} defaultValue={v('place')}>
                  <option value="">{t('sr.alerts.placeNone')}</option>
                  <PlaceOptions places={d.places} />
                </select>
              )}
            </Field>
          )}
          <CoordinateFields summary={t('sr.alerts.point')} lat={v('lat')} long={v('long')} latError={err('lat')} longError={err('long')}>
            <ReportsMap areas={d.areas} points={[]} tiles={d.tiles} label={t('sr.alerts.mapLabel')} pick={{ latField: 'lat', lonField: 'long' }}>
              {t('sr.new.mapHint')}
            </ReportsMap>
          </CoordinateFields>
          <Field name="radius" label={labels.radius} hint={t('sr.alerts.radiusHint')} error={err('radius')}>
            {(p) => (
              <select {...p} defaultValue={v('radius') || '500'}>
                {d.radii.map((m) => (
                  <option key={m} value={m}>
                    {t('sr.alerts.radiusOption', { meters: m })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <Field name="email" label={labels.email} error={err('email')}>
          {(p) => <input {...p} type="email" autoComplete="email" defaultValue={v('email')} />}
        </Field>
        <button type="submit">{t('sr.alerts.submit')}</button>
        <p className="hint">{t('sr.alerts.privacy')}</p>
      </form>
    </>
  );
}

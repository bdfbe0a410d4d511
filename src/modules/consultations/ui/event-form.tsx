import { Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { SiteMap, type MapPlace, type MapTiles } from '../../../web/kit/map.js';

/** The choices of the event form, named in the reader's language (built by `eventFormChoices`). */
export interface EventFormChoices {
  countries: { code: string; name: string }[];
  organisations: { id: string; name: string }[];
  formats: string[];
  languages: { code: string; name: string }[];
}

/** The field names of the event form, with their labels' message ids (what the error summary names). */
export const EVENT_FIELD_LABELS: Record<string, string> = {
  title: 'consultations.events.form.title',
  organisationId: 'consultations.events.form.organisation',
  organiserName: 'consultations.events.form.organiserName',
  country: 'consultations.events.form.country',
  region: 'consultations.events.form.region',
  date: 'consultations.events.form.date',
  time: 'consultations.events.form.time',
  online: 'consultations.events.form.online',
  placeName: 'consultations.events.form.placeName',
  lat: 'consultations.events.form.lat',
  lon: 'consultations.events.form.lon',
  format: 'consultations.events.form.format',
  language: 'consultations.events.form.language',
  participants: 'consultations.events.form.participants',
  makeUp: 'consultations.events.form.makeUp',
};

/** A position typed in the form, when both fields hold one (the map's pin). */
function pinOf(lat: string, lon: string): { lat: number; lon: number } | null {
  const [a, b] = [Number(lat), Number(lon)];
  return lat && lon && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? { lat: a, lon: b } : null;
}

/**
 * The fields of an event's details (the registration form and the edit form): organiser, country
 * and region, date and time, online or a place with an optional point picked on the kit's map (the
 * latitude and longitude fields work without the map), format, language, participants and their
 * make-up. Works without JavaScript.
 */
export function EventFields(props: {
  choices: EventFormChoices;
  value: (name: string) => string;
  error: (name: string) => string | undefined;
  tiles: MapTiles;
  /** Places already on the consultation's map, so the picking map has a frame to start from. */
  places: MapPlace[];
}) {
  const t = useT();
  const { choices, value: v, error: err } = props;
  const label = (name: string) => t(EVENT_FIELD_LABELS[name]);
  const text = (name: string, hint?: string, extra: Record<string, string> = {}) => (
    <Field name={name} label={label(name)} hint={hint} error={err(name)}>
      {(p) => <input {...p} type="text" defaultValue={v(name)} {...extra} />}
    </Field>
  );
  return (
    <>
      <Field name="title" label={label('title')} error={err('title')} required>
        {(p) => <input {...p} type="text" maxLength={200} defaultValue={v('title')} />}
      </Field>
      <fieldset>
        <legend>{t('consultations.events.form.organiserLegend')}</legend>
        <Field
          name="organisationId"
          label={label('organisationId')}
          hint={t('consultations.events.form.organisationHint')}
          error={err('organisationId')}
        >
          {(p) => (
            <select {...p} defaultValue={v('organisationId')}>
              <option value="">{t('consultations.events.form.noOrganisation')}</option>
              {choices.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('organiserName', t('consultations.events.form.organiserNameHint'), { maxLength: '200' })}
      </fieldset>
      <Field name="country" label={label('country')} error={err('country')} required>
        {(p) => (
          <select {...p} defaultValue={v('country')}>
            <option value="">{t('consultations.events.form.chooseCountry')}</option>
            {choices.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('region', t('consultations.events.form.regionHint'), { maxLength: '120' })}
      <Field name="date" label={label('date')} error={err('date')} required>
        {(p) => <input {...p} type="date" defaultValue={v('date')} />}
      </Field>
      <Field name="time" label={label('time')} hint={t('consultations.events.form.timeHint')} error={err('time')}>
        {(p) => <input {...p} type="time" defaultValue={v('time')} />}
      </Field>
      {/* A fieldset is as wide as its widest content by default: the street map's tiles would widen the page. */}
      <fieldset style={{ minWidth: 0 }}>
        <legend>{t('consultations.events.form.placeLegend')}</legend>
        <div className={err('online') ? 'field field-error' : 'field'}>
          <label className="choice" htmlFor="field-online">
            <input type="checkbox" id="field-online" name="online" defaultChecked={v('online') === 'on'} /> {label('online')}
          </label>
        </div>
        {text('placeName', t('consultations.events.form.placeNameHint'), { maxLength: '200' })}
        <details open={!!(v('lat') || err('lat') || err('lon'))}>
          <summary>{t('consultations.events.form.coordinates')}</summary>
          {text('lat', undefined, { inputMode: 'decimal' })}
          {text('lon', undefined, { inputMode: 'decimal' })}
          <SiteMap
            label={t('consultations.events.form.mapLabel')}
            tiles={props.tiles}
            areas={[]}
            places={props.places}
            pick={{ latField: 'lat', lonField: 'lon', initial: pinOf(v('lat'), v('lon')) }}
          />
        </details>
      </fieldset>
      <Field name="format" label={label('format')} error={err('format')} required>
        {(p) => (
          <select {...p} defaultValue={v('format')}>
            <option value="">{t('consultations.events.form.chooseFormat')}</option>
            {choices.formats.map((f) => (
              <option key={f} value={f}>
                {t(`consultations.events.format.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="language" label={label('language')} error={err('language')} required>
        {(p) => (
          <select {...p} defaultValue={v('language')}>
            <option value="">{t('consultations.events.form.chooseLanguage')}</option>
            {choices.languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('participants', t('consultations.events.form.participantsHint'), { inputMode: 'numeric' })}
      <Field name="makeUp" label={label('makeUp')} hint={t('consultations.events.form.makeUpHint')} error={err('makeUp')}>
        {(p) => <textarea {...p} rows={4} defaultValue={v('makeUp')} />}
      </Field>
    </>
  );
}

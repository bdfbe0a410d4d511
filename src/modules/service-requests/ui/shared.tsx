import { useRoot, useT } from '../../../web/kit/i18n.js';
import { Field } from '../../../web/kit/form.js';
import { SiteMap, type MapArea, type MapMarker, type MapPlace, type MapTiles } from '../../../web/kit/map.js';
import type { ReactNode } from 'react';
import type { AreaGeometry } from '../core/geo.js';
import { boundsOf, densityGrid, fitProjection, pathOf } from '../core/map.js';
import type { Status } from '../core/status.js';
import { PLACE_KINDS } from '../core/places.js';

/** A report's status as words, with a class for its colour. */
export function StatusLabel({ status }: { status: Status }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`sr.status.${status}`)}</span>;
}

/** A date and time in the reader's locale, in UTC. */
export function useDate() {
  const { locale } = useRoot();
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (iso: string | null | undefined) => (iso ? f.format(new Date(iso)) : '');
}

/**
 * The map of this module's pages: the kit's map with the agencies' areas, the gazetteer's places
 * and the reports (grouped when many lie close together). The same reports are always listed in a
 * table next to it, so the map is never the only way to reach them. With `pick`, the map sets the
 * latitude and longitude fields (the fields stay usable by keyboard without the map).
 */
export function ReportsMap(props: {
  areas: MapArea[];
  points: MapMarker[];
  places?: MapPlace[];
  tiles: MapTiles;
  label: string;
  pick?: { latField: string; lonField: string; initial?: { lat: number; lon: number } | null };
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <SiteMap
      label={props.label}
      tiles={props.tiles}
      areas={props.areas}
      markers={props.points}
      places={props.places}
      pick={props.pick}
      clusterLabel={(n) => t('sr.map.cluster', { count: n })}
    >
      {props.children}
    </SiteMap>
  );
}

/** The site's known places as the options of a place list, grouped by kind (streets, landmarks, districts). */
export function PlaceOptions({ places }: { places: readonly { id: string; name: string; kind: string }[] }) {
  const t = useT();
  return (
    <>
      {PLACE_KINDS.filter((k) => places.some((x) => x.kind === k)).map((k) => (
        <optgroup key={k} label={t(`sr.new.placeKind.${k}`)}>
          {places
            .filter((x) => x.kind === k)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * The "enter coordinates" block of the forms that take a point (the report form, area alerts):
 * latitude and longitude fields (named `lat` and `long`) inside a details element, open when a
 * value or an error is there. `children` (a map to pick the point) follow the fields.
 */
export function CoordinateFields({
  summary,
  lat,
  long,
  latError,
  longError,
  children,
}: {
  summary: string;
  lat: string;
  long: string;
  latError?: string;
  longError?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <details open={!!(lat || latError || longError)}>
      <summary>{summary}</summary>
      <Field name="lat" label={t('sr.new.lat')} error={latError}>
        {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={lat} />}
      </Field>
      <Field name="long" label={t('sr.new.long')} error={longError}>
        {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={long} />}
      </Field>
      {children}
    </details>
  );
}

/** A report's place in words: its address, else the known place it is near, else "marked on the map"; never coordinates. */
export function usePlaceText(): (r: { address: string | null; nearPlace: string | null; lat: number | null }) => string {
  const t = useT();
  return (r) => r.address || (r.nearPlace ? t('sr.report.near', { place: r.nearPlace }) : r.lat !== null ? t('sr.report.onMap') : '');
}

/** A report's name: "Street light out: 83 Church Street", "Street light out near Church Street". */
export function useReportName(): (r: { serviceName: string; address: string | null; nearPlace: string | null; lat: number | null }) => string {
  const t = useT();
  return (r) =>
    r.address
      ? t('sr.report.nameAt', { service: r.serviceName, place: r.address })
      : r.nearPlace
        ? t('sr.report.nameNear', { service: r.serviceName, place: r.nearPlace })
        : r.serviceName;
}

/**
 * A density map: the areas and a grid whose cells darken with the number of reports in them,
 * each cell titled with its count. Pages list the same reports in tables.
 */
export function DensityMap({
  areas,
  points,
  label,
  cells = 16,
}: {
  areas: { id: string; geometry: AreaGeometry }[];
  points: { lat: number; lon: number }[];
  label: string;
  cells?: number;
}) {
  const width = 480;
  const bounds = boundsOf(
    areas.map((a) => a.geometry),
    points,
  );
  if (!bounds) return null;
  const proj = fitProjection(bounds, width);
  const rows = Math.max(1, Math.round((cells * proj.height) / width));
  const grid = densityGrid(points, bounds, cells, rows);
  const max = Math.max(1, ...grid.flat());
  const [x0, y0] = proj.project(bounds.maxLat, bounds.minLon);
  const [x1, y1] = proj.project(bounds.minLat, bounds.maxLon);
  const cw = (x1 - x0) / cells;
  const ch = (y1 - y0) / rows;
  return (
    <svg viewBox={`0 0 ${width} ${proj.height}`} role="img" aria-label={label} style={{ maxWidth: '100%', height: 'auto', background: '#f4f6f8' }}>
      {grid.flatMap((row, r) =>
        row.map((n, c) =>
          n === 0 ? null : (
            <rect key={`${r}-${c}`} x={x0 + c * cw} y={y0 + r * ch} width={cw} height={ch} fill="#9b2c2c" fillOpacity={0.15 + (0.75 * n) / max}>
              <title>{String(n)}</title>
            </rect>
          ),
        ),
      )}
      {areas.map((a) => (
        <path key={a.id} d={pathOf(a.geometry, proj.project)} fill="none" stroke="#2b6cb0" strokeWidth={1.5} />
      ))}
    </svg>
  );
}

/**
 * One labelled <select> of a GET filter form (the inbox and the dashboard share them): its first
 * option means "no filter" (value ""), unless `allLabel` is left out.
 */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  allLabel?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>{' '}
      <select id={props.id} name={props.name} defaultValue={props.value}>
        {props.allLabel !== undefined && <option value="">{props.allLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>{' '}
    </>
  );
}

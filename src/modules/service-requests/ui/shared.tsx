import { useEffect, useState, type ReactNode } from 'react';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { AreaGeometry } from '../core/geo.js';
import { boundsOf, densityGrid, fitProjection, pathOf } from '../core/map.js';
import type { Status } from '../core/status.js';

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

interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
}

/**
 * A small SVG map without tiles: the agencies' areas and the reports as dots, each titled with
 * its name. The same reports are always listed in a table next to it, so the map is never the
 * only way to reach them. With `pick`, a click on the map sets the latitude and longitude fields
 * (the fields stay usable by keyboard without the map).
 */
export function ReportsMap(props: {
  areas: { id: string; name: string; geometry: AreaGeometry }[];
  points: MapPoint[];
  label: string;
  pick?: { latField: string; lonField: string };
  children?: ReactNode;
}) {
  const width = 480;
  const bounds = boundsOf(
    props.areas.map((a) => a.geometry),
    props.points,
  );
  const [pin, setPin] = useState<{ lat: number; lon: number } | null>(null);
  if (!bounds) return null;
  const proj = fitProjection(bounds, width);
  const onClick = props.pick
    ? (e: React.MouseEvent<SVGSVGElement>) => {
        const svg = e.currentTarget;
        const box = svg.getBoundingClientRect();
        const x = ((e.clientX - box.left) / box.width) * width;
        const y = ((e.clientY - box.top) / box.height) * proj.height;
        const at = proj.unproject(x, y);
        const lat = Math.round(at.lat * 1e6) / 1e6;
        const lon = Math.round(at.lon * 1e6) / 1e6;
        setPin({ lat, lon });
        const latInput = document.getElementById(`field-${props.pick!.latField}`) as HTMLInputElement | null;
        const lonInput = document.getElementById(`field-${props.pick!.lonField}`) as HTMLInputElement | null;
        if (latInput) latInput.value = String(lat);
        if (lonInput) lonInput.value = String(lon);
      }
    : undefined;
  return (
    <figure className="sr-map">
      <svg
        viewBox={`0 0 ${width} ${proj.height}`}
        role="img"
        aria-label={props.label}
        onClick={onClick}
        style={{ maxWidth: '100%', height: 'auto', background: '#f4f6f8' }}
      >
        {props.areas.map((a) => (
          <path key={a.id} d={pathOf(a.geometry, proj.project)} fill="#2b6cb0" fillOpacity={0.08} stroke="#2b6cb0" strokeWidth={1.5}>
            <title>{a.name}</title>
          </path>
        ))}
        {props.points.map((p) => {
          const [x, y] = proj.project(p.lat, p.lon);
          return (
            <circle key={p.id} cx={x} cy={y} r={6} fill="#c05621" stroke="#fff" strokeWidth={1.5}>
              <title>{p.label}</title>
            </circle>
          );
        })}
        {pin &&
          (() => {
            const [x, y] = proj.project(pin.lat, pin.lon);
            return <path d={`M${x} ${y} l-7 -16 a8 8 0 1 1 14 0 z`} fill="#1a202c" />;
          })()}
      </svg>
      {props.children && <figcaption>{props.children}</figcaption>}
    </figure>
  );
}

/** A horizontal bar chart in SVG with its numbers as text; pages show the same figures in a table. */
export function BarChart({ rows, label, unit = '' }: { rows: { label: string; value: number }[]; label: string; unit?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barH = 22;
  const labelW = 170;
  const width = 520;
  return (
    <svg viewBox={`0 0 ${width} ${rows.length * barH + 4}`} role="img" aria-label={label} style={{ maxWidth: '100%', height: 'auto' }}>
      {rows.map((r, i) => {
        const w = ((width - labelW - 60) * r.value) / max;
        return (
          <g key={r.label} transform={`translate(0 ${i * barH + 2})`}>
            <text x={labelW - 6} y={15} textAnchor="end" fontSize={12} fill="#1a202c">
              {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
            </text>
            <rect x={labelW} y={3} width={Math.max(1, w)} height={barH - 6} fill="#2b6cb0" />
            <text x={labelW + w + 4} y={15} fontSize={12} fill="#1a202c">
              {`${Number.isInteger(r.value) ? r.value : r.value.toFixed(1)}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * "Use my location": a button that appears only once the page runs JavaScript and the browser
 * offers geolocation, and fills the latitude and longitude fields. Without it people type an
 * address or the coordinates.
 */
export function UseMyLocation({ latField, lonField }: { latField: string; lonField: string }) {
  const t = useT();
  const [available, setAvailable] = useState(false);
  const [state, setState] = useState<'idle' | 'busy' | 'failed' | 'done'>('idle');
  useEffect(() => setAvailable(typeof navigator !== 'undefined' && 'geolocation' in navigator), []);
  if (!available) return null;
  const locate = () => {
    setState('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const lat = document.getElementById(`field-${latField}`) as HTMLInputElement | null;
        const lon = document.getElementById(`field-${lonField}`) as HTMLInputElement | null;
        if (lat) lat.value = pos.coords.latitude.toFixed(6);
        if (lon) lon.value = pos.coords.longitude.toFixed(6);
        setState('done');
      },
      () => setState('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <p>
      <button type="button" className="secondary" onClick={locate} disabled={state === 'busy'}>
        {t('sr.new.useLocation')}
      </button>{' '}
      <span role="status">{state === 'failed' ? t('sr.new.locationFailed') : state === 'done' ? t('sr.new.locationDone') : ''}</span>
    </p>
  );
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

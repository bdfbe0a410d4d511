import { useId, type ReactNode } from 'react';
import {
  boundsOf,
  clusterPoints,
  dotBox,
  estimateLabelWidth,
  fitProjection,
  joinOverlapping,
  MAP_WIDTH,
  padBounds,
  pathOf,
  pinPath,
  placeLabels,
  type Bounds,
  type MapGeometry,
  type PlacedLabel,
} from '../../math/map-geometry.js';
import { useRoot, useT } from './i18n.js';

/** Where a map's street tiles come from and whom they credit (from MAP_TILES_URL and MAP_TILES_ATTRIBUTION). */
export interface MapTiles {
  url: string;
  attribution: string;
}

/** An area drawn on the map (an agency's area, a district). */
export interface MapArea {
  id: string;
  name: string;
  geometry: MapGeometry;
}

/** A feature of the module (a report, a project): a point, its label and where it leads. */
export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  label: string;
  href?: string;
}

/** A named place of the site's gazetteer, drawn so the map is readable without street tiles. */
export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
}

/** A position. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** The map's tile settings for a page's loader data (one reading of the environment for every map). */
export function mapTilesOf(env: { MAP_TILES_URL: string; MAP_TILES_ATTRIBUTION: string }): MapTiles {
  return { url: env.MAP_TILES_URL, attribution: env.MAP_TILES_ATTRIBUTION };
}

/** Size of a clustering cell in screen pixels: points closer than this are drawn as one. */
const CLUSTER_PX = 32;
/** Size of the place names on the plain drawing, in its units (as `.site-map-place text` in styles.css). */
const PLACE_LABEL_FONT = 11;
/** The white outline drawn around each name (its `stroke-width`), half of it on each side. */
const PLACE_LABEL_HALO = 3;
/** Radius of a place's dot, a single feature's dot and a cluster on the plain drawing. */
const PLACE_DOT_R = 2.5;
const MARKER_R = 6;
const CLUSTER_R = 11;

/**
 * Where each place's name is written on the plain drawing (null: the name is left out, the dot
 * stays, with its name as a tooltip): names never overlap one another, the features' marks or the
 * edge of the drawing (the one placement rule of `placeLabels`).
 */
export function placePlaceLabels(
  points: readonly { name: string; x: number; y: number }[],
  frame: { width: number; height: number },
  marks: readonly { x: number; y: number; r: number }[] = [],
): (PlacedLabel | null)[] {
  const height = PLACE_LABEL_FONT * 1.2 + PLACE_LABEL_HALO;
  return placeLabels(
    points.map((p) => ({ x: p.x, y: p.y, width: estimateLabelWidth(p.name, PLACE_LABEL_FONT) + PLACE_LABEL_HALO, height })),
    { frame, gap: 4, obstacles: [...points.map((p) => dotBox(p.x, p.y, PLACE_DOT_R + 0.5)), ...marks.map((m) => dotBox(m.x, m.y, m.r))] },
  );
}

/** The `<text>` attributes that write a name in its placed box. */
function labelText(l: PlacedLabel): { x: number; y: number; textAnchor: 'start' | 'end' | 'middle' } {
  const y = l.box.y + l.box.height / 2 + PLACE_LABEL_FONT * 0.35;
  if (l.side === 'right') return { x: l.box.x + PLACE_LABEL_HALO / 2, y, textAnchor: 'start' };
  if (l.side === 'left') return { x: l.box.x + l.box.width - PLACE_LABEL_HALO / 2, y, textAnchor: 'end' };
  return { x: l.box.x + l.box.width / 2, y, textAnchor: 'middle' };
}

/**
 * Everything the map island (src/web/islands/map.ts) needs, carried in the map's `data-map`
 * attribute: what is drawn, the pick fields, and the words already in the reader's language.
 */
export interface MapIslandData {
  locale: string;
  tiles: MapTiles;
  areas: readonly MapArea[];
  markers: readonly MapMarker[];
  places: readonly MapPlace[];
  /** The padded bounds of the drawing (null when there is nothing to draw). */
  bounds: Bounds | null;
  pick: { latField: string; lonField: string } | null;
  pin: LatLon | null;
  words: {
    zoomIn: string;
    zoomOut: string;
    pin: string;
    /** With `{lat}` and `{lon}`. */
    pinAt: string;
    useLocation: string;
    locating: string;
    locationFailed: string;
    /** A cluster's words per plural category of the locale, with `{count}` for the number. */
    cluster: Record<string, string>;
  };
}

/**
 * The words of a count message per plural category of `locale`, with the formatted number replaced
 * by `{count}`, so a script can choose by `Intl.PluralRules` without the message catalogue.
 */
export function pluralTemplates(locale: string, words: (n: number) => string): Record<string, string> {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const out: Record<string, string> = {};
  // Clusters have two features or more: samples are taken from there first.
  const samples = [...Array.from({ length: 199 }, (_, i) => i + 2), 0, 1, 1.5];
  for (const category of rules.resolvedOptions().pluralCategories) {
    const n = samples.find((x) => rules.select(x) === category);
    if (n === undefined) continue;
    const text = words(n);
    const shown = number.format(n);
    out[category] = text.includes(shown) ? text.replace(shown, '{count}') : text;
  }
  return out;
}

/**
 * The one map of the kit: the site's areas, its known places and the module's features over a
 * street map (Leaflet, loaded only on pages that show a map, by the `map` island), with nearby
 * features grouped in clusters. The server renders a plain SVG drawing of the same areas, places
 * and features, which is what people without JavaScript or without the street tiles see (never an
 * empty box). Pages always list the same features in text, so the map is never the only way to
 * reach them. This component renders markup only; the behaviour is the island's
 * (src/web/islands/map.ts), so pages with a map need no React in the browser.
 *
 * With `pick`, the map sets the form's latitude and longitude fields (by their ids
 * `field-<name>`): by a click or tap (also on the plain drawing, before the street map has
 * loaded), with the arrow keys once the map has focus (Enter drops the pin in the middle), by
 * dragging the pin, or with "Use my location". Every move is announced to screen readers. The
 * fields themselves stay usable without the map.
 */
export function SiteMap(props: {
  label: string;
  tiles: MapTiles;
  areas: readonly MapArea[];
  markers?: readonly MapMarker[];
  places?: readonly MapPlace[];
  pick?: { latField: string; lonField: string; initial?: LatLon | null };
  /** The words for a cluster of `n` features ("12 reports"); a generic phrase by default. */
  clusterLabel?: (n: number) => string;
  children?: ReactNode;
}) {
  const t = useT();
  const { locale } = useRoot();
  const markers = props.markers ?? [];
  const places = props.places ?? [];
  const hintId = useId();
  const pin = props.pick?.initial ?? null;

  const found = boundsOf(
    props.areas.map((a) => a.geometry),
    [...markers, ...places, ...(pin ? [pin] : [])],
  );
  const bounds = found ? padBounds(found, 0.04) : null;
  const proj = bounds ? fitProjection(bounds, MAP_WIDTH) : null;
  const clusterWords = props.clusterLabel ?? ((n: number) => t('map.cluster', { count: n }));

  const data: MapIslandData = {
    locale,
    tiles: props.tiles,
    areas: props.areas,
    markers,
    places,
    bounds,
    pick: props.pick ? { latField: props.pick.latField, lonField: props.pick.lonField } : null,
    pin,
    words: {
      zoomIn: t('map.zoomIn'),
      zoomOut: t('map.zoomOut'),
      pin: t('map.pin'),
      pinAt: t('map.pinAt', { lat: '{lat}', lon: '{lon}' }),
      useLocation: t('map.useLocation'),
      locating: t('map.locating'),
      locationFailed: t('map.locationFailed'),
      cluster: markers.length > 1 ? pluralTemplates(locale, clusterWords) : {},
    },
  };
  const island = { 'data-island': 'map', 'data-map': JSON.stringify(data) };

  // Shown by the island where the browser can locate; hidden without scripts.
  const locateButton = props.pick && (
    <p hidden data-map-locate-row="">
      <button type="button" className="secondary" data-map-locate="">
        {t('map.useLocation')}
      </button>
      <span className="hint" hidden data-map-locate-failed="">
        {' '}
        {t('map.locationFailed')}
      </span>
    </p>
  );
  const status = props.pick && <p className="visually-hidden" role="status" aria-live="polite" data-map-status="" />;
  // Nothing to draw: the form's fields (and "Use my location") are the way to give a place.
  if (!bounds || !proj)
    return locateButton ? (
      <div className="site-map-locate" {...island}>
        {locateButton}
        {status}
      </div>
    ) : null;

  // Marks that would overlap (split by a grid cell's edge) are joined, so no count hides another.
  const clusters = joinOverlapping(clusterPoints(markers, proj.project, CLUSTER_PX / 2), (n) => (n > 1 ? CLUSTER_R : MARKER_R) + 1);
  const placePoints = places.map((p) => {
    const [x, y] = proj.project(p.lat, p.lon);
    return { name: p.name, x, y };
  });
  const labels = placePlaceLabels(
    placePoints,
    { width: MAP_WIDTH, height: proj.height },
    clusters.map((c) => ({ x: c.x, y: c.y, r: c.points.length > 1 ? CLUSTER_R : MARKER_R })),
  );
  const interactiveLinks = !props.pick && markers.some((m) => m.href);
  return (
    <figure className="site-map" {...island}>
      <div
        className="site-map-frame"
        style={{ aspectRatio: `${MAP_WIDTH} / ${proj.height}` }}
        tabIndex={props.pick ? 0 : undefined}
        role={props.pick ? 'application' : undefined}
        aria-label={props.pick ? props.label : undefined}
        aria-describedby={props.pick ? hintId : undefined}
      >
        <svg
          className="site-map-plain"
          viewBox={`0 0 ${MAP_WIDTH} ${proj.height}`}
          role={props.pick ? 'presentation' : interactiveLinks ? 'group' : 'img'}
          aria-label={props.pick ? undefined : props.label}
          aria-hidden={props.pick ? true : undefined}
        >
          <rect x={0} y={0} width={MAP_WIDTH} height={proj.height} className="site-map-ground" />
          {props.areas.map((a) => (
            <path key={a.id} d={pathOf(a.geometry, proj.project)} className="site-map-area">
              <title>{a.name}</title>
            </path>
          ))}
          {places.map((p, i) => {
            const { x, y } = placePoints[i];
            const label = labels[i];
            return (
              <g key={`${p.name}-${p.lat}-${p.lon}`} className="site-map-place">
                <circle cx={x} cy={y} r={PLACE_DOT_R}>
                  <title>{p.name}</title>
                </circle>
                {label && <text {...labelText(label)}>{p.name}</text>}
              </g>
            );
          })}
          {clusters.map((c) => {
            if (c.points.length > 1)
              return (
                <g key={c.points[0].id} className="site-map-cluster">
                  <circle cx={c.x} cy={c.y} r={CLUSTER_R}>
                    <title>{clusterWords(c.points.length)}</title>
                  </circle>
                  <text x={c.x} y={c.y + 4} textAnchor="middle">
                    {c.points.length}
                  </text>
                </g>
              );
            const m = c.points[0];
            const dot = (
              <circle cx={c.x} cy={c.y} r={MARKER_R} className="site-map-marker">
                <title>{m.label}</title>
              </circle>
            );
            return m.href && interactiveLinks ? (
              <a key={m.id} href={m.href} aria-label={m.label}>
                {dot}
              </a>
            ) : (
              <g key={m.id}>{dot}</g>
            );
          })}
          {pin &&
            (() => {
              const [x, y] = proj.project(pin.lat, pin.lon);
              return <path className="site-map-pin" d={pinPath(x, y)} />;
            })()}
        </svg>
        <div className="site-map-tiles" />
      </div>
      {props.pick && (
        <p className="hint" id={hintId}>
          {t('map.pickHint')}
        </p>
      )}
      <p className="hint" hidden data-map-no-tiles="">
        {t('map.noTiles')}
      </p>
      {locateButton}
      {status}
      {props.children && <figcaption>{props.children}</figcaption>}
    </figure>
  );
}

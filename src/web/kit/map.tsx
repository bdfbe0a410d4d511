import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { boundsOf, clusterPoints, fitProjection, padBounds, pathOf, type Bounds, type MapGeometry } from '../../math/map-geometry.js';
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

/** What the interactive (Leaflet) view offers the component once it is running. */
export interface LiveMap {
  /** Shows the pin (or removes it) and keeps it in view. */
  setPin(pin: LatLon | null): void;
  /** The position `dx`, `dy` screen pixels away from `from` at the current zoom. */
  offset(from: LatLon, dx: number, dy: number): LatLon;
  /** The middle of what is shown. */
  centre(): LatLon;
  destroy(): void;
}

/** What the component hands the interactive view when it starts. */
export interface LiveMapOptions {
  element: HTMLElement;
  tiles: MapTiles;
  areas: readonly MapArea[];
  markers: readonly MapMarker[];
  places: readonly MapPlace[];
  bounds: Bounds;
  pin: LatLon | null;
  pickable: boolean;
  words: { zoomIn: string; zoomOut: string; pin: string; cluster: (n: number) => string };
  onPick(at: LatLon): void;
  onTilesFailed(): void;
}

const WIDTH = 480;
/** Screen pixels one arrow key press moves the pin (ten times that with Shift). */
const STEP_PX = 8;
/** Size of a clustering cell in screen pixels: points closer than this are drawn as one. */
const CLUSTER_PX = 32;
/** Most places labelled by name on the plain drawing; with more, they are dots. */
const PLACE_LABELS_MAX = 30;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The one map of the kit: the site's areas, its known places and the module's features over a
 * street map (Leaflet, loaded only on pages that show a map, after the page is interactive),
 * with nearby features grouped in clusters. The server renders a plain SVG drawing of the same
 * areas, places and features, which is what people without JavaScript or without the street tiles
 * see (never an empty box). Pages always list the same features in text, so the map is never the
 * only way to reach them.
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
  const [pin, setPinState] = useState<LatLon | null>(props.pick?.initial ?? null);
  const [announcement, setAnnouncement] = useState('');
  const [live, setLive] = useState<LiveMap | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [geo, setGeo] = useState<'none' | 'idle' | 'busy' | 'failed'>('none');
  const liveRef = useRef<HTMLDivElement>(null);
  const pinRef = useRef(pin);
  pinRef.current = pin;

  const found = boundsOf(
    props.areas.map((a) => a.geometry),
    [...markers, ...places, ...(props.pick?.initial ? [props.pick.initial] : [])],
  );
  // Pages pass new arrays on every render: the map is remade only when what it shows moves.
  const boundsKey = found ? [found.minLon, found.minLat, found.maxLon, found.maxLat].join(',') : '';
  const bounds = useMemo<Bounds | null>(() => (found ? padBounds(found, 0.04) : null), [boundsKey]);
  const proj = useMemo(() => (bounds ? fitProjection(bounds, WIDTH) : null), [bounds]);

  const number = useMemo(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 }), [locale]);
  const clusterWords = props.clusterLabel ?? ((n: number) => t('map.cluster', { count: n }));

  /** Sets the pin, the form's fields and the announcement, and shows it on the live map. */
  const place = (at: LatLon, announce = true) => {
    const p = { lat: round6(at.lat), lon: round6(at.lon) };
    setPinState(p);
    if (props.pick) {
      const latInput = document.getElementById(`field-${props.pick.latField}`) as HTMLInputElement | null;
      const lonInput = document.getElementById(`field-${props.pick.lonField}`) as HTMLInputElement | null;
      if (latInput) latInput.value = String(p.lat);
      if (lonInput) lonInput.value = String(p.lon);
    }
    if (announce) setAnnouncement(t('map.pinAt', { lat: number.format(p.lat), lon: number.format(p.lon) }));
  };
  const placeRef = useRef(place);
  placeRef.current = place;

  // The street map: loaded after the page is interactive, only where a map is shown.
  useEffect(() => {
    if (!bounds || !liveRef.current) return;
    let stopped = false;
    let made: LiveMap | null = null;
    import('./map-leaflet.js')
      .then(({ startLeafletMap }) => {
        if (stopped || !liveRef.current) return;
        made = startLeafletMap({
          element: liveRef.current,
          tiles: props.tiles,
          areas: props.areas,
          markers,
          places,
          bounds,
          pin: pinRef.current,
          pickable: !!props.pick,
          words: { zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut'), pin: t('map.pin'), cluster: clusterWords },
          onPick: (at) => placeRef.current(at),
          onTilesFailed: () => setTilesFailed(true),
        });
        setLive(made);
      })
      .catch(() => {
        // Without the script (offline, blocked) the plain drawing stays and keeps working.
      });
    return () => {
      stopped = true;
      made?.destroy();
      setLive(null);
    };
    // The map is made once per page; its features come from the loader and do not change in place.
  }, [bounds]);

  useEffect(() => {
    live?.setPin(pin);
  }, [live, pin]);

  useEffect(() => {
    if (props.pick && typeof navigator !== 'undefined' && 'geolocation' in navigator) setGeo('idle');
  }, [props.pick]);

  const locate = () => {
    setGeo('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo('idle');
        place({ lat: pos.coords.latitude, lon: pos.coords.longitude });
      },
      () => {
        setGeo('failed');
        setAnnouncement(t('map.locationFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const locateButton = props.pick && geo !== 'none' && (
    <p>
      <button type="button" className="secondary" onClick={locate} disabled={geo === 'busy'}>
        {geo === 'busy' ? t('map.locating') : t('map.useLocation')}
      </button>
      {geo === 'failed' && <span className="hint"> {t('map.locationFailed')}</span>}
    </p>
  );
  const status = props.pick && (
    <p className="visually-hidden" role="status" aria-live="polite">
      {announcement}
    </p>
  );
  // Nothing to draw: the form's fields (and "Use my location") are the way to give a place.
  if (!bounds || !proj)
    return locateButton ? (
      <div className="site-map-locate">
        {locateButton}
        {status}
      </div>
    ) : null;

  const onPlainClick = props.pick
    ? (e: MouseEvent<SVGSVGElement>) => {
        const box = e.currentTarget.getBoundingClientRect();
        // The drawing keeps its proportions inside the box (xMidYMid meet): undo the letterboxing.
        const scale = Math.min(box.width / WIDTH, box.height / proj.height);
        const x = (e.clientX - box.left - (box.width - WIDTH * scale) / 2) / scale;
        const y = (e.clientY - box.top - (box.height - proj.height * scale) / 2) / scale;
        place(proj.unproject(x, y));
      }
    : undefined;

  const onKeyDown = props.pick
    ? (e: KeyboardEvent<HTMLDivElement>) => {
        const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
        const move = moves[e.key];
        if (!move && e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        const centre = live ? live.centre() : proj.unproject(WIDTH / 2, proj.height / 2);
        if (!move || !pin) {
          place(pin ?? centre);
          return;
        }
        const step = STEP_PX * (e.shiftKey ? 10 : 1);
        if (live) place(live.offset(pin, move[0] * step, move[1] * step));
        else {
          const [x, y] = proj.project(pin.lat, pin.lon);
          place(proj.unproject(x + move[0] * step, y + move[1] * step));
        }
      }
    : undefined;

  const clusters = clusterPoints(markers, proj.project, CLUSTER_PX / 2);
  const labelPlaces = places.length <= PLACE_LABELS_MAX;
  const interactiveLinks = !props.pick && markers.some((m) => m.href);
  return (
    <figure className={`site-map${live ? ' site-map-live' : ''}${tilesFailed ? ' site-map-no-tiles' : ''}`}>
      <div
        className="site-map-frame"
        style={{ aspectRatio: `${WIDTH} / ${proj.height}` }}
        tabIndex={props.pick ? 0 : undefined}
        role={props.pick ? 'application' : undefined}
        aria-label={props.pick ? props.label : undefined}
        aria-describedby={props.pick ? hintId : undefined}
        onKeyDown={onKeyDown}
      >
        <svg
          className="site-map-plain"
          viewBox={`0 0 ${WIDTH} ${proj.height}`}
          role={props.pick ? 'presentation' : interactiveLinks ? 'group' : 'img'}
          aria-label={props.pick ? undefined : props.label}
          aria-hidden={props.pick ? true : undefined}
          onClick={onPlainClick}
        >
          <rect x={0} y={0} width={WIDTH} height={proj.height} className="site-map-ground" />
          {props.areas.map((a) => (
            <path key={a.id} d={pathOf(a.geometry, proj.project)} className="site-map-area">
              <title>{a.name}</title>
            </path>
          ))}
          {places.map((p) => {
            const [x, y] = proj.project(p.lat, p.lon);
            return (
              <g key={`${p.name}-${p.lat}-${p.lon}`} className="site-map-place">
                <circle cx={x} cy={y} r={2.5}>
                  <title>{p.name}</title>
                </circle>
                {labelPlaces && (
                  <text x={x + 4} y={y - 4}>
                    {p.name}
                  </text>
                )}
              </g>
            );
          })}
          {clusters.map((c) => {
            if (c.points.length > 1)
              return (
                <g key={c.points[0].id} className="site-map-cluster">
                  <circle cx={c.x} cy={c.y} r={11}>
                    <title>{clusterWords(c.points.length)}</title>
                  </circle>
                  <text x={c.x} y={c.y + 4} textAnchor="middle">
                    {c.points.length}
                  </text>
                </g>
              );
            const m = c.points[0];
            const dot = (
              <circle cx={c.x} cy={c.y} r={6} className="site-map-marker">
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
              return <path className="site-map-pin" d={`M${x} ${y} l-7 -16 a8 8 0 1 1 14 0 z`} />;
            })()}
        </svg>
        <div ref={liveRef} className="site-map-tiles" />
      </div>
      {props.pick && (
        <p className="hint" id={hintId}>
          {t('map.pickHint')}
        </p>
      )}
      {tilesFailed && <p className="hint">{t('map.noTiles')}</p>}
      {locateButton}
      {status}
      {props.children && <figcaption>{props.children}</figcaption>}
    </figure>
  );
}

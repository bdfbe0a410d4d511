/**
 * The behaviour of the kit's map (`SiteMap` in src/web/kit/map.tsx), whose markup the server
 * renders: everything it needs is in the element's `data-map` JSON (see `MapIslandData`), texts
 * already in the reader's language. With a pick, a click on the plain drawing drops the pin (also
 * before the street map has loaded), the arrow keys on the focused frame move it (Shift for bigger
 * steps; Enter or Space drops it in the middle), "Use my location" asks the browser; every move
 * fills the form's `field-<lat>` and `field-<lon>` inputs and is announced. Then the street map
 * (Leaflet, its own chunk) is loaded and takes over, with the same pin.
 */
import { fitProjection, MAP_WIDTH, pinPath } from '../../math/map-geometry.js';
import type { LatLon, MapIslandData } from '../kit/map.js';
import type { LiveMap } from '../kit/map-leaflet.js';

/** Screen pixels one arrow key press moves the pin (ten times that with Shift). */
const STEP_PX = 8;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Enhances one map element rendered by `SiteMap`. */
export function mount(el: HTMLElement): void {
  let data: MapIslandData;
  try {
    data = JSON.parse(el.dataset.map ?? '') as MapIslandData;
  } catch {
    return;
  }
  const { words, pick } = data;
  const frame = el.querySelector<HTMLElement>('.site-map-frame');
  const plain = el.querySelector<SVGSVGElement>('svg.site-map-plain');
  const tilesBox = el.querySelector<HTMLElement>('.site-map-tiles');
  const status = el.querySelector<HTMLElement>('[data-map-status]');
  const proj = data.bounds ? fitProjection(data.bounds, MAP_WIDTH) : null;
  const number = new Intl.NumberFormat(data.locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  let pin: LatLon | null = data.pin;
  let live: LiveMap | null = null;

  const announce = (text: string) => {
    if (status) status.textContent = text;
  };

  /** Draws the pin on the plain drawing. */
  const drawPlainPin = (at: LatLon) => {
    if (!plain || !proj) return;
    let path = plain.querySelector<SVGPathElement>('path.site-map-pin');
    if (!path) {
      path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('class', 'site-map-pin');
      plain.append(path);
    }
    const [x, y] = proj.project(at.lat, at.lon);
    path.setAttribute('d', pinPath(x, y));
  };

  /** Sets the pin, the form's fields and the announcement, and shows it on both views. */
  const place = (at: LatLon, say = true) => {
    const p = { lat: round6(at.lat), lon: round6(at.lon) };
    pin = p;
    if (pick) {
      const latInput = document.getElementById(`field-${pick.latField}`) as HTMLInputElement | null;
      const lonInput = document.getElementById(`field-${pick.lonField}`) as HTMLInputElement | null;
      if (latInput) latInput.value = String(p.lat);
      if (lonInput) lonInput.value = String(p.lon);
    }
    drawPlainPin(p);
    live?.setPin(p);
    if (say) announce(words.pinAt.replace('{lat}', number.format(p.lat)).replace('{lon}', number.format(p.lon)));
  };

  if (pick) {
    // "Use my location", where the browser can tell.
    const row = el.querySelector<HTMLElement>('[data-map-locate-row]');
    const button = el.querySelector<HTMLButtonElement>('[data-map-locate]');
    const failed = el.querySelector<HTMLElement>('[data-map-locate-failed]');
    if (row && button && 'geolocation' in navigator) {
      row.hidden = false;
      button.addEventListener('click', () => {
        button.disabled = true;
        button.textContent = words.locating;
        if (failed) failed.hidden = true;
        const done = () => {
          button.disabled = false;
          button.textContent = words.useLocation;
        };
        navigator.geolocation.getCurrentPosition(
          (pos) => {
            done();
            place({ lat: pos.coords.latitude, lon: pos.coords.longitude });
          },
          () => {
            done();
            if (failed) failed.hidden = false;
            announce(words.locationFailed);
          },
          { enableHighAccuracy: true, timeout: 15_000 },
        );
      });
    }
  }

  if (!proj || !data.bounds) return;

  if (pick && plain) {
    plain.addEventListener('click', (e) => {
      const box = plain.getBoundingClientRect();
      // The drawing keeps its proportions inside the box (xMidYMid meet): undo the letterboxing.
      const scale = Math.min(box.width / MAP_WIDTH, box.height / proj.height);
      const x = (e.clientX - box.left - (box.width - MAP_WIDTH * scale) / 2) / scale;
      const y = (e.clientY - box.top - (box.height - proj.height * scale) / 2) / scale;
      place(proj.unproject(x, y));
    });
  }

  if (pick && frame) {
    const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    frame.addEventListener('keydown', (e) => {
      // Keys meant for a control inside the map (a zoom button, a feature) are theirs.
      if (e.target !== frame && e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const move = moves[e.key];
      if (!move && e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      const centre = live ? live.centre() : proj.unproject(MAP_WIDTH / 2, proj.height / 2);
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
    });
  }

  // The street map, in its own chunk: only pages with a map download it.
  if (!tilesBox) return;
  const bounds = data.bounds;
  const rules = new Intl.PluralRules(data.locale);
  const count = new Intl.NumberFormat(data.locale);
  const cluster = (n: number) => {
    const template = words.cluster[rules.select(n)] ?? words.cluster.other ?? '';
    return template.replace('{count}', count.format(n));
  };
  import('../kit/map-leaflet.js')
    .then(({ startLeafletMap }) => {
      live = startLeafletMap({
        element: tilesBox,
        tiles: data.tiles,
        areas: data.areas,
        markers: data.markers,
        places: data.places,
        bounds,
        pin,
        pickable: !!pick,
        words: { zoomIn: words.zoomIn, zoomOut: words.zoomOut, pin: words.pin, cluster },
        onPick: (at) => place(at),
        onTilesFailed: () => {
          el.classList.add('site-map-no-tiles');
          const notice = el.querySelector<HTMLElement>('[data-map-no-tiles]');
          if (notice) notice.hidden = false;
        },
      });
      el.classList.add('site-map-live');
    })
    .catch(() => {
      // Without the script (offline, blocked) the plain drawing stays and keeps working.
    });
}

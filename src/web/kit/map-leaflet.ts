/**
 * The street-map view of the kit's map (`map.tsx`) on Leaflet. This file is only ever loaded by
 * a dynamic import() from the map island (src/web/islands/map.ts), so Leaflet and its stylesheet
 * reach the browser only on pages that show a map, after the page has loaded.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { clusterPoints, dotBox, joinOverlapping, placeLabels, type Box, type Cluster, type LabelSide } from '../../math/map-geometry.js';
import type { Bounds } from '../../math/map-geometry.js';
import type { LatLon, MapArea, MapMarker, MapPlace, MapTiles } from './map.js';

/** What the street map offers the island once it is running. */
export interface LiveMap {
  /** Shows the pin (or removes it) and keeps it in view. */
  setPin(pin: LatLon | null): void;
  /** The position `dx`, `dy` screen pixels away from `from` at the current zoom. */
  offset(from: LatLon, dx: number, dy: number): LatLon;
  /** The middle of what is shown. */
  centre(): LatLon;
  destroy(): void;
}

/** What the island hands the street map when it starts. */
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

/** Size of a clustering cell in screen pixels at the current zoom. */
const CLUSTER_PX = 48;
/** Gap between a place's dot and its name: the margin Leaflet's stylesheet gives a tooltip on its side. */
const LABEL_GAP = 6;
/** Radius of a place's dot; half the size of a feature's dot and of a cluster (their icons). */
const PLACE_DOT_R = 3;
const MARKER_R = 9;
const CLUSTER_R = 17;

/** Leaflet's name of the tooltip direction for each side a label can take. */
const DIRECTION: Record<LabelSide, L.Direction> = { right: 'right', left: 'left', above: 'top', below: 'bottom' };

/** Starts Leaflet in `o.element` with the tiles, areas, places and features, and returns its handle. */
export function startLeafletMap(o: LiveMapOptions): LiveMap {
  const map = L.map(o.element, {
    zoomControl: false,
    keyboard: false, // the island's frame handles the keys (the arrows move the pin)
    attributionControl: true,
    scrollWheelZoom: false, // a page scrolled with the wheel should not zoom a map it passes over
    zoomSnap: 0.25,
  });
  map.attributionControl.setPrefix(false);
  L.control.zoom({ zoomInTitle: o.words.zoomIn, zoomOutTitle: o.words.zoomOut }).addTo(map);
  map.fitBounds(
    [
      [o.bounds.minLat, o.bounds.minLon],
      [o.bounds.maxLat, o.bounds.maxLon],
    ],
    { animate: false },
  );
  map.on('focus', () => map.scrollWheelZoom.enable());

  // Street tiles. When they cannot load (offline, blocked), the areas and places are still drawn.
  let failures = 0;
  let loaded = 0;
  const tiles = L.tileLayer(o.tiles.url, { attribution: escapeHtml(o.tiles.attribution), maxZoom: 19, crossOrigin: false });
  tiles.on('tileload', () => (loaded += 1));
  tiles.on('tileerror', () => {
    failures += 1;
    if (loaded === 0 && failures === 1) {
      o.onTilesFailed();
      showPlaceLabels();
    }
  });
  tiles.addTo(map);

  for (const a of o.areas) {
    L.geoJSON(a.geometry as GeoJSON.Geometry, {
      style: { className: 'site-map-area', weight: 2, fillOpacity: 0.08 },
      interactive: false,
    }).addTo(map);
  }

  // The places: dots, named when the street tiles could not load. Names are placed again after every
  // move and zoom by the same rule as the server's drawing (`placeLabels`): never over one another,
  // the features or the map's controls; a name that does not fit is left out (its dot's tooltip still has it).
  const placeLayer = L.layerGroup().addTo(map);
  let labelled = false;
  let shownClusters: Cluster<MapMarker>[] = [];
  const measure = labelMeasurer(o.element);
  const drawPlaces = () => {
    placeLayer.clearLayers();
    const size = map.getSize();
    const points = o.places.map((p) => map.latLngToContainerPoint([p.lat, p.lon]));
    const placed = labelled
      ? placeLabels(
          o.places.map((p, i) => ({ x: points[i].x, y: points[i].y, ...measure(p.name) })),
          {
            frame: { width: size.x, height: size.y },
            gap: LABEL_GAP,
            obstacles: [
              ...points.map((pt) => dotBox(pt.x, pt.y, PLACE_DOT_R + 1)),
              ...shownClusters.map((c) => {
                const pt = map.latLngToContainerPoint([c.lat, c.lon]);
                return dotBox(pt.x, pt.y, c.points.length > 1 ? CLUSTER_R : MARKER_R);
              }),
              ...controlBoxes(o.element),
            ],
          },
        )
      : [];
    o.places.forEach((p, i) => {
      const dot = L.circleMarker([p.lat, p.lon], { radius: PLACE_DOT_R, className: 'site-map-place', interactive: false });
      const label = placed[i];
      dot.bindTooltip(p.name, {
        permanent: !!label,
        direction: label ? DIRECTION[label.side] : 'right',
        className: 'site-map-place-label',
        offset: [0, 0],
      });
      placeLayer.addLayer(dot);
    });
  };
  const showPlaceLabels = () => {
    labelled = true;
    drawPlaces();
  };
  drawPlaces();
  map.on('moveend', () => {
    if (labelled) drawPlaces();
  });

  // The module's features, grouped by a grid in screen space and regrouped at every zoom.
  const featureLayer = L.layerGroup().addTo(map);
  const drawFeatures = () => {
    featureLayer.clearLayers();
    const zoom = map.getZoom();
    const project = (lat: number, lon: number): [number, number] => {
      const pt = map.project([lat, lon], zoom);
      return [pt.x, pt.y];
    };
    // Marks that would overlap (split by a grid cell's edge) are joined, so no count hides another.
    shownClusters = joinOverlapping(clusterPoints(o.markers, project, CLUSTER_PX), (n) => (n > 1 ? CLUSTER_R : MARKER_R));
    for (const c of shownClusters) {
      if (c.points.length === 1) featureLayer.addLayer(markerOf(c.points[0]));
      else {
        const title = o.words.cluster(c.points.length);
        const icon = L.divIcon({
          className: 'site-map-cluster-icon',
          html: `<span aria-hidden="true">${c.points.length}</span>`,
          iconSize: [30, 30],
        });
        const m = L.marker([c.lat, c.lon], { icon, title, keyboard: true });
        m.on('click', () => {
          const b = L.latLngBounds(c.points.map((p) => [p.lat, p.lon] as [number, number]));
          if (b.getNorthEast().equals(b.getSouthWest())) map.setView(b.getCenter(), Math.min(map.getMaxZoom(), zoom + 3));
          else map.fitBounds(b.pad(0.2));
        });
        featureLayer.addLayer(m);
      }
    }
  };
  const markerOf = (f: MapMarker) => {
    const icon = L.divIcon({ className: 'site-map-dot-icon', iconSize: [14, 14] });
    const m = L.marker([f.lat, f.lon], { icon, title: f.label, keyboard: true });
    const box = document.createElement('div');
    if (f.href) {
      const a = document.createElement('a');
      a.href = f.href;
      a.textContent = f.label;
      box.append(a);
    } else box.textContent = f.label;
    m.bindPopup(box);
    return m;
  };
  drawFeatures();
  map.on('zoomend', drawFeatures);

  // The pin: dropped by a click, dragged, or moved by the island (keys, location, plain map).
  let pin: L.Marker | null = null;
  const setPin = (at: LatLon | null) => {
    if (!at) {
      pin?.remove();
      pin = null;
      return;
    }
    if (!pin) {
      const icon = L.divIcon({ className: 'site-map-pin-icon', iconSize: [22, 22], iconAnchor: [11, 11] });
      pin = L.marker([at.lat, at.lon], { icon, title: o.words.pin, draggable: o.pickable, keyboard: false }).addTo(map);
      pin.on('dragend', () => {
        const p = pin!.getLatLng();
        o.onPick({ lat: p.lat, lon: p.lng });
      });
    } else pin.setLatLng([at.lat, at.lon]);
    if (!map.getBounds().pad(-0.05).contains([at.lat, at.lon])) map.panTo([at.lat, at.lon]);
  };
  if (o.pin) setPin(o.pin);
  if (o.pickable) {
    o.element.classList.add('site-map-pickable');
    map.on('click', (e: L.LeafletMouseEvent) => o.onPick({ lat: e.latlng.lat, lon: e.latlng.lng }));
  }

  return {
    setPin,
    offset(from, dx, dy) {
      const pt = map.project([from.lat, from.lon]).add([dx, dy]);
      const ll = map.unproject(pt);
      return { lat: ll.lat, lon: ll.lng };
    },
    centre() {
      const c = map.getCenter();
      return { lat: c.lat, lon: c.lng };
    },
    destroy() {
      map.remove();
    },
  };
}

/**
 * The size of a place's name as its tooltip shows it, measured once per name in a hidden tooltip
 * inside the map (so with the page's font and the label's padding).
 */
function labelMeasurer(container: HTMLElement): (text: string) => { width: number; height: number } {
  const sizes = new Map<string, { width: number; height: number }>();
  return (text) => {
    const known = sizes.get(text);
    if (known) return known;
    const probe = document.createElement('div');
    probe.className = 'leaflet-tooltip site-map-place-label';
    probe.style.visibility = 'hidden';
    probe.style.position = 'absolute';
    probe.textContent = text;
    container.append(probe);
    // Leaflet rounds a tooltip's position to whole pixels: a pixel more on each size keeps neighbours apart.
    const box = probe.getBoundingClientRect();
    const size = { width: Math.ceil(box.width) + 1, height: Math.ceil(box.height) + 1 };
    probe.remove();
    sizes.set(text, size);
    return size;
  };
}

/** The boxes of the map's controls (zoom buttons, attribution), which names must not cover. */
function controlBoxes(container: HTMLElement): Box[] {
  const frame = container.getBoundingClientRect();
  return [...container.querySelectorAll<HTMLElement>('.leaflet-control')].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - frame.left, y: r.top - frame.top, width: r.width, height: r.height };
  });
}

/** Leaflet writes the attribution as HTML; the configured text is shown as text. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

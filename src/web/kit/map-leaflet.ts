/**
 * The street-map view of the kit's map (`map.tsx`) on Leaflet. This file is only ever loaded by
 * a dynamic import() from the map island (src/web/islands/map.ts), so Leaflet and its stylesheet
 * reach the browser only on pages that show a map, after the page has loaded.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { clusterPoints } from '../../math/map-geometry.js';
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
/** Most places labelled by name when the street tiles could not load. */
const PLACE_LABELS_MAX = 30;

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

  const placeLayer = L.layerGroup().addTo(map);
  const drawPlaces = (labelled: boolean) => {
    placeLayer.clearLayers();
    for (const p of o.places) {
      const dot = L.circleMarker([p.lat, p.lon], { radius: 3, className: 'site-map-place', interactive: false });
      dot.bindTooltip(p.name, { permanent: labelled, direction: 'right', className: 'site-map-place-label', offset: [4, 0] });
      placeLayer.addLayer(dot);
    }
  };
  const showPlaceLabels = () => drawPlaces(o.places.length <= PLACE_LABELS_MAX);
  drawPlaces(false);

  // The module's features, grouped by a grid in screen space and regrouped at every zoom.
  const featureLayer = L.layerGroup().addTo(map);
  const drawFeatures = () => {
    featureLayer.clearLayers();
    const zoom = map.getZoom();
    const project = (lat: number, lon: number): [number, number] => {
      const pt = map.project([lat, lon], zoom);
      return [pt.x, pt.y];
    };
    for (const c of clusterPoints(o.markers, project, CLUSTER_PX)) {
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

/** Leaflet writes the attribution as HTML; the configured text is shown as text. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

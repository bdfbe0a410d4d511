/**
 * Geometry on WGS84 coordinates for routing reports: GeoJSON (RFC 7946) polygon validation,
 * point-in-polygon, spherical polygon area and great-circle distance. Positions are
 * `[longitude, latitude]` as RFC 7946 section 3.1.1 orders them.
 */

/** Mean Earth radius in metres (IUGG R1 = 6,371,008.8 m), the radius turf and PostGIS's sphere use. */
export const EARTH_RADIUS_M = 6_371_008.8;

export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
/** The geometries an agency's area may have. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** A validation outcome: the geometry, or one reason naming where it is wrong. */
export type GeometryCheck = { ok: true; geometry: AreaGeometry } | { ok: false; reason: string };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkRing(ring: unknown, where: string): string | null {
  if (!Array.isArray(ring)) return `${where} is not an array of positions`;
  if (ring.length < 4) return `${where} has ${ring.length} positions; a linear ring needs at least 4 (RFC 7946 3.1.6)`;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as unknown;
    if (!Array.isArray(p) || p.length < 2 || !isNum(p[0]) || !isNum(p[1])) return `${where} position ${i} is not [longitude, latitude]`;
    if (p[0] < -180 || p[0] > 180) return `${where} position ${i} has longitude ${p[0]} outside -180..180`;
    if (p[1] < -90 || p[1] > 90) return `${where} position ${i} has latitude ${p[1]} outside -90..90`;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed: its first and last positions differ (RFC 7946 3.1.6)`;
  return null;
}

function checkPolygon(rings: unknown, where: string): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return `${where} has no rings`;
  for (let r = 0; r < rings.length; r++) {
    const reason = checkRing(rings[r], `${where} ring ${r}`);
    if (reason) return reason;
  }
  return null;
}

/**
 * Checks that `value` is a GeoJSON Polygon or MultiPolygon (a bare geometry, a Feature, or a
 * FeatureCollection of one feature) with closed rings of at least four valid positions.
 */
export function validateAreaGeometry(value: unknown): GeometryCheck {
  let g = value as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
  if (g && typeof g === 'object' && g.type === 'FeatureCollection') {
    const features = g.features;
    if (!Array.isArray(features) || features.length !== 1) return { ok: false, reason: 'a FeatureCollection must hold exactly one feature' };
    g = features[0] as typeof g;
  }
  if (g && typeof g === 'object' && g.type === 'Feature') g = g.geometry as typeof g;
  if (!g || typeof g !== 'object') return { ok: false, reason: 'is not a GeoJSON object' };
  if (g.type === 'Polygon') {
    const reason = checkPolygon(g.coordinates, 'polygon');
    return reason ? { ok: false, reason } : { ok: true, geometry: { type: 'Polygon', coordinates: g.coordinates as Ring[] } };
  }
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return { ok: false, reason: 'multipolygon has no polygons' };
    for (let i = 0; i < g.coordinates.length; i++) {
      const reason = checkPolygon(g.coordinates[i], `polygon ${i}`);
      if (reason) return { ok: false, reason };
    }
    return { ok: true, geometry: { type: 'MultiPolygon', coordinates: g.coordinates as Ring[][] } };
  }
  return { ok: false, reason: `type ${JSON.stringify(g.type)} is not Polygon or MultiPolygon` };
}

/** Ray casting (even-odd rule, W. R. Franklin's PNPOLY): whether [lon, lat] is inside the ring. */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Whether the point is inside the area: inside an outer ring and outside that polygon's holes. */
export function containsPoint(g: AreaGeometry, lat: number, lon: number): boolean {
  return polygonsOf(g).some(([outer, ...holes]) => inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Area of a ring on the sphere in square metres, by the line-integral formula of Chamberlain &
 * Duquette, "Some algorithms for polygons on a sphere" (JPL, 2007), eq. for A = R^2/2 * |sum
 * (lon_{i+1} - lon_{i-1}) sin(lat_i)|.
 */
function ringArea(ring: Ring): number {
  const n = ring.length - 1; // the closing position repeats the first
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i - 1 + n) % n];
    const next = ring[(i + 1) % n];
    sum += (rad(next[0]) - rad(prev[0])) * Math.sin(rad(ring[i][1]));
  }
  return (Math.abs(sum) * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Area of a polygon or multipolygon in square metres (outer rings minus holes). */
export function areaOf(g: AreaGeometry): number {
  return polygonsOf(g).reduce((total, [outer, ...holes]) => total + ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0), 0);
}

/** Great-circle distance in metres between two points, by the haversine formula (Sinnott, 1984). */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A latitude/longitude box that contains every point within `meters` of the centre, so a
 * database index can narrow the candidates before the exact haversine test.
 */
export function boundingBox(lat: number, lon: number, meters: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos(rad(lat));
  const dLon = cos < 1e-9 ? 180 : Math.min(180, dLat / cos);
  return { minLat: Math.max(-90, lat - dLat), maxLat: Math.min(90, lat + dLat), minLon: lon - dLon, maxLon: lon + dLon };
}

/** Whether a latitude/longitude pair is a valid WGS84 position. */
export function isValidPosition(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

import type { AreaGeometry } from './geo.js';

/** A box of longitudes and latitudes. */
export interface Bounds {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The box around every position of the areas and points (null when there is nothing). */
export function boundsOf(areas: readonly AreaGeometry[], points: readonly { lat: number; lon: number }[] = []): Bounds | null {
  let b: Bounds | null = null;
  const add = (lon: number, lat: number) => {
    b = b
      ? { minLon: Math.min(b.minLon, lon), minLat: Math.min(b.minLat, lat), maxLon: Math.max(b.maxLon, lon), maxLat: Math.max(b.maxLat, lat) }
      : { minLon: lon, minLat: lat, maxLon: lon, maxLat: lat };
  };
  for (const g of areas)
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const ring of poly) for (const [lon, lat] of ring) add(lon, lat);
  for (const p of points) add(p.lon, p.lat);
  return b;
}

/**
 * An equirectangular projection of `bounds` into a `width`-wide SVG, with longitudes shrunk by the
 * cosine of the middle latitude so shapes keep their proportions at city scale. Returns the
 * height it needs, the forward projection and its inverse (for a pin dropped on the map).
 */
export function fitProjection(bounds: Bounds, width: number, pad = 8) {
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max(1e-9, (bounds.maxLon - bounds.minLon) * k);
  const spanY = Math.max(1e-9, bounds.maxLat - bounds.minLat);
  const scale = (width - 2 * pad) / spanX;
  const height = Math.round(spanY * scale + 2 * pad);
  return {
    height,
    project: (lat: number, lon: number): [number, number] => [pad + (lon - bounds.minLon) * k * scale, pad + (bounds.maxLat - lat) * scale],
    unproject: (x: number, y: number): { lat: number; lon: number } => ({
      lon: bounds.minLon + (x - pad) / (k * scale),
      lat: bounds.maxLat - (y - pad) / scale,
    }),
  };
}

/** An SVG path for an area under a projection. */
export function pathOf(g: AreaGeometry, project: (lat: number, lon: number) => [number, number]): string {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys
    .flatMap((rings) =>
      rings.map(
        (ring) =>
          ring
            .map(([lon, lat], i) => {
              const [x, y] = project(lat, lon);
              return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
            })
            .join(' ') + ' Z',
      ),
    )
    .join(' ');
}

/**
 * Counts points in a `cols` x `rows` grid over `bounds` (row 0 at the north), for a density map.
 * Points outside the bounds are left out; a point on the east or south edge falls in the last cell.
 */
export function densityGrid(points: readonly { lat: number; lon: number }[], bounds: Bounds, cols: number, rows: number): number[][] {
  const grid = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const w = bounds.maxLon - bounds.minLon;
  const h = bounds.maxLat - bounds.minLat;
  if (w <= 0 || h <= 0) return grid;
  for (const p of points) {
    if (p.lon < bounds.minLon || p.lon > bounds.maxLon || p.lat < bounds.minLat || p.lat > bounds.maxLat) continue;
    const c = Math.min(cols - 1, Math.floor(((p.lon - bounds.minLon) / w) * cols));
    const r = Math.min(rows - 1, Math.floor(((bounds.maxLat - p.lat) / h) * rows));
    grid[r][c] += 1;
  }
  return grid;
}

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

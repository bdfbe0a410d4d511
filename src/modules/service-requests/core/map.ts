// The box, projection and paths are the kit map's (one place for them); re-exported for this module's code.
export { boundsOf, fitProjection, pathOf, type Bounds } from '../../../math/map-geometry.js';
import type { Bounds } from '../../../math/map-geometry.js';

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

/**
 * Plane geometry for drawing maps without a map library: the box around areas and points, an
 * equirectangular projection fitted to a width, SVG paths of polygons, and grid clustering of
 * points in screen space. Positions of polygons are `[longitude, latitude]` as RFC 7946 orders
 * them; points are `{ lat, lon }`.
 */

/** A GeoJSON polygon or multipolygon (RFC 7946 3.1.6 and 3.1.7). */
export type MapGeometry = { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** A box of longitudes and latitudes. */
export interface Bounds {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The box around every position of the areas and points (null when there is nothing). */
export function boundsOf(areas: readonly MapGeometry[], points: readonly { lat: number; lon: number }[] = []): Bounds | null {
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

/** A projection of a box into an SVG `width` wide: its height, forward and inverse. */
export interface FittedProjection {
  height: number;
  project: (lat: number, lon: number) => [number, number];
  unproject: (x: number, y: number) => { lat: number; lon: number };
}

/**
 * An equirectangular projection of `bounds` into a `width`-wide SVG, with longitudes shrunk by the
 * cosine of the middle latitude so shapes keep their proportions at city scale. A box with a
 * single point (or a line) gets a small margin around it so it is still drawn.
 */
export function fitProjection(bounds: Bounds, width: number, pad = 8): FittedProjection {
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max(1e-9, (bounds.maxLon - bounds.minLon) * k);
  const spanY = Math.max(1e-9, bounds.maxLat - bounds.minLat);
  const scale = (width - 2 * pad) / spanX;
  const height = Math.min(width, Math.max(Math.round(width / 3), Math.round(spanY * scale + 2 * pad)));
  // A box much wider or taller than the drawing is centred in the other direction.
  const scaleY = Math.min(scale, (height - 2 * pad) / spanY);
  const s = Math.min(scale, scaleY);
  const offX = (width - spanX * s) / 2;
  const offY = (height - spanY * s) / 2;
  return {
    height,
    project: (lat, lon) => [offX + (lon - bounds.minLon) * k * s, offY + (bounds.maxLat - lat) * s],
    unproject: (x, y) => ({ lon: bounds.minLon + (x - offX) / (k * s), lat: bounds.maxLat - (y - offY) / s }),
  };
}

/** A box grown by `share` of its size on each side (at least `min` degrees), so points on its edge are not cut. */
export function padBounds(b: Bounds, share = 0.05, min = 0.002): Bounds {
  const dx = Math.max(min, (b.maxLon - b.minLon) * share);
  const dy = Math.max(min, (b.maxLat - b.minLat) * share);
  return { minLon: b.minLon - dx, minLat: b.minLat - dy, maxLon: b.maxLon + dx, maxLat: b.maxLat + dy };
}

/** An SVG path for an area under a projection. */
export function pathOf(g: MapGeometry, project: (lat: number, lon: number) => [number, number]): string {
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

/** A group of nearby points drawn as one mark: their mean position and the points themselves. */
export interface Cluster<P> {
  lat: number;
  lon: number;
  x: number;
  y: number;
  points: P[];
}

/**
 * Groups points that fall in the same `cell`-sized square of screen space (after `project`), the
 * grid clustering that map libraries use at each zoom level: each cluster sits at the mean
 * screen position of its points. Clusters come back in the order of their first point, so the
 * same input always draws the same way.
 */
export function clusterPoints<P extends { lat: number; lon: number }>(
  points: readonly P[],
  project: (lat: number, lon: number) => [number, number],
  cell: number,
): Cluster<P>[] {
  const cells = new Map<string, { sx: number; sy: number; slat: number; slon: number; points: P[] }>();
  for (const p of points) {
    const [x, y] = project(p.lat, p.lon);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    const c = cells.get(key);
    if (c) {
      c.sx += x;
      c.sy += y;
      c.slat += p.lat;
      c.slon += p.lon;
      c.points.push(p);
    } else cells.set(key, { sx: x, sy: y, slat: p.lat, slon: p.lon, points: [p] });
  }
  return [...cells.values()].map((c) => {
    const n = c.points.length;
    return { x: c.sx / n, y: c.sy / n, lat: c.slat / n, lon: c.slon / n, points: c.points };
  });
}

/**
 * Joins clusters whose marks would overlap on screen: grid clustering splits points that lie close
 * together across a cell's edge, and two marks drawn on top of each other hide each other's count.
 * `radius(n)` is the drawn radius of a mark for `n` points; two marks overlap when their centres are
 * closer than the sum of their radii. Joined clusters sit at the mean of all their points and keep
 * the order of their first point; joining repeats until no two marks overlap.
 */
export function joinOverlapping<P>(clusters: readonly Cluster<P>[], radius: (n: number) => number): Cluster<P>[] {
  const out = clusters.map((c) => ({ ...c, points: [...c.points] }));
  let joined = true;
  while (joined) {
    joined = false;
    for (let i = 0; i < out.length && !joined; i++)
      for (let j = i + 1; j < out.length && !joined; j++) {
        const a = out[i];
        const b = out[j];
        if (Math.hypot(a.x - b.x, a.y - b.y) >= radius(a.points.length) + radius(b.points.length)) continue;
        const na = a.points.length;
        const nb = b.points.length;
        const mean = (u: number, v: number) => (u * na + v * nb) / (na + nb);
        out[i] = { x: mean(a.x, b.x), y: mean(a.y, b.y), lat: mean(a.lat, b.lat), lon: mean(a.lon, b.lon), points: [...a.points, ...b.points] };
        out.splice(j, 1);
        joined = true;
      }
  }
  return out;
}

/** Width of the kit map's plain SVG drawing, in its own units (the server's and the island's). */
export const MAP_WIDTH = 480;

/** The SVG path of the pin whose tip is at `x`, `y` on the plain drawing. */
export function pinPath(x: number, y: number): string {
  return `M${x} ${y} l-7 -16 a8 8 0 1 1 14 0 z`;
}

/** A box on a drawing: its top-left corner, width and height, in the drawing's units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The side of its point a label is put on. */
export type LabelSide = 'right' | 'left' | 'above' | 'below';

/** A label to place: the point it names (`x`, `y`) and the size of its text. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a label was put: the side of its point and the box its text fills. */
export interface PlacedLabel {
  side: LabelSide;
  box: Box;
}

/** The sides tried for each label, in order: to the right first, as maps usually write names. */
const LABEL_SIDES: readonly LabelSide[] = ['right', 'left', 'above', 'below'];

/** The box of a label of `w` by `h` put on `side` of a point, `gap` away from it. */
export function labelBox(x: number, y: number, w: number, h: number, side: LabelSide, gap: number): Box {
  switch (side) {
    case 'right':
      return { x: x + gap, y: y - h / 2, width: w, height: h };
    case 'left':
      return { x: x - gap - w, y: y - h / 2, width: w, height: h };
    case 'above':
      return { x: x - w / 2, y: y - gap - h, width: w, height: h };
    case 'below':
      return { x: x - w / 2, y: y + gap, width: w, height: h };
  }
}

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Greedy label placement, the simple form of the point-feature labelling that map renderers use
 * (Christensen, Marks and Shieber, "An empirical study of algorithms for point-feature label
 * placement", ACM Transactions on Graphics 14(3), 1995: the greedy method over a few candidate
 * positions per point). In the given order (the caller's priority), each label takes the first
 * side of its point, of right, left, above and below, where its box stays inside `frame`
 * and overlaps neither a label already placed nor an `obstacle` (other points, controls); a label
 * with no such side is left out (null), while its point is still drawn. The same input always
 * gives the same placement, and no two placed labels overlap.
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  options: { gap?: number; frame?: { width: number; height: number }; obstacles?: readonly Box[] } = {},
): (PlacedLabel | null)[] {
  const gap = options.gap ?? 4;
  const frame = options.frame;
  const taken: Box[] = [];
  const obstacles = options.obstacles ?? [];
  const fits = (b: Box) => !frame || (b.x >= 0 && b.y >= 0 && b.x + b.width <= frame.width && b.y + b.height <= frame.height);
  return labels.map((l) => {
    if (!Number.isFinite(l.x) || !Number.isFinite(l.y)) return null;
    for (const side of LABEL_SIDES) {
      const box = labelBox(l.x, l.y, l.width, l.height, side, gap);
      if (!fits(box) || taken.some((t) => boxesOverlap(t, box)) || obstacles.some((o) => boxesOverlap(o, box))) continue;
      taken.push(box);
      return { side, box };
    }
    return null;
  });
}

/**
 * The width of a one-line label of `text` in a sans-serif face of `fontSize`, estimated where no
 * font metrics are at hand (the server's drawing): about 0.6 of the size per character, a little
 * more than the average of common sans-serif faces so that estimates err on the wide side.
 */
export function estimateLabelWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/** The box of a round mark of radius `r` at `x`, `y`, as an obstacle for labels. */
export function dotBox(x: number, y: number, r: number): Box {
  return { x: x - r, y: y - r, width: 2 * r, height: 2 * r };
}

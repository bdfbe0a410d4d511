import { convexHull } from '../../../math/convex-hull.js';

/** Above this many participants the map shows density cells instead of one point each. */
export const MAP_POINT_LIMIT = 1500;
/** Cells per side of the density grid. */
export const MAP_GRID = 48;

/** A participant's place on the map (the report's layout). */
export interface MapPoint {
  id: number;
  group: number;
  x: number;
  y: number;
}

/** What the opinion map draws, in a 0..size square with a margin. */
export interface MapLayout {
  size: number;
  points: { id: number; group: number; cx: number; cy: number }[];
  /** Density cells (when there are too many points): the group most present in the cell and how many people. */
  cells: { x: number; y: number; side: number; group: number; count: number; share: number }[];
  hulls: { group: number; path: string; labelX: number; labelY: number; size: number }[];
  project: (x: number, y: number) => [number, number];
}

/**
 * Scales the 2-D layout into a square view, keeps the aspect ratio (distances on the map mean the
 * same in both directions), draws groups as convex hulls with a label at their centroid, and
 * switches to a density grid beyond MAP_POINT_LIMIT participants so the map stays light.
 */
export function computeMapLayout(participants: readonly MapPoint[], size = 400, margin = 24): MapLayout {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of participants) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const scale = participants.length ? (size - 2 * margin) / span : 1;
  const offX = participants.length ? margin + (size - 2 * margin - (maxX - minX) * scale) / 2 : size / 2;
  const offY = participants.length ? margin + (size - 2 * margin - (maxY - minY) * scale) / 2 : size / 2;
  // SVG's y grows downwards; the layout's upwards.
  const project = (x: number, y: number): [number, number] => [
    offX + (x - (participants.length ? minX : 0)) * scale,
    size - (offY + (y - (participants.length ? minY : 0)) * scale),
  ];
  const byGroup = new Map<number, [number, number][]>();
  const points = participants.map((p) => {
    const [cx, cy] = project(p.x, p.y);
    if (!byGroup.has(p.group)) byGroup.set(p.group, []);
    byGroup.get(p.group)!.push([cx, cy]);
    return { id: p.id, group: p.group, cx, cy };
  });
  const hulls = [...byGroup.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([group, pts]) => {
      const hull = convexHull(pts);
      const labelX = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const labelY = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      const path = hull.length === 0 ? '' : `M${hull.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join('L')}Z`;
      return { group, path, labelX, labelY, size: pts.length };
    });
  if (points.length <= MAP_POINT_LIMIT) return { size, points, cells: [], hulls, project };
  const side = size / MAP_GRID;
  const grid = new Map<number, Map<number, number>>();
  for (const p of points) {
    const key = Math.min(MAP_GRID - 1, Math.floor(p.cy / side)) * MAP_GRID + Math.min(MAP_GRID - 1, Math.floor(p.cx / side));
    const counts = grid.get(key) ?? new Map<number, number>();
    counts.set(p.group, (counts.get(p.group) ?? 0) + 1);
    grid.set(key, counts);
  }
  let densest = 1;
  const cells = [...grid.entries()].map(([key, counts]) => {
    let group = -1;
    let best = 0;
    let count = 0;
    for (const [g, n] of counts) {
      count += n;
      if (n > best || (n === best && g < group)) [group, best] = [g, n];
    }
    densest = Math.max(densest, count);
    return { x: (key % MAP_GRID) * side, y: Math.floor(key / MAP_GRID) * side, side, group, count, share: 0 };
  });
  for (const c of cells) c.share = Math.sqrt(c.count / densest);
  return { size, points: [], cells, hulls, project };
}

/** Group letters as Pol.is shows them: A, B, C, ... */
export function groupLetter(group: number): string {
  return String.fromCharCode(65 + (group % 26));
}

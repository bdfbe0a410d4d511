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

/** A statement number placed on the map: the box its text takes and where its own position is. */
export interface StatementLabel {
  id: number;
  /** Centre of the text. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The statement's own position (the label is drawn away from it when a dot is there). */
  anchorX: number;
  anchorY: number;
}

/** Radius of a participant's dot as drawn, with a little room around it. */
const DOT_CLEARANCE = 4.5;

function boxHitsCircle(b: { x: number; y: number; width: number; height: number }, cx: number, cy: number, r: number): boolean {
  const nx = Math.max(b.x - b.width / 2, Math.min(cx, b.x + b.width / 2));
  const ny = Math.max(b.y - b.height / 2, Math.min(cy, b.y + b.height / 2));
  return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r;
}

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
}

/**
 * Places statement numbers so that none covers a participant's dot or another number: each label
 * tries its own position, then rings of positions around it (8 directions, growing distance), and
 * takes the first free one inside the map; when none is free it takes the one that covers the
 * fewest dots. Deterministic; labels are placed in the order given.
 */
export function placeStatementLabels(layout: MapLayout, statements: readonly { id: number; x: number; y: number }[], fontSize = 9): StatementLabel[] {
  const placed: StatementLabel[] = [];
  const height = fontSize + 2;
  const directions = [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
    [1, -1],
    [1, 1],
    [-1, 1],
    [-1, -1],
  ];
  for (const s of statements) {
    const [ax, ay] = layout.project(s.x, s.y);
    const width = String(s.id).length * fontSize * 0.62 + 4;
    const candidates: [number, number][] = [[ax, ay]];
    for (const d of [8, 12, 16, 22, 30, 40])
      for (const [dx, dy] of directions) candidates.push([ax + dx * (d + width / 2 - 2), ay + dy * (d + height / 2 - 2)]);
    let best: StatementLabel | null = null;
    let bestHits = Infinity;
    for (const [x, y] of candidates) {
      const box = { id: s.id, x, y, width, height, anchorX: ax, anchorY: ay };
      if (x - width / 2 < 0 || x + width / 2 > layout.size || y - height / 2 < 0 || y + height / 2 > layout.size) continue;
      let hits = 0;
      for (const p of layout.points) if (boxHitsCircle(box, p.cx, p.cy, DOT_CLEARANCE)) hits++;
      for (const other of placed) if (boxesOverlap(box, other)) hits += 2;
      if (hits < bestHits) {
        best = box;
        bestHits = hits;
        if (hits === 0) break;
      }
    }
    placed.push(best ?? { id: s.id, x: ax, y: ay, width, height, anchorX: ax, anchorY: ay });
  }
  return placed;
}

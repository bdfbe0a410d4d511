import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  boxesOverlap,
  clusterPoints,
  dotBox,
  fitProjection,
  joinOverlapping,
  padBounds,
  pathOf,
  placeLabels,
  type LabelRequest,
  type MapGeometry,
} from './map-geometry.js';

const square = (lon: number, lat: number, size: number): MapGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describe('map projection', () => {
  it('fits the bounds, keeps proportions by cos(latitude) and inverts', () => {
    const b = boundsOf([square(0, 60, 1)]);
    expect(b).toEqual({ minLon: 0, minLat: 60, maxLon: 1, maxLat: 61 });
    const p = fitProjection(b!, 208, 4);
    // At 60.5 N a degree of longitude is cos(60.5 deg) = 0.4924 of a degree of latitude. The box is
    // taller than wide, so the drawing is capped square (208) and the box centred: 200 px tall, 98.5 px wide.
    expect(p.height).toBe(208);
    const k = Math.cos((60.5 * Math.PI) / 180);
    const [x0, y0] = p.project(61, 0);
    const [x1, y1] = p.project(60, 1);
    expect(y0).toBeCloseTo(4, 9);
    expect(y1 - y0).toBeCloseTo(200, 9);
    expect(x1 - x0).toBeCloseTo(200 * k, 9);
    expect(x0 + x1).toBeCloseTo(208, 9); // centred
    const back = p.unproject(...p.project(60.25, 0.75));
    expect(back.lat).toBeCloseTo(60.25, 9);
    expect(back.lon).toBeCloseTo(0.75, 9);
    expect(boundsOf([])).toBeNull();
  });

  it('keeps a wide box at its proportions and a lone point visible', () => {
    const p = fitProjection({ minLon: 0, minLat: 0, maxLon: 2, maxLat: 1 }, 408, 4);
    expect(p.height).toBe(400 / 2 + 8);
    // A very wide box still gets a third of the width in height (its content centred).
    expect(fitProjection({ minLon: 0, minLat: 0, maxLon: 40, maxLat: 1 }, 408, 4).height).toBe(136);
    const lone = fitProjection(padBounds({ minLon: 2, minLat: 40, maxLon: 2, maxLat: 40 }), 480);
    const [x, y] = lone.project(40, 2);
    expect(x).toBeCloseTo(240, 6);
    expect(y).toBeCloseTo(lone.height / 2, 6);
  });

  it('draws every ring as a closed path', () => {
    const d = pathOf(square(0, 0, 1), (lat, lon) => [lon * 10, 10 - lat * 10]);
    expect(d).toBe('M0.0 10.0 L10.0 10.0 L10.0 0.0 L0.0 0.0 L0.0 10.0 Z');
  });
});

describe('grid clustering', () => {
  it('groups points sharing a screen cell at their mean position, in first-seen order', () => {
    const project = (lat: number, lon: number): [number, number] => [lon, lat];
    const pts = [
      { id: 'a', lat: 1, lon: 1 },
      { id: 'b', lat: 50, lon: 50 },
      { id: 'c', lat: 3, lon: 5 },
      { id: 'd', lat: 5, lon: 45 }, // next cell east of a and c
    ];
    const clusters = clusterPoints(pts, project, 40);
    expect(clusters.map((c) => c.points.map((p) => p.id))).toEqual([['a', 'c'], ['b'], ['d']]);
    expect(clusters[0]).toMatchObject({ x: 3, y: 2, lat: 2, lon: 3 });
    // Zoomed out (bigger cells), everything is one cluster.
    expect(clusterPoints(pts, project, 100)).toHaveLength(1);
  });
});

describe('label placement', () => {
  /** A deterministic scatter (a linear congruential generator), so the test is the same every run. */
  const scatter = (n: number, size: number, seed = 7) => {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: n }, () => ({ x: next() * size, y: next() * size }));
  };

  it('never lets two placed labels of a dense set overlap, and drops the ones that do not fit', () => {
    // 200 labels of 60 by 12 in a 300 by 300 drawing: far more than fit.
    const labels: LabelRequest[] = scatter(200, 300).map((p) => ({ ...p, width: 60, height: 12 }));
    const placed = placeLabels(labels, { frame: { width: 300, height: 300 } });
    const boxes = placed.flatMap((p) => (p ? [p.box] : []));
    expect(boxes.length).toBeGreaterThan(10);
    expect(boxes.length).toBeLessThan(200);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j]), `labels ${i} and ${j}`).toBe(false);
    // Every placed label lies inside the drawing.
    for (const b of boxes) expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= 300 && b.y + b.height <= 300).toBe(true);
    // The same input places the same way.
    expect(placeLabels(labels, { frame: { width: 300, height: 300 } })).toEqual(placed);
  });

  it('keeps an isolated label on the right of its point, and moves a crowded one to another side before dropping it', () => {
    const [alone] = placeLabels([{ x: 100, y: 100, width: 50, height: 10 }], { frame: { width: 400, height: 400 } });
    expect(alone).toEqual({ side: 'right', box: { x: 104, y: 95, width: 50, height: 10 } });
    // Crowded points: a label whose right-hand side is taken goes above, or to the left, and is
    // left out when every side is taken.
    const frame = { width: 200, height: 200 };
    const crowded = placeLabels(
      [
        { x: 100, y: 100, width: 50, height: 10 },
        { x: 120, y: 100, width: 50, height: 10 },
        { x: 170, y: 130, width: 50, height: 10 },
        { x: 130, y: 95, width: 50, height: 10 },
      ],
      { frame, gap: 6 },
    );
    expect(crowded.map((p) => p?.side ?? null)).toEqual(['right', 'above', 'left', null]);
    // A label that would leave the drawing on the right is written on the left of its point.
    const [edge] = placeLabels([{ x: 390, y: 100, width: 50, height: 10 }], { frame: { width: 400, height: 400 } });
    expect(edge?.side).toBe('left');
  });

  it('keeps labels off obstacles (other points, controls) and leaves a label out when every side is blocked', () => {
    const obstacles = [dotBox(125, 100, 6), { x: 60, y: 96, width: 36, height: 20 }];
    const [placed] = placeLabels([{ x: 100, y: 100, width: 30, height: 10 }], { obstacles });
    expect(placed?.side).toBe('above');
    const walled = [{ x: 0, y: 0, width: 200, height: 200 }];
    expect(placeLabels([{ x: 100, y: 100, width: 30, height: 10 }], { obstacles: walled })).toEqual([null]);
    // A point off the drawing (not finite) gets no label.
    expect(placeLabels([{ x: Number.NaN, y: 1, width: 5, height: 5 }])).toEqual([null]);
  });
});

describe('joining overlapping marks', () => {
  it('joins two clusters split by a cell edge whose marks would overlap, and keeps marks apart from each other', () => {
    const project = (lat: number, lon: number): [number, number] => [lon, lat];
    // Two points either side of the edge at x = 16: separate cells, 4 apart.
    const pts = [
      { id: 'a', lat: 10, lon: 14 },
      { id: 'b', lat: 10, lon: 18 },
      { id: 'c', lat: 10, lon: 100 },
    ];
    const radius = (n: number) => (n > 1 ? 11 : 6);
    const grid = clusterPoints(pts, project, 16);
    expect(grid).toHaveLength(3);
    const joined = joinOverlapping(grid, radius);
    expect(joined.map((c) => c.points.map((p) => p.id))).toEqual([['a', 'b'], ['c']]);
    expect(joined[0]).toMatchObject({ x: 16, y: 10, lon: 16, lat: 10 });
    // A dense scatter: after joining, no two marks overlap and every point is still in one cluster.
    let state = 3;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const many = Array.from({ length: 300 }, (_, i) => ({ id: String(i), lat: next() * 200, lon: next() * 200 }));
    const marks = joinOverlapping(clusterPoints(many, project, 16), radius);
    expect(marks.reduce((n, c) => n + c.points.length, 0)).toBe(300);
    for (let i = 0; i < marks.length; i++)
      for (let j = i + 1; j < marks.length; j++)
        expect(Math.hypot(marks[i].x - marks[j].x, marks[i].y - marks[j].y)).toBeGreaterThanOrEqual(
          radius(marks[i].points.length) + radius(marks[j].points.length),
        );
  });
});

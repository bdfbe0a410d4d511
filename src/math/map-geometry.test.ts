import { describe, expect, it } from 'vitest';
import { boundsOf, clusterPoints, fitProjection, padBounds, pathOf, type MapGeometry } from './map-geometry.js';

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

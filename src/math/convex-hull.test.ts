import { describe, expect, it } from 'vitest';
import { convexHull } from './convex-hull.js';

describe('convexHull (Andrew 1979)', () => {
  it('keeps the corners of a square and drops inner and collinear points, counter-clockwise', () => {
    const pts: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 0],
      [0.5, 1.5],
    ];
    expect(convexHull(pts)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
  });
  it('returns fewer than three distinct points as they are', () => {
    expect(convexHull([])).toEqual([]);
    expect(
      convexHull([
        [1, 1],
        [1, 1],
        [3, 2],
      ]),
    ).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });
  it('gives the triangle around points on and inside it', () => {
    const hull = convexHull([
      [0, 0],
      [4, 0],
      [2, 3],
      [2, 1],
      [1, 0.5],
    ]);
    expect(hull).toEqual([
      [0, 0],
      [4, 0],
      [2, 3],
    ]);
  });
});

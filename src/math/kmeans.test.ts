import { describe, expect, it } from 'vitest';
import { runKmeans, selectFirstDistinct, selectKmeansPlusPlus } from './kmeans.js';
import { createRandom } from './random.js';
import { computeSilhouette } from './silhouette.js';

const points = [
  [0, 0],
  [0, 1],
  [1, 0],
  [10, 10],
  [10, 11],
  [11, 10],
];

describe('runKmeans', () => {
  it('separates two clear clusters from the first distinct points', () => {
    const r = runKmeans(points, [points[0], points[3]]);
    expect([...r.assignment]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(r.centres[0]).toEqual([1 / 3, 1 / 3]);
    // inertia: each cluster 3 points around (1/3, 1/3): 2/9 + 5/9 + 5/9 = 4/3; twice.
    expect(r.inertia).toBeCloseTo(8 / 3, 12);
  });

  it('uses weights in the centres', () => {
    const r = runKmeans([[0], [4]], [[1]], { weights: [3, 1] });
    expect(r.centres[0][0]).toBe(1);
  });

  it('drops clusters that lose every point', () => {
    const r = runKmeans(points, [
      [0, 0],
      [10, 10],
      [100, 100],
    ]);
    expect(r.centres).toHaveLength(2);
  });

  it('is deterministic for a seed', () => {
    expect(selectKmeansPlusPlus(points, 2, 42)).toEqual(selectKmeansPlusPlus(points, 2, 42));
    expect(selectFirstDistinct([[1], [1], [2], [3]], 2)).toEqual([[1], [2]]);
    const r = createRandom(7);
    const s = createRandom(7);
    expect([r(), r()]).toEqual([s(), s()]);
  });
});

describe('computeSilhouette', () => {
  it('scores a hand-computed case; singletons score 0', () => {
    const x = [0, 1, 5];
    const d = (i: number, j: number) => Math.abs(x[i] - x[j]);
    // item 0: a = 1, b = 5 -> 0.8; item 1: a = 1, b = 4 -> 0.75; item 2 alone -> 0. Mean 1.55 / 3.
    expect(computeSilhouette(3, [0, 0, 1], d)).toBeCloseTo(1.55 / 3, 12);
    expect(computeSilhouette(3, [0, 0, 0], d)).toBe(0);
  });
});

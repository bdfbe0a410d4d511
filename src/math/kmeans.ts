/**
 * Weighted k-means (Lloyd's algorithm) in any dimension, deterministic for given initial centres,
 * as Pol.is clusters (compdemocracy/polis math/src/polismath/math/clusters.clj, `kmeans`,
 * `cluster-step`): every point goes to its nearest centre (ties to the lower index), centres move to
 * the weighted mean of their points, empty clusters are dropped, and iteration stops when every
 * centre moved less than `tolerance` or after `maxIterations`.
 */
import { createRandom } from './random.js';

/** A point set: `points[i]` is a coordinate array, all of one dimension. */
export type Points = readonly (readonly number[])[];

/** The result of a k-means run. */
export interface KmeansResult {
  centres: number[][];
  /** Index into `centres` for each point. */
  assignment: Int32Array;
  /** Weighted sum of squared distances to the assigned centres. */
  inertia: number;
  iterations: number;
}

/** Options of `runKmeans`. */
export interface KmeansOptions {
  weights?: readonly number[];
  maxIterations?: number;
  tolerance?: number;
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] - b[d]) ** 2;
  return s;
}

function assignPoints(points: Points, centres: number[][], assignment: Int32Array): void {
  for (let i = 0; i < points.length; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < centres.length; c++) {
      const d = squaredDistance(points[i], centres[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    assignment[i] = best;
  }
}

/** Runs weighted k-means from the given initial centres (their number is k). */
export function runKmeans(points: Points, initialCentres: Points, options: KmeansOptions = {}): KmeansResult {
  const weights = options.weights ?? points.map(() => 1);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 0.01;
  const dim = points[0]?.length ?? 0;
  let centres = initialCentres.map((c) => [...c]);
  const assignment = new Int32Array(points.length);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    assignPoints(points, centres, assignment);
    const sums = centres.map(() => new Array<number>(dim).fill(0));
    const mass = new Array<number>(centres.length).fill(0);
    for (let i = 0; i < points.length; i++) {
      const c = assignment[i];
      mass[c] += weights[i];
      for (let d = 0; d < dim; d++) sums[c][d] += weights[i] * points[i][d];
    }
    const moved: number[][] = [];
    let maxShift = 0;
    for (let c = 0; c < centres.length; c++) {
      if (mass[c] === 0) continue;
      const centre = sums[c].map((s) => s / mass[c]);
      maxShift = Math.max(maxShift, Math.sqrt(squaredDistance(centre, centres[c])));
      moved.push(centre);
    }
    const dropped = moved.length !== centres.length;
    centres = moved;
    if (!dropped && maxShift < tolerance) break;
  }
  assignPoints(points, centres, assignment);
  let inertia = 0;
  for (let i = 0; i < points.length; i++) inertia += weights[i] * squaredDistance(points[i], centres[assignment[i]]);
  return { centres, assignment, inertia, iterations };
}

/** The first k distinct points, in order: Pol.is's initial centres on a first run (clusters.clj `init-clusters`). */
export function selectFirstDistinct(points: Points, k: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const p of points) {
    const key = p.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([...p]);
    if (out.length === k) break;
  }
  return out;
}

/**
 * k-means++ initial centres (Arthur & Vassilvitskii 2007), weighted, from a seeded generator: each
 * next centre is drawn with probability proportional to weight × squared distance to the nearest
 * centre so far.
 */
export function selectKmeansPlusPlus(points: Points, k: number, seed: number, weights?: readonly number[]): number[][] {
  const random = createRandom(seed);
  const w = weights ?? points.map(() => 1);
  const pick = (scores: number[]): number => {
    const total = scores.reduce((a, b) => a + b, 0);
    if (total <= 0) return -1;
    let r = random() * total;
    for (let i = 0; i < scores.length; i++) {
      r -= scores[i];
      if (r < 0 && scores[i] > 0) return i;
    }
    return scores.findLastIndex((s) => s > 0);
  };
  const out: number[][] = [];
  const first = pick([...w]);
  if (first < 0) return out;
  out.push([...points[first]]);
  const nearest = points.map((p) => squaredDistance(p, out[0]));
  while (out.length < k) {
    const next = pick(nearest.map((d, i) => d * w[i]));
    if (next < 0) break;
    out.push([...points[next]]);
    for (let i = 0; i < points.length; i++) nearest[i] = Math.min(nearest[i], squaredDistance(points[i], points[next]));
  }
  return out;
}

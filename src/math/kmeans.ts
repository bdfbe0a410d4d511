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

/** Options of `runKmeans2d`. */
export interface Kmeans2dOptions {
  maxIterations?: number;
  tolerance?: number;
}

/**
 * `runKmeans` for unweighted 2-D points held in two typed arrays, with the same result (Lloyd's
 * iterations, nearest centre with ties to the lower index, empty clusters dropped, the same stop
 * rule) but skipping most distance computations by Hamerly's bounds (G. Hamerly, "Making k-means
 * even faster", SDM 2010): an upper bound on the distance to the assigned centre and a lower bound
 * on the distance to every other centre, moved by how far centres moved; a point is re-examined
 * only when the bounds no longer prove its centre is strictly the nearest. For 100,000 points and
 * 100 centres this is a few distance computations per point per iteration instead of 100.
 */
export function runKmeans2d(xs: Float64Array, ys: Float64Array, initialCentres: Points, options: Kmeans2dOptions = {}): KmeansResult {
  const n = xs.length;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 0.01;
  let cx = Float64Array.from(initialCentres, (c) => c[0]);
  let cy = Float64Array.from(initialCentres, (c) => c[1]);
  const assignment = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  let boundsValid = false;
  const slack = (d: number) => 1e-9 * (1 + d);

  // Distances between centres and, for each centre, the others by increasing distance, for
  // Elkan's pruning (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003,
  // lemma 1): when d(a, c) > 2 d(x, a), centre c is strictly farther from x than a, so it can
  // neither win nor tie, and neither can any centre farther from a; d(a, c) - d(x, a) bounds their
  // distance from below for the second-nearest bound.
  let between = new Float64Array(0);
  let neighbours = new Int32Array(0);
  const assignFull = (i: number, from: number) => {
    const k = cx.length;
    let best = from;
    let bestD = (xs[i] - cx[from]) ** 2 + (ys[i] - cy[from]) ** 2;
    const anchor = Math.sqrt(bestD);
    const limit = 2 * anchor * (1 + 1e-9);
    let second = Infinity;
    for (let t = 0; t < k; t++) {
      const c = neighbours[from * k + t];
      if (c === from) continue;
      const dac = between[from * k + c];
      if (dac > limit) {
        const lowerD = dac - anchor;
        if (lowerD * lowerD < second) second = lowerD * lowerD;
        break;
      }
      const d = (xs[i] - cx[c]) ** 2 + (ys[i] - cy[c]) ** 2;
      if (d < bestD || (d === bestD && c < best)) {
        second = bestD;
        bestD = d;
        best = c;
      } else if (d < second) second = d;
    }
    assignment[i] = best;
    upper[i] = Math.sqrt(bestD);
    lower[i] = Math.sqrt(second);
  };

  const assignAll = () => {
    // Half the distance from each centre to its nearest other centre.
    const k = cx.length;
    between = new Float64Array(k * k);
    const half = new Float64Array(k).fill(Infinity);
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) {
        const d = Math.sqrt((cx[a] - cx[b]) ** 2 + (cy[a] - cy[b]) ** 2);
        between[a * k + b] = between[b * k + a] = d;
        if (d / 2 < half[a]) half[a] = d / 2;
        if (d / 2 < half[b]) half[b] = d / 2;
      }
    neighbours = new Int32Array(k * k);
    const order = Array.from({ length: k }, (_, c) => c);
    for (let a = 0; a < k; a++) {
      order.sort((p, q) => between[a * k + p] - between[a * k + q] || p - q);
      neighbours.set(order, a * k);
    }
    if (!boundsValid) {
      for (let i = 0; i < n; i++) assignFull(i, 0);
      boundsValid = true;
      return;
    }
    for (let i = 0; i < n; i++) {
      const a = assignment[i];
      const bound = Math.max(half[a], lower[i]);
      if (upper[i] + slack(upper[i]) < bound) continue;
      upper[i] = Math.sqrt((xs[i] - cx[a]) ** 2 + (ys[i] - cy[a]) ** 2);
      if (upper[i] + slack(upper[i]) < bound) continue;
      assignFull(i, a);
    }
  };

  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    assignAll();
    const k = cx.length;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const mass = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      mass[c] += 1;
      sx[c] += xs[i];
      sy[c] += ys[i];
    }
    const nx: number[] = [];
    const ny: number[] = [];
    const drift = new Float64Array(k);
    const newIndex = new Int32Array(k);
    let maxShift = 0;
    for (let c = 0; c < k; c++) {
      if (mass[c] === 0) {
        newIndex[c] = -1;
        continue;
      }
      const x = sx[c] / mass[c];
      const y = sy[c] / mass[c];
      drift[c] = Math.sqrt((x - cx[c]) ** 2 + (y - cy[c]) ** 2);
      maxShift = Math.max(maxShift, drift[c]);
      newIndex[c] = nx.length;
      nx.push(x);
      ny.push(y);
    }
    const dropped = nx.length !== k;
    cx = Float64Array.from(nx);
    cy = Float64Array.from(ny);
    if (dropped) boundsValid = false;
    else {
      let top = 0;
      let topAt = -1;
      let next = 0;
      for (let c = 0; c < k; c++)
        if (drift[c] > top) [next, top, topAt] = [top, drift[c], c];
        else if (drift[c] > next) next = drift[c];
      for (let i = 0; i < n; i++) {
        const a = assignment[i];
        upper[i] += drift[a];
        lower[i] -= a === topAt ? next : top;
      }
    }
    if (!dropped && maxShift < tolerance) break;
  }
  assignAll();
  const centres = Array.from(cx, (x, c) => [x, cy[c]]);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += (xs[i] - cx[assignment[i]]) ** 2 + (ys[i] - cy[assignment[i]]) ** 2;
  return { centres, assignment, inertia, iterations };
}

import { runKmeans, runKmeans2d, selectFirstDistinct, selectKmeansPlusPlus, type KmeansResult } from '../../../math/kmeans.js';
import { computeSilhouette } from '../../../math/silhouette.js';

/** Base clusters: small k-means clusters of participants' positions that the groups are built from. */
export interface BaseClusters {
  centres: number[][];
  /** Indices (into the points given) of each base cluster's members. */
  members: number[][];
}

/** Pol.is's base k (conversation.clj `:base-k`). */
export const BASE_K = 100;
/** Pol.is's largest number of groups (conversation.clj `:max-k`). */
export const MAX_GROUPS = 5;
/** Updates a new best k must win in a row before it is adopted (conversation.clj `:group-k-buffer`). */
export const GROUP_K_BUFFER = 4;

/**
 * Base clusters: k-means with k = 100 over the clustered participants' positions, started from the
 * first k distinct points, at most 100 iterations, converged when every centre moves less than
 * 0.01 (compdemocracy/polis math/src/polismath/math/conversation.clj `:base-clusters`,
 * clusters.clj `kmeans`). Start from `previous` centres when given (a warm start).
 */
export function computeBaseClusters(points: number[][], previous?: number[][]): BaseClusters {
  return computeBaseClusters2d(
    Float64Array.from(points, (p) => p[0]),
    Float64Array.from(points, (p) => p[1]),
    previous,
  );
}

/**
 * `computeBaseClusters` for positions held in two typed arrays (x and y of each point): the same
 * result, by `runKmeans2d`, for 100,000 participants and more.
 */
export function computeBaseClusters2d(xs: Float64Array, ys: Float64Array, previous?: readonly (readonly number[])[]): BaseClusters {
  if (xs.length === 0) return { centres: [], members: [] };
  const start = previous && previous.length > 0 ? completeWarmStart2d(xs, ys, previous, BASE_K) : selectFirstDistinct2d(xs, ys, BASE_K);
  const result = runKmeans2d(xs, ys, start, { maxIterations: 100, tolerance: 0.01 });
  const members: number[][] = result.centres.map(() => []);
  result.assignment.forEach((c, i) => members[c].push(i));
  return { centres: result.centres, members };
}

function selectFirstDistinct2d(xs: Float64Array, ys: Float64Array, k: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let i = 0; i < xs.length && out.length < k; i++) {
    const key = `${xs[i]},${ys[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([xs[i], ys[i]]);
  }
  return out;
}

/**
 * Warm-start centres for base clusters from the previous update's centres, as Pol.is prepares them
 * (clusters.clj `clean-start-clusters`): identical centres merged, then, while there are fewer
 * than k centres and some point lies off every centre, the point farthest from its nearest centre
 * becomes a new centre (ties to the lower index). Without this, a conversation whose first update
 * had few distinct positions would keep few base clusters forever.
 */
export function completeWarmStart(points: number[][], previous: readonly (readonly number[])[], k: number): number[][] {
  return completeWarmStart2d(
    Float64Array.from(points, (p) => p[0]),
    Float64Array.from(points, (p) => p[1]),
    previous,
    k,
  );
}

function completeWarmStart2d(xs: Float64Array, ys: Float64Array, previous: readonly (readonly number[])[], k: number): number[][] {
  const centres = selectFirstDistinct(previous, k);
  const nearest = new Float64Array(xs.length).fill(Infinity);
  const closer = (c: readonly number[]) => {
    for (let i = 0; i < xs.length; i++) {
      const d = (xs[i] - c[0]) ** 2 + (ys[i] - c[1]) ** 2;
      if (d < nearest[i]) nearest[i] = d;
    }
  };
  centres.forEach(closer);
  while (centres.length < k) {
    let far = -1;
    for (let i = 0; i < xs.length; i++) if (nearest[i] > 0 && (far < 0 || nearest[i] > nearest[far])) far = i;
    if (far < 0) break;
    const c = [xs[far], ys[far]];
    centres.push(c);
    closer(c);
  }
  return centres;
}

/** Largest k tried for the groups: min(5, 2 + floor(base clusters / 12)) (conversation.clj `max-k-fn`). */
export function computeMaxGroups(baseClusterCount: number): number {
  return Math.min(MAX_GROUPS, 2 + Math.floor(baseClusterCount / 12));
}

/** A clustering of the base clusters into groups, with its score. */
export interface GroupClustering {
  k: number;
  /** Group index of each base cluster. */
  labels: number[];
  /** Group centres, in label order. */
  centres: number[][];
  inertia: number;
  silhouette: number;
}

/** Options of `computeGroupClusterings`. */
export interface GroupOptions {
  seed: number;
  /** Seeded k-means++ restarts per k, besides the deterministic start; the lowest inertia wins. */
  restarts: number;
  /** Warm starts per k (Pol.is starts each k from its previous result). */
  previous?: Map<number, number[][]>;
}

function relabel(labels: ArrayLike<number>, weights: readonly number[]): { labels: number[]; order: number[] } {
  // Canonical group order: larger total weight first, then the lower first base-cluster index.
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    size.set(labels[i], (size.get(labels[i]) ?? 0) + weights[i]);
    if (!first.has(labels[i])) first.set(labels[i], i);
  }
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const map = new Map(order.map((g, i) => [g, i]));
  return { labels: Array.from(labels, (l) => map.get(l)!), order };
}

/**
 * Groups for each k from 2 to `computeMaxGroups`: weighted k-means over the base-cluster centres
 * (weights = sizes), at most 20 iterations as Pol.is runs in practice, scored by silhouette on the
 * distances between base-cluster centres (conversation.clj `:group-clusterings`,
 * `:group-clusterings-silhouettes`; clusters.clj `silhouette`). Beyond Pol.is, which keeps one
 * k-means run per k, several starts are run (the deterministic first-k-distinct start, a warm start
 * when given, and `restarts` seeded k-means++ starts) and the lowest weighted inertia wins, so the
 * split no longer hangs on the start.
 */
export function computeGroupClusterings(base: BaseClusters, options: GroupOptions): GroupClustering[] {
  const points = base.centres;
  const weights = base.members.map((m) => m.length);
  const maxK = computeMaxGroups(points.length);
  const distance = (i: number, j: number) => Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
  const out: GroupClustering[] = [];
  for (let k = 2; k <= maxK && k <= points.length; k++) {
    const starts: number[][][] = [selectFirstDistinct(points, k)];
    const warm = options.previous?.get(k);
    if (warm) starts.push(warm);
    for (let r = 0; r < options.restarts; r++) starts.push(selectKmeansPlusPlus(points, k, (options.seed * 7919 + k * 104729 + r) >>> 0, weights));
    let best: KmeansResult | null = null;
    for (const start of starts) {
      if (start.length < 2) continue;
      const run = runKmeans(points, start, { weights, maxIterations: 20, tolerance: 0.01 });
      // A polished finish: Lloyd iterations to a fixed point, so equal splits have equal inertia.
      const polished = runKmeans(points, run.centres, { weights, maxIterations: 100, tolerance: 1e-12 });
      if (!best || polished.inertia < best.inertia * (1 - 1e-12)) best = polished;
    }
    if (!best) continue;
    const { labels, order } = relabel(best.assignment, weights);
    const centres = order.map((g) => best.centres[g]);
    out.push({ k: centres.length, labels, centres, inertia: best.inertia, silhouette: computeSilhouette(points.length, labels, distance) });
  }
  return out;
}

/** Pol.is's k smoother state (conversation.clj `:group-k-smoother`). */
export interface KSmoother {
  lastK: number;
  lastKCount: number;
  smoothedK: number;
}

/**
 * The k to use after an update whose best k (by silhouette) is `bestK`: the smoothed k changes only
 * once the same best k has won `GROUP_K_BUFFER` (4) updates in a row; the first update adopts its
 * best k at once (conversation.clj `:group-k-smoother`).
 */
export function smoothGroupCount(previous: KSmoother | null, bestK: number): KSmoother {
  const same = previous !== null && previous.lastK === bestK;
  const count = same ? previous.lastKCount + 1 : 1;
  const smoothedK = count >= GROUP_K_BUFFER ? bestK : (previous?.smoothedK ?? bestK);
  return { lastK: bestK, lastKCount: count, smoothedK };
}

/** The k with the highest silhouette; ties go to the larger k (Clojure's `max-key` returns the last maximum, over ascending k). */
export function selectBestK(clusterings: readonly GroupClustering[]): number {
  let best = clusterings[0];
  for (const c of clusterings) if (c.silhouette >= best.silhouette) best = c;
  return best?.k ?? 1;
}

/**
 * Mean silhouette (Rousseeuw 1987) of a labelling, from a distance function, as Pol.is scores its
 * group clusterings over the base-cluster centres (compdemocracy/polis
 * math/src/polismath/math/clusters.clj, `silhouette`): unweighted mean over the items, an item
 * alone in its cluster scores 0.
 */
export function computeSilhouette(count: number, labels: ArrayLike<number>, distance: (i: number, j: number) => number): number {
  if (count === 0) return 0;
  const clusters = [...new Set(Array.from({ length: count }, (_, i) => labels[i]))];
  if (clusters.length < 2) return 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const sums = new Map<number, number>();
    const sizes = new Map<number, number>();
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      sums.set(labels[j], (sums.get(labels[j]) ?? 0) + distance(i, j));
      sizes.set(labels[j], (sizes.get(labels[j]) ?? 0) + 1);
    }
    const own = sizes.get(labels[i]) ?? 0;
    if (own === 0) continue;
    const a = sums.get(labels[i])! / own;
    let b = Infinity;
    for (const c of clusters) if (c !== labels[i] && sizes.get(c)) b = Math.min(b, sums.get(c)! / sizes.get(c)!);
    const denominator = Math.max(a, b);
    total += denominator === 0 ? 0 : (b - a) / denominator;
  }
  return total / count;
}

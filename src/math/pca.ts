/**
 * Principal components of a sparse matrix with missing entries, as Pol.is computes them
 * (compdemocracy/polis math/src/polismath/math/pca.clj, `powerit-pca`, `power-iteration`,
 * `factor-matrix`; imputation in math/src/polismath/math/conversation.clj, `:mat`).
 *
 * Missing entries are filled with their column's mean and the matrix is centred on the column
 * means, so the centred matrix is zero exactly where an entry is missing: products with it only
 * touch the stored entries. Components come from power iteration with Gram-Schmidt deflation.
 * Deflating the operator, (I - p pᵀ) XᵀX (I - p pᵀ), equals Pol.is's deflation of the rows
 * (each row minus its projection on p), without densifying the matrix.
 */
import type { SparseMatrix } from './sparse-matrix.js';
import { computeColumnMeans } from './sparse-matrix.js';

/** A fitted PCA: column centre, unit components and their eigenvalues (of XᵀX). */
export interface PcaModel {
  centre: Float64Array;
  components: Float64Array[];
  eigenvalues: number[];
  /** Power iterations each component took. */
  iterations: number[];
}

/** Options of `fitImputedPca`. */
export interface PcaOptions {
  components?: number;
  /** Start vectors (Pol.is warm-starts from the previous components); default: all ones. */
  startVectors?: (Float64Array | null)[];
  maxIterations?: number;
  /** Stop when the unit vector moves less than this between iterations. */
  tolerance?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** XᵀX r for the centred matrix X (value - centre on stored entries, 0 elsewhere). */
function multiplyGram(m: SparseMatrix, centre: Float64Array, r: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) s += (m.values[k] - centre[m.colIndex[k]]) * r[m.colIndex[k]];
    if (s === 0) continue;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) out[m.colIndex[k]] += s * (m.values[k] - centre[m.colIndex[k]]);
  }
}

function removeComponents(v: Float64Array, found: Float64Array[]): void {
  for (const p of found) {
    const c = dot(p, v);
    for (let i = 0; i < v.length; i++) v[i] -= c * p[i];
  }
}

/**
 * Fits a PCA on the mean-imputed, centred matrix by power iteration with deflation
 * (pca.clj `powerit-pca`). Deterministic: the default start vector is all ones, as in
 * `power-iteration`; each component's sign is fixed so that its largest entry is positive.
 */
export function fitImputedPca(m: SparseMatrix, options: PcaOptions = {}): PcaModel {
  const want = Math.min(options.components ?? 2, m.rows, m.cols);
  const maxIterations = options.maxIterations ?? 5000;
  const tolerance = options.tolerance ?? 1e-13;
  const centre = computeColumnMeans(m).map((x) => (Number.isNaN(x) ? 0 : x));
  const components: Float64Array[] = [];
  const eigenvalues: number[] = [];
  const iterations: number[] = [];
  const next = new Float64Array(m.cols);
  for (let c = 0; c < want; c++) {
    const start = options.startVectors?.[c];
    let v = new Float64Array(m.cols);
    if (start && start.length === m.cols && start.some((x) => x !== 0)) v.set(start);
    else v.fill(1);
    removeComponents(v, components);
    let norm = Math.sqrt(dot(v, v));
    if (norm === 0) {
      // All-ones lies in the span already found: fall back to a fixed, non-symmetric vector.
      for (let i = 0; i < m.cols; i++) v[i] = 1 + i / m.cols;
      removeComponents(v, components);
      norm = Math.sqrt(dot(v, v));
    }
    for (let i = 0; i < v.length; i++) v[i] /= norm || 1;
    let eigenvalue = 0;
    let used = 0;
    for (; used < maxIterations; used++) {
      multiplyGram(m, centre, v, next);
      removeComponents(next, components);
      eigenvalue = Math.sqrt(dot(next, next));
      if (eigenvalue === 0) break;
      let moved = 0;
      for (let i = 0; i < v.length; i++) {
        const x = next[i] / eigenvalue;
        moved += (x - v[i]) ** 2;
        v[i] = x;
      }
      if (Math.sqrt(moved) < tolerance) break;
    }
    let largest = 0;
    for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) largest = i;
    if (v[largest] < 0) v = v.map((x) => -x);
    components.push(v);
    eigenvalues.push(eigenvalue);
    iterations.push(used + 1);
  }
  return { centre, components, eigenvalues, iterations };
}

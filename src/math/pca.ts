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
import { decomposeSymmetric } from './eigen.js';
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
  /**
   * `power` (default): Pol.is's power iteration with deflation, one component after the other.
   * `lanczos`: the Lanczos method (see `fitGramPca`), the same components to a stated tolerance in
   * far fewer products with the matrix.
   */
  method?: 'power' | 'lanczos';
}

/** out = A r for a symmetric positive semi-definite n×n operator A (here XᵀX of a centred matrix). */
export type GramOperator = (r: Float64Array, out: Float64Array) => void;

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
  const centre = computeColumnMeans(m).map((x) => (Number.isNaN(x) ? 0 : x));
  return fitGramPca(m.cols, (r, out) => multiplyGram(m, centre, r, out), centre, {
    ...options,
    components: Math.min(options.components ?? 2, m.rows, m.cols),
  });
}

/**
 * Principal components from the Gram operator of a centred matrix with n columns (`centre` is
 * carried into the model). The default power iteration is Pol.is's (see the file comment); with
 * `method: 'lanczos'` see `fitLanczosPca`.
 */
export function fitGramPca(n: number, apply: GramOperator, centre: Float64Array, options: PcaOptions = {}): PcaModel {
  const want = Math.min(options.components ?? 2, n);
  if (options.method === 'lanczos') {
    const fitted = fitLanczosPca(n, apply, centre, { ...options, components: want });
    if (fitted) return fitted;
  }
  const maxIterations = options.maxIterations ?? 5000;
  const tolerance = options.tolerance ?? 1e-13;
  const components: Float64Array[] = [];
  const eigenvalues: number[] = [];
  const iterations: number[] = [];
  const next = new Float64Array(n);
  for (let c = 0; c < want; c++) {
    const start = options.startVectors?.[c];
    let v: Float64Array = new Float64Array(n);
    if (start && start.length === n && start.some((x) => x !== 0)) v.set(start);
    else v.fill(1);
    removeComponents(v, components);
    let norm = Math.sqrt(dot(v, v));
    if (norm === 0) {
      // All-ones lies in the span already found: fall back to a fixed, non-symmetric vector.
      for (let i = 0; i < n; i++) v[i] = 1 + i / n;
      removeComponents(v, components);
      norm = Math.sqrt(dot(v, v));
    }
    for (let i = 0; i < v.length; i++) v[i] /= norm || 1;
    let eigenvalue = 0;
    let used = 0;
    for (; used < maxIterations; used++) {
      apply(v, next);
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
    v = fixSign(v);
    components.push(v);
    eigenvalues.push(eigenvalue);
    iterations.push(used + 1);
  }
  return { centre, components, eigenvalues, iterations };
}

function fixSign(v: Float64Array): Float64Array {
  let largest = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) largest = i;
  return v[largest] < 0 ? v.map((x) => -x) : v;
}

/** Relative residual ‖A x − θ x‖ / θ₁ below which `fitLanczosPca` stops (its stated tolerance). */
export const LANCZOS_TOLERANCE = 1e-10;

/**
 * The leading eigenvectors of A by the Lanczos method with full reorthogonalisation (Golub & Van
 * Loan, Matrix Computations, 4th ed., section 10.1; Parlett, The Symmetric Eigenvalue Problem,
 * ch. 13): a Krylov basis q₁, A q₁, ... built one product at a time, whose tridiagonal projection
 * T gives Ritz pairs (θ, x). It stops once every wanted pair's residual ‖A x − θ x‖ (read off T as
 * β |last entry of its eigenvector|) is below `tolerance` (default `LANCZOS_TOLERANCE`) × θ₁; the
 * angle between x and the true eigenvector is then at most that residual over the gap to the next
 * eigenvalue. Started from the first start vector plus half the second (a warm start lies almost
 * in the wanted subspace and converges in a few products), else all ones. Returns null when A
 * has fewer non-zero eigenvalues than wanted (the power iteration then handles it).
 */
export function fitLanczosPca(n: number, apply: GramOperator, centre: Float64Array, options: PcaOptions = {}): PcaModel | null {
  const want = Math.min(options.components ?? 2, n);
  const tolerance = options.tolerance ?? LANCZOS_TOLERANCE;
  const maxSteps = Math.min(n, options.maxIterations ?? 300);
  if (want === 0) return { centre, components: [], eigenvalues: [], iterations: [] };
  const q = new Float64Array(n);
  const starts = (options.startVectors ?? []).filter((s): s is Float64Array => !!s && s.length === n);
  if (starts.length > 0) starts.forEach((s, c) => s.forEach((x, i) => (q[i] += x / (c + 1))));
  if (!q.some((x) => x !== 0)) q.fill(1);
  let norm = Math.sqrt(dot(q, q));
  for (let i = 0; i < n; i++) q[i] /= norm;
  const basis: Float64Array[] = [q];
  const alpha: number[] = [];
  const beta: number[] = [];
  const w = new Float64Array(n);
  let ritz: { values: number[]; vectors: Float64Array[] } | null = null;
  for (let step = 0; step < maxSteps; step++) {
    const v = basis[step];
    apply(v, w);
    alpha.push(dot(v, w));
    // Full reorthogonalisation, twice ("twice is enough", Parlett).
    for (let pass = 0; pass < 2; pass++)
      for (const b of basis) {
        const c = dot(b, w);
        for (let i = 0; i < n; i++) w[i] -= c * b[i];
      }
    norm = Math.sqrt(dot(w, w));
    beta.push(norm);
    const m = alpha.length;
    const last = step === maxSteps - 1;
    const scale = Math.max(...alpha.map(Math.abs), 1e-300);
    const breakdown = norm <= 1e-13 * scale;
    if (m >= want && (breakdown || last || m % 3 === 0 || m <= 4)) {
      const t = new Float64Array(m * m);
      for (let i = 0; i < m; i++) {
        t[i * m + i] = alpha[i];
        if (i + 1 < m) t[i * m + i + 1] = t[(i + 1) * m + i] = beta[i];
      }
      const eig = decomposeSymmetric(t, m);
      ritz = eig;
      const top = eig.values[0];
      const converged = eig.vectors.slice(0, want).every((y, k) => eig.values[k] > 0 && Math.abs(norm * y[m - 1]) <= tolerance * top);
      if (converged || breakdown || last) break;
    } else if (breakdown) break;
    basis.push(Float64Array.from(w, (x) => x / norm));
  }
  if (!ritz || ritz.values.length < want || ritz.values.slice(0, want).some((x) => !(x > 1e-12 * Math.max(ritz!.values[0], 1e-300)))) return null;
  const m = ritz.vectors[0].length;
  const components = ritz.vectors.slice(0, want).map((y) => {
    const x = new Float64Array(n);
    for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) x[i] += y[k] * basis[k][i];
    const len = Math.sqrt(dot(x, x));
    for (let i = 0; i < n; i++) x[i] /= len;
    return fixSign(x);
  });
  return { centre, components, eigenvalues: ritz.values.slice(0, want), iterations: components.map(() => m) };
}

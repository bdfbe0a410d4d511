import { describe, expect, it } from 'vitest';
import { DynamicSparseMatrix } from './dynamic-sparse-matrix.js';
import { decomposeSymmetric } from './eigen.js';
import { runKmeans, runKmeans2d, selectFirstDistinct } from './kmeans.js';
import { fitImputedPca, fitGramPca, fitLanczosPca, LANCZOS_TOLERANCE } from './pca.js';
import { createRandom } from './random.js';
import {
  buildSparseMatrix,
  buildSparseMatrixByCountingSorts,
  buildSparseMatrixFromArrays,
  computeColumnMeans,
  type SparseEntry,
} from './sparse-matrix.js';

/** A random sparse vote-like matrix (values -1, 0, 1) with a planted two-axis structure. */
function randomEntries(rows: number, cols: number, density: number, seed: number): SparseEntry[] {
  const random = createRandom(seed);
  const axis = Array.from({ length: cols }, () => (random() < 0.5 ? -1 : 1));
  const axis2 = Array.from({ length: cols }, () => (random() < 0.5 ? -1 : 1));
  const entries: SparseEntry[] = [];
  for (let i = 0; i < rows; i++) {
    const side = i % 3;
    for (let j = 0; j < cols; j++) {
      if (random() > density) continue;
      const lean = side === 0 ? axis[j] : side === 1 ? -axis[j] : axis2[j];
      const value = random() < 0.15 ? 0 : random() < 0.8 ? lean : -lean;
      entries.push({ row: i, col: j, value });
    }
  }
  return entries;
}

/** The dense reference: the mean-imputed, centred matrix's XᵀX, decomposed by Jacobi. */
function denseReference(rows: number, cols: number, entries: SparseEntry[]) {
  const m = buildSparseMatrix(rows, cols, entries);
  const centre = computeColumnMeans(m).map((x) => (Number.isNaN(x) ? 0 : x));
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) x[i * cols + m.colIndex[k]] = m.values[k] - centre[m.colIndex[k]];
  const gram = new Float64Array(cols * cols);
  for (let i = 0; i < rows; i++)
    for (let a = 0; a < cols; a++) {
      const xa = x[i * cols + a];
      if (xa !== 0) for (let b = 0; b < cols; b++) gram[a * cols + b] += xa * x[i * cols + b];
    }
  return { m, eig: decomposeSymmetric(gram, cols) };
}

function expectSameDirection(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number) {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  const sign = Math.sign(dot) || 1;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - sign * b[i]));
  expect(worst).toBeLessThan(tolerance);
}

describe('decomposeSymmetric (Jacobi)', () => {
  it('gives the closed-form eigenpairs of [[2, 1], [1, 2]]: 3 on (1, 1)/√2 and 1 on (1, -1)/√2', () => {
    const { values, vectors } = decomposeSymmetric([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expectSameDirection(vectors[0], [Math.SQRT1_2, Math.SQRT1_2], 1e-14);
    expectSameDirection(vectors[1], [Math.SQRT1_2, -Math.SQRT1_2], 1e-14);
  });
});

describe('PCA against a dense reference (400 x 120, 30% observed)', () => {
  const rows = 400;
  const cols = 120;
  const entries = randomEntries(rows, cols, 0.3, 7);
  const { m, eig } = denseReference(rows, cols, entries);

  it('power iteration and Lanczos both give the top two eigenvectors within 1e-8', () => {
    const power = fitImputedPca(m);
    const lanczos = fitImputedPca(m, { method: 'lanczos' });
    for (const pca of [power, lanczos])
      for (let c = 0; c < 2; c++) {
        expectSameDirection(pca.components[c], eig.vectors[c], 1e-8);
        expect(Math.abs(pca.eigenvalues[c] - eig.values[c]) / eig.values[0]).toBeLessThan(1e-10);
      }
    // Lanczos needs far fewer products with the matrix.
    expect(lanczos.iterations[0]).toBeLessThan(power.iterations[0] + power.iterations[1]);
  });

  it('Lanczos stops at its stated residual and, warm-started from the answer, within a few steps', () => {
    const centre = computeColumnMeans(m).map((x) => (Number.isNaN(x) ? 0 : x));
    const apply = (r: Float64Array, out: Float64Array) => {
      out.fill(0);
      for (let i = 0; i < m.rows; i++) {
        let s = 0;
        for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) s += (m.values[k] - centre[m.colIndex[k]]) * r[m.colIndex[k]];
        for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) out[m.colIndex[k]] += s * (m.values[k] - centre[m.colIndex[k]]);
      }
    };
    const cold = fitLanczosPca(cols, apply, centre)!;
    const out = new Float64Array(cols);
    for (let c = 0; c < 2; c++) {
      apply(cold.components[c], out);
      let residual = 0;
      for (let j = 0; j < cols; j++) residual += (out[j] - cold.eigenvalues[c] * cold.components[c][j]) ** 2;
      expect(Math.sqrt(residual)).toBeLessThan(10 * LANCZOS_TOLERANCE * cold.eigenvalues[0]);
    }
    const warm = fitGramPca(cols, apply, centre, { method: 'lanczos', startVectors: cold.components });
    expect(warm.iterations[0]).toBeLessThanOrEqual(4);
    for (let c = 0; c < 2; c++) expectSameDirection(warm.components[c], eig.vectors[c], 1e-8);
  });
});

describe('sparse storage', () => {
  it('buildSparseMatrixFromArrays equals buildSparseMatrix, the last of repeated cells winning', () => {
    const random = createRandom(3);
    const entries: SparseEntry[] = Array.from({ length: 3000 }, () => ({
      row: Math.floor(random() * 50),
      col: Math.floor(random() * 40),
      value: Math.floor(random() * 3) - 1,
    }));
    const a = buildSparseMatrix(50, 40, entries);
    for (const build of [buildSparseMatrixFromArrays, buildSparseMatrixByCountingSorts]) {
      const b = build(
        50,
        40,
        entries.map((e) => e.row),
        entries.map((e) => e.col),
        entries.map((e) => e.value),
      );
      expect([...b.rowStart]).toEqual([...a.rowStart]);
      expect([...b.colIndex]).toEqual([...a.colIndex]);
      expect([...b.values]).toEqual([...a.values]);
    }
  });

  it('DynamicSparseMatrix overwrites in place, adds cells, rows and columns, and compacts to the same matrix', () => {
    const base = buildSparseMatrix(2, 3, [
      { row: 0, col: 0, value: 1 },
      { row: 0, col: 2, value: -1 },
      { row: 1, col: 1, value: 0 },
    ]);
    const d = new DynamicSparseMatrix(base);
    expect(d.set(0, 2, 1)).toBe(-1); // a re-vote replaces the stored value
    expect(Number.isNaN(d.set(0, 1, -1))).toBe(true); // a new cell
    expect(d.set(0, 1, 0)).toBe(-1); // a re-vote on a pending cell
    const r = d.addRow();
    const c = d.addColumn();
    d.set(r, c, 1);
    expect([d.size, d.pending, d.rowLength(0), d.get(0, 1), d.get(1, 0)]).toEqual([5, 2, 3, 0, NaN]);
    const centre = Float64Array.from([0.5, 0.25, -0.5, 1]);
    const v = Float64Array.from([1, -2, 0.5, 3]);
    const before = new Float64Array(4);
    d.multiplyCentredGram(centre, v, before);
    const m = d.toSparseMatrix();
    expect(d.pending).toBe(0);
    expect([...m.rowStart]).toEqual([0, 3, 4, 5]);
    expect([...m.colIndex]).toEqual([0, 1, 2, 1, 3]);
    expect([...m.values]).toEqual([1, 0, 1, 0, 1]);
    const after = new Float64Array(4);
    d.multiplyCentredGram(centre, v, after);
    expect([...after]).toEqual([...before]);
  });
});

describe('runKmeans2d (Hamerly and Elkan bounds)', () => {
  it('gives exactly the result of runKmeans (Lloyd) from the same start', () => {
    const random = createRandom(11);
    const points = Array.from({ length: 3000 }, (_, i) => {
      const c = i % 4;
      return [c * 3 + random() * 2.5, (c % 2) * 2 + random() * 2.5];
    });
    // Duplicates and exact ties on purpose.
    for (let i = 0; i < 50; i++) points.push([...points[i]]);
    const start = selectFirstDistinct(points, 40);
    const lloyd = runKmeans(points, start, { maxIterations: 100, tolerance: 0.001 });
    const fast = runKmeans2d(
      Float64Array.from(points, (p) => p[0]),
      Float64Array.from(points, (p) => p[1]),
      start,
      { maxIterations: 100, tolerance: 0.001 },
    );
    expect(fast.iterations).toBe(lloyd.iterations);
    expect([...fast.assignment]).toEqual([...lloyd.assignment]);
    expect(fast.centres).toEqual(lloyd.centres);
    expect(fast.inertia).toBe(lloyd.inertia);
  });
});

import { describe, expect, it } from 'vitest';
import { fitImputedPca } from './pca.js';
import { buildSparseMatrix, type SparseEntry } from './sparse-matrix.js';

function dense(rows: (number | null)[][]) {
  const entries: SparseEntry[] = [];
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && entries.push({ row: i, col: j, value: v })));
  return buildSparseMatrix(rows.length, rows[0].length, entries);
}

describe('fitImputedPca', () => {
  it('finds the principal axis of a rank-one matrix', () => {
    // Rows are multiples of (1, 2, 2)/3 around a centre: the first component is ±(1, 2, 2)/3.
    const m = dense([
      [1, 2, 2],
      [2, 4, 4],
      [-1, -2, -2],
      [0, 0, 0],
    ]);
    const pca = fitImputedPca(m, { components: 2 });
    expect([...pca.centre]).toEqual([0.5, 1, 1]);
    const [a, b, c] = pca.components[0];
    expect([Math.abs(a), Math.abs(b), Math.abs(c)].map((x) => x * 3)).toEqual([expect.closeTo(1, 10), expect.closeTo(2, 10), expect.closeTo(2, 10)]);
    // The second component is orthogonal to the first.
    const dot = pca.components[0].reduce((s, x, i) => s + x * pca.components[1][i], 0);
    expect(Math.abs(dot)).toBeLessThan(1e-10);
  });

  it('fills missing entries with the column mean, so they add nothing after centring', () => {
    const withMissing = dense([
      [1, null],
      [-1, 1],
      [1, -1],
    ]);
    // Column 2's mean over observed votes is 0; the imputed matrix is [[1,0],[-1,1],[1,-1]].
    const imputed = dense([
      [1, 0],
      [-1, 1],
      [1, -1],
    ]);
    const a = fitImputedPca(withMissing);
    const b = fitImputedPca(imputed);
    expect([...a.centre]).toEqual([...b.centre]);
    a.components.forEach((c, k) => c.forEach((x, j) => expect(x).toBeCloseTo(b.components[k][j], 10)));
  });

  it('matches the eigenvectors of the covariance matrix (2x2 closed form)', () => {
    const m = dense([
      [2, 0],
      [0, 1],
      [-2, 0],
      [0, -1],
    ]);
    const pca = fitImputedPca(m);
    // XᵀX = diag(8, 2): components are the axes, eigenvalues 8 and 2.
    expect(pca.eigenvalues[0]).toBeCloseTo(8, 10);
    expect(pca.eigenvalues[1]).toBeCloseTo(2, 10);
    expect(Math.abs(pca.components[0][0])).toBeCloseTo(1, 10);
    expect(Math.abs(pca.components[1][1])).toBeCloseTo(1, 10);
  });
});

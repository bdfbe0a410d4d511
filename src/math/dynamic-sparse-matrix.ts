/**
 * A sparse matrix that takes new entries in place: a compressed-row base plus, per row, a short
 * list of entries added since the last compaction. Overwriting a stored cell changes it where it
 * is (a binary search in the sorted row); a new cell goes to its row's list. `compact` folds the
 * lists into the base (linear in the entries), so the products stay a pass over flat typed arrays.
 * Rows and columns can be added. Absent entries mean "missing", as in `SparseMatrix`.
 */
import type { SparseMatrix } from './sparse-matrix.js';

/** A sparse matrix that grows and changes in place. */
export class DynamicSparseMatrix {
  rows: number;
  cols: number;
  private base: SparseMatrix;
  /** Per row: entries not in `base`, as [col, value, col, value, ...]. */
  private extra: (number[] | undefined)[] = [];
  /** hasExtra[i] = 1 when row i has pending entries (a typed array: hot loops test it, not `extra`). */
  private hasExtra = new Uint8Array(0);
  private extraCount = 0;

  /** Wraps a compressed-row matrix (taken over, not copied). */
  constructor(base: SparseMatrix) {
    this.base = base;
    this.rows = base.rows;
    this.cols = base.cols;
  }

  /** Number of stored entries. */
  get size(): number {
    return this.base.values.length + this.extraCount;
  }

  /** Number of entries waiting to be compacted. */
  get pending(): number {
    return this.extraCount;
  }

  /** Adds an empty row; returns its index. */
  addRow(): number {
    return this.rows++;
  }

  /** Adds an empty column; returns its index. */
  addColumn(): number {
    return this.cols++;
  }

  private findInBase(i: number, j: number): number {
    if (i >= this.base.rows) return -1;
    let lo = this.base.rowStart[i];
    let hi = this.base.rowStart[i + 1] - 1;
    const colIndex = this.base.colIndex;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = colIndex[mid];
      if (c === j) return mid;
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The value at (i, j), or NaN when the cell is empty. */
  get(i: number, j: number): number {
    const k = this.findInBase(i, j);
    if (k >= 0) return this.base.values[k];
    const e = this.pendingOf(i);
    if (e) for (let t = 0; t < e.length; t += 2) if (e[t] === j) return e[t + 1];
    return NaN;
  }

  private pendingOf(i: number): number[] | undefined {
    return i < this.hasExtra.length && this.hasExtra[i] ? this.extra[i] : undefined;
  }

  /** Stores `value` at (i, j); returns the value it replaced, or NaN when the cell was empty. */
  set(i: number, j: number, value: number): number {
    if (!(i >= 0 && i < this.rows && j >= 0 && j < this.cols)) throw new RangeError(`entry (${i}, ${j}) outside ${this.rows}x${this.cols}`);
    const k = this.findInBase(i, j);
    if (k >= 0) {
      const old = this.base.values[k];
      this.base.values[k] = value;
      return old;
    }
    let e = this.hasExtra.length > i && this.hasExtra[i] ? this.extra[i] : undefined;
    if (!e) {
      if (this.hasExtra.length <= i) {
        const grown = new Uint8Array(Math.max(this.rows, 2 * this.hasExtra.length, 1024));
        grown.set(this.hasExtra);
        this.hasExtra = grown;
      }
      e = this.extra[i] = [];
      this.hasExtra[i] = 1;
    }
    for (let t = 0; t < e.length; t += 2)
      if (e[t] === j) {
        const old = e[t + 1];
        e[t + 1] = value;
        return old;
      }
    e.push(j, value);
    this.extraCount++;
    return NaN;
  }

  /** Number of stored entries in row i. */
  rowLength(i: number): number {
    const b = i < this.base.rows ? this.base.rowStart[i + 1] - this.base.rowStart[i] : 0;
    return b + (this.pendingOf(i)?.length ?? 0) / 2;
  }

  /** Calls `fn(col, value)` for each stored entry of row i (base entries first, in column order). */
  forEachInRow(i: number, fn: (col: number, value: number) => void): void {
    if (i < this.base.rows) for (let k = this.base.rowStart[i]; k < this.base.rowStart[i + 1]; k++) fn(this.base.colIndex[k], this.base.values[k]);
    const e = this.pendingOf(i);
    if (e) for (let t = 0; t < e.length; t += 2) fn(e[t], e[t + 1]);
  }

  /** Folds the pending entries into the compressed rows (columns sorted within each row). */
  compact(): void {
    if (this.extraCount === 0 && this.base.rows === this.rows && this.base.cols === this.cols) return;
    const total = this.size;
    const rowStart = new Int32Array(this.rows + 1);
    const colIndex = new Int32Array(total);
    const values = new Float64Array(total);
    let at = 0;
    for (let i = 0; i < this.rows; i++) {
      const e = this.pendingOf(i);
      const pairs: [number, number][] = [];
      if (e) for (let t = 0; t < e.length; t += 2) pairs.push([e[t], e[t + 1]]);
      pairs.sort((a, b) => a[0] - b[0]);
      let p = 0;
      if (i < this.base.rows)
        for (let k = this.base.rowStart[i]; k < this.base.rowStart[i + 1]; k++) {
          const c = this.base.colIndex[k];
          while (p < pairs.length && pairs[p][0] < c) [colIndex[at], values[at++]] = pairs[p++];
          colIndex[at] = c;
          values[at++] = this.base.values[k];
        }
      while (p < pairs.length) [colIndex[at], values[at++]] = pairs[p++];
      rowStart[i + 1] = at;
    }
    this.base = { rows: this.rows, cols: this.cols, rowStart, colIndex, values };
    this.extra = [];
    this.hasExtra = new Uint8Array(0);
    this.extraCount = 0;
  }

  /** The matrix in compressed-row form (compacts first); the arrays are shared, not copied. */
  toSparseMatrix(): SparseMatrix {
    this.compact();
    return this.base;
  }

  /**
   * out = XᵀX r for the centred matrix X (stored value - centre[col] on stored entries, 0 where
   * missing): for each row, s = x·r, then out += s x. Two passes over the row's entries.
   */
  multiplyCentredGram(centre: Float64Array, r: Float64Array, out: Float64Array): void {
    out.fill(0);
    const { rowStart, colIndex, values } = this.base;
    const baseRows = this.base.rows;
    const flags = this.hasExtra;
    for (let i = 0; i < this.rows; i++) {
      const from = i < baseRows ? rowStart[i] : 0;
      const to = i < baseRows ? rowStart[i + 1] : 0;
      const e = i < flags.length && flags[i] ? this.extra[i] : undefined;
      let s = 0;
      for (let k = from; k < to; k++) {
        const j = colIndex[k];
        s += (values[k] - centre[j]) * r[j];
      }
      if (e) for (let t = 0; t < e.length; t += 2) s += (e[t + 1] - centre[e[t]]) * r[e[t]];
      if (s === 0) continue;
      for (let k = from; k < to; k++) {
        const j = colIndex[k];
        out[j] += s * (values[k] - centre[j]);
      }
      if (e) for (let t = 0; t < e.length; t += 2) out[e[t]] += s * (e[t + 1] - centre[e[t]]);
    }
  }

  /**
   * Projects each row on the given directions using only its stored entries:
   * out[d][i] = Σ (value - centre[col]) directions[d][col].
   */
  projectRows(centre: Float64Array, directions: readonly Float64Array[], out: Float64Array[]): void {
    const { rowStart, colIndex, values } = this.base;
    const baseRows = this.base.rows;
    const [d1, d2] = [directions[0], directions[1] ?? null];
    const flags = this.hasExtra;
    for (let i = 0; i < this.rows; i++) {
      let p1 = 0;
      let p2 = 0;
      if (i < baseRows)
        for (let k = rowStart[i]; k < rowStart[i + 1]; k++) {
          const j = colIndex[k];
          const c = values[k] - centre[j];
          p1 += c * d1[j];
          if (d2) p2 += c * d2[j];
        }
      const e = i < flags.length && flags[i] ? this.extra[i] : undefined;
      if (e)
        for (let t = 0; t < e.length; t += 2) {
          const c = e[t + 1] - centre[e[t]];
          p1 += c * d1[e[t]];
          if (d2) p2 += c * d2[e[t]];
        }
      out[0][i] = p1;
      if (out[1]) out[1][i] = p2;
    }
  }
}

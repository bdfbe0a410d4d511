/**
 * A sparse matrix in compressed-row form. Entries that are absent mean "missing" (not zero): a vote
 * matrix only stores the votes that were cast.
 */
export interface SparseMatrix {
  rows: number;
  cols: number;
  /** rowStart[i]..rowStart[i + 1] index the entries of row i in `colIndex` and `values`. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** One stored entry. */
export interface SparseEntry {
  row: number;
  col: number;
  value: number;
}

/**
 * Builds a compressed-row matrix from entries; when an entry repeats, the last one wins (a re-vote
 * replaces the earlier vote). Columns within a row come out sorted.
 */
export function buildSparseMatrix(rows: number, cols: number, entries: Iterable<SparseEntry>): SparseMatrix {
  const list = Array.isArray(entries) ? (entries as SparseEntry[]) : [...entries];
  // Bucket the entries by row (stable), then within each row sort by column and keep the last
  // entry of each column: O(n log(row length)) without a hash of every cell.
  const rowCount = new Int32Array(rows + 1);
  for (const e of list) {
    if (!(e.row >= 0 && e.row < rows && e.col >= 0 && e.col < cols)) throw new RangeError(`entry (${e.row}, ${e.col}) outside ${rows}x${cols}`);
    rowCount[e.row + 1]++;
  }
  for (let i = 0; i < rows; i++) rowCount[i + 1] += rowCount[i];
  const fill = rowCount.slice(0, rows);
  const order = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) order[fill[list[k].row]++] = k;
  const rowStart = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    const slice = Array.from(order.subarray(rowCount[i], rowCount[i + 1]));
    slice.sort((a, b) => list[a].col - list[b].col || a - b);
    for (let t = 0; t < slice.length; t++) {
      const e = list[slice[t]];
      if (t + 1 < slice.length && list[slice[t + 1]].col === e.col) continue;
      colIndex.push(e.col);
      values.push(e.value);
    }
    rowStart[i + 1] = colIndex.length;
  }
  return { rows, cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/** Number of stored entries in each row. */
export function countRowEntries(m: SparseMatrix): Int32Array {
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.rowStart[i + 1] - m.rowStart[i];
  return out;
}

/** Mean of the stored entries of each column (NaN for a column with none). */
export function computeColumnMeans(m: SparseMatrix): Float64Array {
  const sums = new Float64Array(m.cols);
  const counts = new Float64Array(m.cols);
  for (let k = 0; k < m.values.length; k++) {
    sums[m.colIndex[k]] += m.values[k];
    counts[m.colIndex[k]]++;
  }
  return sums.map((s, j) => (counts[j] === 0 ? NaN : s / counts[j]));
}

/** The same matrix with every cell of the given columns stored as `value` for every row. */
export function fillColumns(m: SparseMatrix, columns: Iterable<number>, value: number): SparseMatrix {
  const fill = [...new Set(columns)].sort((a, b) => a - b);
  if (fill.length === 0) return m;
  const isFilled = new Uint8Array(m.cols);
  for (const j of fill) isFilled[j] = 1;
  const rowStart = new Int32Array(m.rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    // Merge the row's kept entries (sorted by column) with the sorted filled columns.
    let f = 0;
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) {
      const j = m.colIndex[k];
      if (isFilled[j]) continue;
      while (f < fill.length && fill[f] < j) {
        colIndex.push(fill[f++]);
        values.push(value);
      }
      colIndex.push(j);
      values.push(m.values[k]);
    }
    while (f < fill.length) {
      colIndex.push(fill[f++]);
      values.push(value);
    }
    rowStart[i + 1] = colIndex.length;
  }
  return { rows: m.rows, cols: m.cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/** The same matrix with every stored entry of the given columns removed (the columns stay, empty). */
export function dropColumns(m: SparseMatrix, columns: Iterable<number>): SparseMatrix {
  const drop = new Uint8Array(m.cols);
  let any = false;
  for (const j of columns) [drop[j], any] = [1, true];
  if (!any) return m;
  const rowStart = new Int32Array(m.rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++)
      if (!drop[m.colIndex[k]]) {
        colIndex.push(m.colIndex[k]);
        values.push(m.values[k]);
      }
    rowStart[i + 1] = colIndex.length;
  }
  return { rows: m.rows, cols: m.cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/**
 * Builds a compressed-row matrix from parallel arrays of rows, columns and values (entry k is
 * (rows[k], cols[k], values[k])); when a cell repeats, the last entry wins. One counting sort by
 * row, then each row's entries sorted by (column, input position) packed in one float key, so a
 * row is a short typed-array sort: the builder for millions of votes. (Beyond 2^21 columns or 2^32
 * entries, where the key would not fit, two stable counting sorts do the same.)
 */
export function buildSparseMatrixFromArrays(
  rowCount: number,
  colCount: number,
  rowOf: ArrayLike<number>,
  colOf: ArrayLike<number>,
  valueOf: ArrayLike<number>,
): SparseMatrix {
  const n = rowOf.length;
  if (colCount >= 2 ** 21 || n >= 2 ** 32) return buildSparseMatrixByCountingSorts(rowCount, colCount, rowOf, colOf, valueOf);
  const SHIFT = 4294967296;
  const rowStart = new Int32Array(rowCount + 1);
  for (let k = 0; k < n; k++) {
    const i = rowOf[k];
    const j = colOf[k];
    if (!(i >= 0 && i < rowCount && j >= 0 && j < colCount)) throw new RangeError(`entry (${i}, ${j}) outside ${rowCount}x${colCount}`);
    rowStart[i + 1]++;
  }
  for (let i = 0; i < rowCount; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, rowCount);
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[fill[rowOf[k]]++] = colOf[k] * SHIFT + k;
  for (let i = 0; i < rowCount; i++) if (rowStart[i + 1] - rowStart[i] > 1) keys.subarray(rowStart[i], rowStart[i + 1]).sort();
  const outStart = new Int32Array(rowCount + 1);
  const colIndex = new Int32Array(n);
  const values = new Float64Array(n);
  let stored = 0;
  for (let i = 0; i < rowCount; i++) {
    const end = rowStart[i + 1];
    for (let t = rowStart[i]; t < end; t++) {
      const col = Math.floor(keys[t] / SHIFT);
      if (t + 1 < end && Math.floor(keys[t + 1] / SHIFT) === col) continue;
      colIndex[stored] = col;
      values[stored++] = valueOf[keys[t] - col * SHIFT];
    }
    outStart[i + 1] = stored;
  }
  return {
    rows: rowCount,
    cols: colCount,
    rowStart: outStart,
    colIndex: stored === n ? colIndex : colIndex.slice(0, stored),
    values: stored === n ? values : values.slice(0, stored),
  };
}

/** `buildSparseMatrixFromArrays` by two stable counting sorts (by column, then by row), for any size. */
export function buildSparseMatrixByCountingSorts(
  rowCount: number,
  colCount: number,
  rowOf: ArrayLike<number>,
  colOf: ArrayLike<number>,
  valueOf: ArrayLike<number>,
): SparseMatrix {
  const n = rowOf.length;
  const colStart = new Int32Array(colCount + 1);
  for (let k = 0; k < n; k++) {
    const i = rowOf[k];
    const j = colOf[k];
    if (!(i >= 0 && i < rowCount && j >= 0 && j < colCount)) throw new RangeError(`entry (${i}, ${j}) outside ${rowCount}x${colCount}`);
    colStart[j + 1]++;
  }
  for (let j = 0; j < colCount; j++) colStart[j + 1] += colStart[j];
  const byCol = new Int32Array(n);
  for (let k = 0; k < n; k++) byCol[colStart[colOf[k]]++] = k;
  const rowStart = new Int32Array(rowCount + 1);
  for (let k = 0; k < n; k++) rowStart[rowOf[k] + 1]++;
  for (let i = 0; i < rowCount; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, rowCount);
  // Entries grouped by row, columns ascending, input order kept within one cell; the column and
  // value travel with the entry, so the last pass reads sequentially.
  const colIndex = new Int32Array(n);
  const values = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const k = byCol[t];
    const at = fill[rowOf[k]]++;
    colIndex[at] = colOf[k];
    values[at] = valueOf[k];
  }
  // Keep the last entry of each repeated cell, in place.
  const outStart = new Int32Array(rowCount + 1);
  let stored = 0;
  for (let i = 0; i < rowCount; i++) {
    const end = rowStart[i + 1];
    for (let t = rowStart[i]; t < end; t++) {
      if (t + 1 < end && colIndex[t + 1] === colIndex[t]) continue;
      colIndex[stored] = colIndex[t];
      values[stored++] = values[t];
    }
    outStart[i + 1] = stored;
  }
  return {
    rows: rowCount,
    cols: colCount,
    rowStart: outStart,
    colIndex: stored === n ? colIndex : colIndex.slice(0, stored),
    values: stored === n ? values : values.slice(0, stored),
  };
}

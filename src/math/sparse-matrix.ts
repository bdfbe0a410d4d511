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
  const cells = new Map<number, number>();
  for (const e of entries) {
    if (e.row < 0 || e.row >= rows || e.col < 0 || e.col >= cols) throw new RangeError(`entry (${e.row}, ${e.col}) outside ${rows}x${cols}`);
    cells.set(e.row * cols + e.col, e.value);
  }
  const keys = [...cells.keys()].sort((a, b) => a - b);
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(keys.length);
  const values = new Float64Array(keys.length);
  keys.forEach((key, k) => {
    const row = Math.floor(key / cols);
    rowStart[row + 1]++;
    colIndex[k] = key - row * cols;
    values[k] = cells.get(key)!;
  });
  for (let i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
  return { rows, cols, rowStart, colIndex, values };
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
  const fill = new Set(columns);
  if (fill.size === 0) return m;
  const entries: SparseEntry[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++)
      if (!fill.has(m.colIndex[k])) entries.push({ row: i, col: m.colIndex[k], value: m.values[k] });
    for (const j of fill) entries.push({ row: i, col: j, value });
  }
  return buildSparseMatrix(m.rows, m.cols, entries);
}

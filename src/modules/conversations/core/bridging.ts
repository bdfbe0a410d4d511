/**
 * Bridging statements: a matrix-factorisation model of agreement, as the published Birdwatch /
 * Community Notes algorithm ranks notes (Wojcik et al., "Birdwatch: Crowd Wisdom and Bridging
 * Algorithms can Inform Understanding and Reduce the Spread of Misinformation", 2022,
 * arXiv:2210.15723, section 3; source github.com/twitter/communitynotes,
 * sourcecode/scoring/matrix_factorization/matrix_factorization.py). Each vote is modelled as
 *
 *   r(u, n) ≈ μ + i_u + i_n + f_u · f_n
 *
 * with one factor dimension, minimising the squared error plus λ_i (i_u² + i_n²) + λ_f (f_u² + f_n²).
 * As in Community Notes (l2_lambda = 0.03, l2_intercept_multiplier = 5) the intercepts are
 * regularised five times more strongly than the factors, so agreement that the main opinion axis
 * (f_u · f_n) can explain goes to the factors, and a statement's intercept i_n keeps only the
 * agreement shared across that axis: its bridging score. Here r = +1 for agree and -1 for disagree;
 * passes are left out. Community Notes fits by gradient descent from random factors; Polity fits
 * the same objective by alternating least squares (each user's and each statement's
 * (intercept, factor) pair is an exact 2×2 ridge solve given the other side), from a fixed start,
 * so the result is deterministic.
 */
import type { SparseMatrix } from '../../../math/sparse-matrix.js';
import { AGREE, DISAGREE } from './types.js';

/** Factor regularisation λ_f (Community Notes `l2_lambda`). */
export const BRIDGING_FACTOR_LAMBDA = 0.03;
/** Intercept regularisation λ_i = 5 λ_f (Community Notes `l2_intercept_multiplier`). */
export const BRIDGING_INTERCEPT_LAMBDA = 0.15;

/** Options of `fitBridgingModel`. */
export interface BridgingOptions {
  interceptLambda?: number;
  factorLambda?: number;
  maxIterations?: number;
  /** Stop when no parameter moves more than this in one sweep (default 1e-5: scores good to about 1e-4). */
  tolerance?: number;
  /** Starting statement factors (one per column), default a fixed alternating ±0.1 pattern. */
  initialStatementFactors?: ArrayLike<number>;
  /**
   * A previous fit to start from (a warm start after new votes): its parameters for the rows and
   * columns it had, zero for new ones. Overrides `initialStatementFactors`.
   */
  initial?: BridgingModel;
}

/** The fitted model: one intercept and factor per row (participant) and column (statement). */
export interface BridgingModel {
  mu: number;
  userIntercepts: Float64Array;
  userFactors: Float64Array;
  statementIntercepts: Float64Array;
  statementFactors: Float64Array;
  /** Agree/disagree votes per statement that the model saw. */
  statementVotes: Int32Array;
  iterations: number;
  /** The regularised loss at the end. */
  loss: number;
}

function solveRidge(n: number, sumF: number, sumF2: number, sumE: number, sumEF: number, li: number, lf: number): [number, number] {
  // Minimises Σ (e - i - f x)² + li i² + lf f² over (i, f): [[n + li, ΣF], [ΣF, ΣF² + lf]] (i, f) = (ΣE, ΣEF).
  const a = n + li;
  const b = sumF;
  const d = sumF2 + lf;
  const det = a * d - b * b;
  if (det === 0) return [0, 0];
  return [(d * sumE - b * sumEF) / det, (a * sumEF - b * sumE) / det];
}

/**
 * Fits the one-factor model to a vote matrix in Pol.is's internal sign (agree = -1, disagree = +1,
 * pass = 0), using only the columns in `columns` (default all). Ratings are agree = +1,
 * disagree = -1; passes and absent cells are not ratings.
 */
export function fitBridgingModel(m: SparseMatrix, columns?: readonly number[], options: BridgingOptions = {}): BridgingModel {
  const li = options.interceptLambda ?? BRIDGING_INTERCEPT_LAMBDA;
  const lf = options.factorLambda ?? BRIDGING_FACTOR_LAMBDA;
  const maxIterations = options.maxIterations ?? 3000;
  const tolerance = options.tolerance ?? 1e-5;
  // Local copies: hot loops must not read imported bindings.
  const agree = AGREE;
  const disagree = DISAGREE;
  const use = new Uint8Array(m.cols);
  for (const j of columns ?? Array.from({ length: m.cols }, (_, j) => j)) use[j] = 1;
  // Ratings in row-major (users) and column-major (statements) order.
  let count = 0;
  for (let k = 0; k < m.values.length; k++) if (use[m.colIndex[k]] && (m.values[k] === agree || m.values[k] === disagree)) count++;
  const users = new Int32Array(count);
  const items = new Int32Array(count);
  const ratings = new Float64Array(count);
  let stored = 0;
  for (let i = 0; i < m.rows; i++)
    for (let k = m.rowStart[i]; k < m.rowStart[i + 1]; k++) {
      const v = m.values[k];
      if (!use[m.colIndex[k]] || (v !== agree && v !== disagree)) continue;
      users[stored] = i;
      items[stored] = m.colIndex[k];
      ratings[stored++] = v === agree ? 1 : -1;
    }
  const statementVotes = new Int32Array(m.cols);
  for (const j of items) statementVotes[j]++;
  // The same ratings in column-major order (a stable counting sort by statement).
  const itemStart = new Int32Array(m.cols + 1);
  for (let j = 0; j < m.cols; j++) itemStart[j + 1] = itemStart[j] + statementVotes[j];
  const cursor = itemStart.slice(0, m.cols);
  const colUsers = new Int32Array(count);
  const colRatings = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const at = cursor[items[t]]++;
    colUsers[at] = users[t];
    colRatings[at] = ratings[t];
  }
  const rated = new Uint8Array(m.rows);
  for (const i of users) rated[i] = 1;

  const ui = new Float64Array(m.rows);
  const uf = new Float64Array(m.rows);
  const ni = new Float64Array(m.cols);
  const nf = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++)
    nf[j] = options.initialStatementFactors ? Number(options.initialStatementFactors[j]) || 0 : j % 2 === 0 ? 0.1 : -0.1;
  let mu = 0;
  for (let t = 0; t < count; t++) mu += ratings[t] / count;
  const initial = options.initial;
  if (initial) {
    ui.set(initial.userIntercepts.subarray(0, m.rows));
    uf.set(initial.userFactors.subarray(0, m.rows));
    ni.set(initial.statementIntercepts.subarray(0, m.cols));
    nf.fill(0).set(initial.statementFactors.subarray(0, m.cols));
    mu = initial.mu;
  }

  // Rows of users are contiguous in the row-major arrays: their starts, as for statements.
  const userStart = new Int32Array(m.rows + 1);
  for (const i of users) userStart[i + 1]++;
  for (let i = 0; i < m.rows; i++) userStart[i + 1] += userStart[i];

  /**
   * One alternating-least-squares pass over one side (users or statements): each one's intercept
   * and factor solved against the other side's current values, ridge-regularised. Returns the
   * largest change.
   */
  const sweep = (
    size: number,
    start: Int32Array,
    other: Int32Array,
    values: Float64Array,
    ownIntercept: Float64Array,
    ownFactor: Float64Array,
    otherIntercept: Float64Array,
    otherFactor: Float64Array,
  ): number => {
    let moved = 0;
    for (let r = 0; r < size; r++) {
      let n = 0,
        sF = 0,
        sF2 = 0,
        sE = 0,
        sEF = 0;
      for (let t = start[r]; t < start[r + 1]; t++) {
        const f = otherFactor[other[t]];
        const e = values[t] - mu - otherIntercept[other[t]];
        n++;
        sF += f;
        sF2 += f * f;
        sE += e;
        sEF += e * f;
      }
      const [a, b] = n === 0 ? [0, 0] : solveRidge(n, sF, sF2, sE, sEF, li, lf);
      moved = Math.max(moved, Math.abs(a - ownIntercept[r]), Math.abs(b - ownFactor[r]));
      ownIntercept[r] = a;
      ownFactor[r] = b;
    }
    return moved;
  };
  const sweepUsers = () => sweep(m.rows, userStart, items, ratings, ui, uf, ni, nf);
  const sweepStatements = () => sweep(m.cols, itemStart, colUsers, colRatings, ni, nf, ui, uf);
  const sweepMu = (): number => {
    if (count === 0) return 0;
    let s = 0;
    for (let t = 0; t < count; t++) s += ratings[t] - ui[users[t]] - ni[items[t]] - uf[users[t]] * nf[items[t]];
    const next = s / count;
    const moved = Math.abs(next - mu);
    mu = next;
    return moved;
  };

  // The loss is unchanged in its error term when every intercept on one side shifts by c and μ by
  // -c, or when the factors scale by s and 1/s; only the penalty sees it, so coordinate sweeps crawl
  // along these directions. Each sweep ends with the exact penalty-minimising shift and scale.
  const rebalance = (): void => {
    let sumU = 0,
      nU = 0,
      sumN = 0,
      nN = 0,
      fU = 0,
      fN = 0;
    for (let i = 0; i < m.rows; i++) if (rated[i]) [sumU, nU, fU] = [sumU + ui[i], nU + 1, fU + uf[i] ** 2];
    for (let j = 0; j < m.cols; j++) if (statementVotes[j] > 0) [sumN, nN, fN] = [sumN + ni[j], nN + 1, fN + nf[j] ** 2];
    const cU = nU > 0 ? sumU / nU : 0;
    const cN = nN > 0 ? sumN / nN : 0;
    for (let i = 0; i < m.rows; i++) if (rated[i]) ui[i] -= cU;
    for (let j = 0; j < m.cols; j++) if (statementVotes[j] > 0) ni[j] -= cN;
    mu += cU + cN;
    if (fU > 0 && fN > 0) {
      const scale = Math.sqrt(Math.sqrt(fN / fU));
      for (let i = 0; i < m.rows; i++) uf[i] *= scale;
      for (let j = 0; j < m.cols; j++) nf[j] /= scale;
    }
  };

  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const moved = Math.max(sweepUsers(), sweepStatements(), sweepMu());
    rebalance();
    if (moved < tolerance) break;
  }
  let loss = 0;
  for (let t = 0; t < count; t++) loss += (ratings[t] - mu - ui[users[t]] - ni[items[t]] - uf[users[t]] * nf[items[t]]) ** 2;
  for (let i = 0; i < m.rows; i++) loss += li * ui[i] ** 2 + lf * uf[i] ** 2;
  for (let j = 0; j < m.cols; j++) loss += li * ni[j] ** 2 + lf * nf[j] ** 2;
  return { mu, userIntercepts: ui, userFactors: uf, statementIntercepts: ni, statementFactors: nf, statementVotes, iterations, loss };
}

/** A statement's bridging score (its intercept) and factor, for reports. */
export interface BridgingStatement {
  statement: number;
  /** The intercept i_n: agreement left once the main opinion axis is factored out. */
  intercept: number;
  /** The factor f_n: where the statement sits on the main opinion axis. */
  factor: number;
  /** Agree and disagree votes the model saw. */
  votes: number;
}

/**
 * Bridging statements ranked by intercept, highest first (ties by statement id), over the given
 * columns of a vote matrix whose column j is statement `statementIds[j]`.
 */
export function rankBridgingStatements(
  m: SparseMatrix,
  statementIds: readonly number[],
  columns: readonly number[],
  options: BridgingOptions = {},
): BridgingStatement[] {
  return rankFittedBridging(fitBridgingModel(m, columns, options), statementIds, columns);
}

/** `rankBridgingStatements` from a model already fitted. */
export function rankFittedBridging(model: BridgingModel, statementIds: readonly number[], columns: readonly number[]): BridgingStatement[] {
  return columns
    .map((j) => ({
      statement: statementIds[j],
      intercept: model.statementIntercepts[j],
      factor: model.statementFactors[j],
      votes: model.statementVotes[j],
    }))
    .sort((a, b) => b.intercept - a.intercept || a.statement - b.statement);
}

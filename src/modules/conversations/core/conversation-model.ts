/**
 * The analysis as a model kept between updates, so that a batch of new votes updates it in place
 * instead of rebuilding it (issue 3, "update after every batch of votes, incrementally"), at the
 * scale of 100,000 participants and 10 million votes.
 *
 * Storage: the raw vote matrix in compressed rows (typed arrays) with in-place overwrites and
 * per-row lists of new cells (`DynamicSparseMatrix`); column sums and counts for the centre;
 * per-statement vote counts per group and for everyone in one flat array. The rating matrix of
 * Pol.is (moderated-out and meta columns set to 0 for everyone) is never built: those columns are
 * masked out of the PCA (their centred values are 0) and counted as votes in the projection's
 * sqrt(statements / votes) scaling, which is all they change (conversation.clj `:rating-mat`,
 * pca.clj `sparsity-aware-project-ptpt`).
 *
 * A full analysis (`buildConversationModel`) and an update (`updateConversationAnalysis`) run the
 * same stages; the update applies the new votes to the stored matrix and counts (O(batch)),
 * warm-starts the PCA from the previous components (a few Lanczos steps), warm-starts the base
 * clusters and groups from the previous centres, and moves only the counts of participants whose
 * group changed.
 */
import { DynamicSparseMatrix } from '../../../math/dynamic-sparse-matrix.js';
import { fitGramPca, type PcaModel } from '../../../math/pca.js';
import { buildSparseMatrixFromArrays } from '../../../math/sparse-matrix.js';
import { fitBridgingModel, rankFittedBridging, type BridgingModel, type BridgingStatement } from './bridging.js';
import { computeGroupInformedConsensus, computePriority } from './consensus.js';
import { computeBaseClusters2d, computeGroupClusterings, MAX_GROUPS, selectBestK, smoothGroupCount, type KSmoother } from './opinion-groups.js';
import { projectStatements } from './projection.js';
import {
  computeGroupStatementStats,
  computeStatementStats,
  selectConsensusStatements,
  selectRepresentativeStatements,
  type ConsensusStatement,
  type RepresentativeStatement,
  type VoteCounts,
} from './repness.js';
import type { Statement, Vote } from './types.js';
import { isExcludedStatement } from './vote-matrix.js';
import { isVoteTable, orderTableVotes, toVoteTable, type VoteTable } from './vote-table.js';

/** What one update carries to the next (Pol.is's warm starts and k smoothing). */
export interface AnalysisState {
  components: number[][];
  statementIds: number[];
  baseCentres: number[][];
  groupCentres: Record<number, number[][]>;
  kSmoother: KSmoother;
  clustered: number[];
}

/** Options of `analyzeConversation` and `buildConversationModel`. */
export interface AnalyzeOptions {
  /** Seeds the k-means++ restarts of the group clustering. */
  seed?: number;
  /** Seeded restarts per k (besides the deterministic and warm starts). */
  restarts?: number;
  /** The previous update's state, for warm starts and k smoothing. */
  previous?: AnalysisState | null;
  /**
   * Power iterations per component, as Pol.is (at most 100 per update from the previous
   * components, pca.clj `powerit-pca`); a replay does so on the updates before the last. Without
   * it the PCA runs to convergence by the Lanczos method (`fitLanczosPca`: residual below 1e-10 of
   * the top eigenvalue).
   */
  pcaMaxIterations?: number;
  /**
   * `power`: Pol.is's power iteration to convergence, one component after the other, each from
   * its own start vector (a replay uses it to follow Pol.is's warm starts exactly, which decides
   * the answer when eigenvalues coincide). `lanczos`: the Lanczos method, the same components (to
   * the tolerance of `fitLanczosPca`) in far fewer passes over the votes. Default: `power` below
   * `LANCZOS_MIN_VOTES` stored votes, `lanczos` from there. `pcaMaxIterations` implies `power`.
   */
  pcaMethod?: 'power' | 'lanczos';
  /**
   * Compute the per-statement outputs: repness, consensus, group-informed consensus, priorities and
   * bridging (default true). A replay leaves them out on the updates before the last, which only
   * need to carry the state forward; they are then empty.
   */
  statementOutputs?: boolean;
  /** Fit the bridging model (default true; needs `statementOutputs`). */
  bridging?: boolean;
  /** A clock for `timings` (milliseconds); without it timings are 0, keeping the result a pure function. */
  now?: () => number;
}

/** The analysis of a conversation in the shape issue 3's command line prints. */
export interface ConversationAnalysis {
  participants: { id: number; group: number; x: number; y: number }[];
  groups: { id: number; members: number[]; repness: RepresentativeStatement[] }[];
  consensus: { agree: ConsensusStatement[]; disagree: ConsensusStatement[] };
  groupInformedConsensus: Record<string, number>;
  /** Statements ranked by bridging score (the Community Notes intercept), highest first; see bridging.ts. */
  bridging: BridgingStatement[];
  /** Votes applied since the bridging ranking was fitted (0: fitted on this update; see `BRIDGING_REFIT_SHARE`). */
  bridgingLag?: number;
  priorities: Record<string, number>;
  statements: { id: number; x: number; y: number; extremity: number; excluded: boolean }[];
  pca: { statementIds: number[]; centre: number[]; components: number[][]; eigenvalues: number[] };
  k: { chosen: number; best: number; silhouettes: Record<string, number> };
  counts: { participants: number; statements: number; votes: number; clustered: number; baseClusters: number };
  timings: Record<string, number>;
  state: AnalysisState;
}

/** Stored votes from which a full analysis fits its PCA by the Lanczos method by default. */
export const LANCZOS_MIN_VOTES = 200_000;

/** Bridging sweeps of a full analysis of a large conversation (at least `LANCZOS_MIN_VOTES` votes). */
export const BRIDGING_LARGE_SWEEPS = 10;
/** Bridging sweeps of an update of a large conversation, from the previous fit. */
export const BRIDGING_UPDATE_SWEEPS = 3;
/**
 * An update of a large conversation refits bridging once the votes applied since the last fit
 * reach this share of the stored votes; before that it keeps the last ranking (`bridgingLag` says
 * how many votes it has not seen).
 */
export const BRIDGING_REFIT_SHARE = 0.01;

/** Counts kept per statement: (agrees, disagrees, votes) for each of up to 5 groups, then for everyone. */
const STRIDE = 3 * (MAX_GROUPS + 1);
const EVERYONE = 3 * MAX_GROUPS;

/**
 * A conversation's analysis with everything an incremental update needs. Treat as opaque: read
 * `analysis` (the latest result); change it only through `updateConversationAnalysis`.
 */
export interface ConversationModel {
  /** The latest analysis. */
  analysis: ConversationAnalysis;
  /** Updates applied since the full analysis. */
  updates: number;
  statements: Map<number, Statement>;
  participantIds: number[];
  rowOf: Map<number, number>;
  statementIds: number[];
  colOf: Map<number, number>;
  /** Raw votes (internal sign), rows = participants, columns = statements. */
  matrix: DynamicSparseMatrix;
  /** Votes per row, and votes per row on statements not excluded. */
  rowVotes: number[];
  rowIncluded: number[];
  colSum: number[];
  colCount: number[];
  excluded: boolean[];
  /** Per statement j, counts[j * STRIDE + 3g + (0 agrees, 1 disagrees, 2 votes)], everyone at g = 5. */
  counts: number[];
  /** Group of each row (-1: not clustered). */
  rowGroup: number[];
  clustered: boolean[];
  pca: PcaModel | null;
  /** The last bridging fit, the warm start of the next, its ranking, and the votes applied since. */
  bridgingModel: BridgingModel | null;
  bridgingRanking: BridgingStatement[];
  bridgingLag: number;
  /** Excluded flags when bridging was fitted (a moderation change forces a refit). */
  bridgingExcluded: boolean[];
  state: AnalysisState | null;
  seed: number;
  restarts: number;
}

/** Options of `updateConversationAnalysis`. */
export interface UpdateOptions {
  /** Statements whose moderation changed or that are new (merged into the model's statements by id). */
  statements?: readonly Statement[];
  /** Lanczos steps at most for the warm-started PCA (default 60; it usually stops after 3 to 10). */
  pcaMaxSteps?: number;
  statementOutputs?: boolean;
  bridging?: boolean;
  now?: () => number;
}

function growCounts(model: ConversationModel): void {
  while (model.counts.length < model.statementIds.length * STRIDE) model.counts.push(0);
}

function addRowId(model: ConversationModel, id: number): number {
  const i = model.matrix.addRow();
  model.participantIds.push(id);
  model.rowOf.set(id, i);
  model.rowVotes.push(0);
  model.rowIncluded.push(0);
  model.rowGroup.push(-1);
  model.clustered.push(false);
  return i;
}

function addColumnId(model: ConversationModel, id: number): number {
  const j = model.matrix.addColumn();
  model.statementIds.push(id);
  model.colOf.set(id, j);
  model.colSum.push(0);
  model.colCount.push(0);
  const s = model.statements.get(id);
  model.excluded.push(s ? isExcludedStatement(s) : false);
  growCounts(model);
  return j;
}

/** Adds one vote's counts (sign +1) or removes them (-1) for row i's group and everyone. */
function countVote(model: ConversationModel, i: number, j: number, value: number, sign: number, withTotal: boolean): void {
  const base = j * STRIDE;
  const at = (g: number) => {
    if (withTotal) model.counts[base + g + 2] += sign;
    if (value === -1) model.counts[base + g] += sign;
    else if (value === 1) model.counts[base + g + 1] += sign;
  };
  at(EVERYONE);
  const g = model.rowGroup[i];
  if (g >= 0) at(3 * g);
}

/** Applies votes to the model in the table's order (time order); a re-vote replaces the earlier vote. */
function applyVotes(model: ConversationModel, table: VoteTable): void {
  const order = orderTableVotes(table);
  const n = table.participantIds.length;
  for (let t = 0; t < n; t++) {
    const k = order ? order[t] : t;
    const pid = table.participantIds[k];
    const sid = table.statementIds[k];
    const value = table.values[k];
    const i = model.rowOf.get(pid) ?? addRowId(model, pid);
    const j = model.colOf.get(sid) ?? addColumnId(model, sid);
    const old = model.matrix.set(i, j, value);
    if (Number.isNaN(old)) {
      model.rowVotes[i]++;
      if (!model.excluded[j]) model.rowIncluded[i]++;
      model.colCount[j]++;
      model.colSum[j] += value;
      countVote(model, i, j, value, 1, true);
    } else {
      model.colSum[j] += value - old;
      countVote(model, i, j, old, -1, false);
      countVote(model, i, j, value, 1, false);
    }
  }
}

function sortedUnique(values: ArrayLike<number>): Float64Array {
  // Compact non-negative integer ids (the usual case): a presence table instead of a sort.
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  if (integers && values.length > 0 && max - min < 4 * values.length + 1_000_000) {
    const seen = new Uint8Array(max - min + 1);
    for (let k = 0; k < values.length; k++) seen[values[k] - min] = 1;
    let n = 0;
    for (let v = 0; v < seen.length; v++) n += seen[v];
    const out = new Float64Array(n);
    for (let v = 0, at = 0; v < seen.length; v++) if (seen[v]) out[at++] = v + min;
    return out;
  }
  const all = Float64Array.from(values).sort();
  let n = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[n++] = all[k];
  return all.slice(0, n);
}

/** Index of each value in the sorted unique ids (a direct table when the ids are compact integers). */
function indexValues(values: ArrayLike<number>, ids: Float64Array, order: Int32Array | null): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  const lo = ids[0];
  const span = ids.length > 0 ? ids[ids.length - 1] - lo : 0;
  if (ids.length > 0 && Number.isInteger(lo) && ids.every(Number.isInteger) && span < 4 * ids.length + 1_000_000) {
    const table = new Int32Array(span + 1);
    ids.forEach((id, i) => (table[id - lo] = i));
    for (let t = 0; t < n; t++) out[t] = table[values[order ? order[t] : t] - lo];
  } else {
    const map = new Map<number, number>();
    ids.forEach((id, i) => map.set(id, i));
    for (let t = 0; t < n; t++) out[t] = map.get(values[order ? order[t] : t])!;
  }
  return out;
}

/**
 * Runs the full analysis of a conversation and keeps the model for incremental updates. Rows are
 * participants by ascending id, columns statements by ascending id (as `buildVoteMatrix`); votes
 * are applied in time order, so the latest vote on a cell wins. Deterministic for a given seed.
 */
export function buildConversationModel(
  statements: readonly Statement[],
  votes: readonly Vote[] | VoteTable,
  options: AnalyzeOptions = {},
): ConversationModel {
  const now = options.now ?? (() => 0);
  const started = now();
  const table = isVoteTable(votes) ? votes : toVoteTable(votes);
  const order = orderTableVotes(table);
  const participantIds = sortedUnique(table.participantIds);
  const statementIds = sortedUnique(table.statementIds);
  const rows = indexValues(table.participantIds, participantIds, order);
  const cols = indexValues(table.statementIds, statementIds, order);
  const values = order ? Int8Array.from(order, (k) => table.values[k]) : table.values;
  const base = buildSparseMatrixFromArrays(participantIds.length, statementIds.length, rows, cols, values);
  const statementMap = new Map(statements.map((s) => [s.id, s]));
  const model: ConversationModel = {
    analysis: null as unknown as ConversationAnalysis,
    updates: 0,
    statements: statementMap,
    participantIds: Array.from(participantIds),
    rowOf: new Map(Array.from(participantIds, (id, i) => [id, i])),
    statementIds: Array.from(statementIds),
    colOf: new Map(Array.from(statementIds, (id, j) => [id, j])),
    matrix: new DynamicSparseMatrix(base),
    rowVotes: [],
    rowIncluded: [],
    colSum: new Array<number>(statementIds.length).fill(0),
    colCount: new Array<number>(statementIds.length).fill(0),
    excluded: Array.from(statementIds, (id) => {
      const s = statementMap.get(id);
      return s ? isExcludedStatement(s) : false;
    }),
    counts: [],
    rowGroup: new Array<number>(participantIds.length).fill(-1),
    clustered: new Array<boolean>(participantIds.length).fill(false),
    pca: null,
    bridgingModel: null,
    bridgingRanking: [],
    bridgingLag: 0,
    bridgingExcluded: [],
    state: options.previous ?? null,
    seed: options.seed ?? 0,
    restarts: options.restarts ?? 24,
  };
  growCounts(model);
  recountRows(model);
  if (options.previous) {
    const keep = new Set(options.previous.clustered);
    model.participantIds.forEach((id, i) => (model.clustered[i] = keep.has(id)));
  }
  const matrixMs = now() - started;
  model.analysis = refreshAnalysis(model, {
    previous: options.previous ?? null,
    pcaMaxIterations: options.pcaMaxIterations,
    pcaMethod: options.pcaMethod,
    statementOutputs: options.statementOutputs,
    bridging: options.bridging,
    now: options.now,
    matrixMs,
  });
  return model;
}

/** Recomputes the per-row and per-column counts from the matrix (O(votes)). */
function recountRows(model: ConversationModel): void {
  const { matrix } = model;
  model.rowVotes = new Array<number>(matrix.rows).fill(0);
  model.rowIncluded = new Array<number>(matrix.rows).fill(0);
  model.colSum.fill(0);
  model.colCount.fill(0);
  model.counts.fill(0);
  const counts = model.counts;
  const { rowStart, colIndex, values } = matrix.toSparseMatrix();
  for (let i = 0; i < matrix.rows; i++) {
    const g = model.rowGroup[i];
    let included = 0;
    for (let k = rowStart[i]; k < rowStart[i + 1]; k++) {
      const j = colIndex[k];
      const v = values[k];
      model.colSum[j] += v;
      model.colCount[j]++;
      if (!model.excluded[j]) included++;
      const b = j * STRIDE;
      counts[b + EVERYONE + 2]++;
      if (v === -1) counts[b + EVERYONE]++;
      else if (v === 1) counts[b + EVERYONE + 1]++;
      if (g >= 0) {
        counts[b + 3 * g + 2]++;
        if (v === -1) counts[b + 3 * g]++;
        else if (v === 1) counts[b + 3 * g + 1]++;
      }
    }
    model.rowVotes[i] = rowStart[i + 1] - rowStart[i];
    model.rowIncluded[i] = included;
  }
}

/** Moves a row's votes from one group's counts to another's. */
function moveRow(model: ConversationModel, i: number, from: number, to: number): void {
  const counts = model.counts;
  model.matrix.forEachInRow(i, (j, v) => {
    const b = j * STRIDE;
    if (from >= 0) {
      counts[b + 3 * from + 2]--;
      if (v === -1) counts[b + 3 * from]--;
      else if (v === 1) counts[b + 3 * from + 1]--;
    }
    if (to >= 0) {
      counts[b + 3 * to + 2]++;
      if (v === -1) counts[b + 3 * to]++;
      else if (v === 1) counts[b + 3 * to + 1]++;
    }
  });
}

/**
 * Applies a batch of new votes to the model and returns the updated analysis (also left in
 * `model.analysis`). Votes are applied in time order within the batch, after every earlier batch:
 * a re-vote replaces the stored vote. Counts change in O(batch); the PCA is warm-started from the
 * previous components by the Lanczos method, to the same tolerance as a full analysis; base
 * clusters and groups are warm-started from the previous centres with Pol.is's k smoothing; only
 * participants whose group changed have their counts moved. New participants and statements are
 * added as rows and columns. The matrix is compacted when its pending cells exceed 1/16 of it.
 */
export function updateConversationAnalysis(
  model: ConversationModel,
  newVotes: readonly Vote[] | VoteTable,
  options: UpdateOptions = {},
): ConversationAnalysis {
  const now = options.now ?? (() => 0);
  const started = now();
  let moderationChanged = false;
  for (const s of options.statements ?? []) {
    model.statements.set(s.id, s);
    const j = model.colOf.get(s.id);
    if (j !== undefined && model.excluded[j] !== isExcludedStatement(s)) {
      model.excluded[j] = isExcludedStatement(s);
      moderationChanged = true;
    }
  }
  const table = isVoteTable(newVotes) ? newVotes : toVoteTable(newVotes);
  applyVotes(model, table);
  model.bridgingLag += table.participantIds.length;
  if (moderationChanged) recountRows(model);
  if (model.matrix.pending > Math.max(4096, model.matrix.size / 16)) model.matrix.compact();
  model.updates++;
  model.analysis = refreshAnalysis(model, {
    previous: model.state,
    warm: true,
    pcaMaxSteps: options.pcaMaxSteps,
    statementOutputs: options.statementOutputs,
    bridging: options.bridging,
    now: options.now,
    matrixMs: now() - started,
  });
  return model.analysis;
}

interface RefreshOptions {
  previous: AnalysisState | null;
  warm?: boolean;
  pcaMaxIterations?: number;
  pcaMethod?: 'power' | 'lanczos';
  pcaMaxSteps?: number;
  statementOutputs?: boolean;
  bridging?: boolean;
  now?: () => number;
  matrixMs: number;
}

/**
 * Who is clustered ("in-conv", conversation.clj `:in-conv`): everyone with at least
 * min(7, statements) votes, everyone clustered before; when fewer than 15, the top voters are
 * added until there are 15 (ties in row order). Same rule as `selectClusteredParticipants`.
 */
function selectClustered(model: ConversationModel): void {
  const threshold = Math.min(7, model.statementIds.length);
  let n = 0;
  for (let i = 0; i < model.clustered.length; i++) {
    if (!model.clustered[i] && model.rowVotes[i] >= threshold) model.clustered[i] = true;
    if (model.clustered[i]) n++;
  }
  if (n < 15) {
    const rest = model.participantIds.map((_, i) => i).filter((i) => !model.clustered[i]);
    rest.sort((a, b) => model.rowVotes[b] - model.rowVotes[a] || a - b);
    for (const i of rest) {
      if (n >= 15) break;
      model.clustered[i] = true;
      n++;
    }
  }
}

function groupCounts(model: ConversationModel, j: number, groupCount: number): VoteCounts[] {
  const b = j * STRIDE;
  return Array.from({ length: groupCount }, (_, g) => ({
    na: model.counts[b + 3 * g],
    nd: model.counts[b + 3 * g + 1],
    ns: model.counts[b + 3 * g + 2],
  }));
}

function moderationChanged(model: ConversationModel): boolean {
  return model.bridgingExcluded.length !== model.excluded.length || model.excluded.some((x, j) => x !== model.bridgingExcluded[j]);
}

function refreshAnalysis(model: ConversationModel, options: RefreshOptions): ConversationAnalysis {
  const now = options.now ?? (() => 0);
  const timings: Record<string, number> = { matrixMs: options.matrixMs };
  let mark = now();
  const lap = (name: string) => {
    const t = now();
    timings[name] = t - mark;
    mark = t;
  };
  const previous = options.previous;
  const { matrix, statementIds, excluded } = model;
  const cols = statementIds.length;
  selectClustered(model);

  // PCA on every participant (conversation.clj `:pca` uses the whole `:mat`), on the centred,
  // mean-imputed matrix without the excluded columns, warm-started from the previous components.
  const centre = new Float64Array(cols);
  for (let j = 0; j < cols; j++) centre[j] = excluded[j] || model.colCount[j] === 0 ? 0 : model.colSum[j] / model.colCount[j];
  const masked = new Float64Array(cols);
  const apply = (r: Float64Array, out: Float64Array) => {
    for (let j = 0; j < cols; j++) masked[j] = excluded[j] ? 0 : r[j];
    matrix.multiplyCentredGram(centre, masked, out);
    for (let j = 0; j < cols; j++) if (excluded[j]) out[j] = 0;
  };
  const startVectors = previous
    ? previous.components.map((c) => {
        const at = new Map(previous.statementIds.map((id, j) => [id, c[j]]));
        return Float64Array.from(statementIds, (id) => at.get(id) ?? 1);
      })
    : undefined;
  const components = Math.min(2, matrix.rows, cols);
  const pca =
    options.pcaMaxIterations !== undefined ||
    (options.pcaMethod ?? (options.warm || matrix.size >= LANCZOS_MIN_VOTES ? 'lanczos' : 'power')) === 'power'
      ? fitGramPca(cols, apply, centre, { components, startVectors, maxIterations: options.pcaMaxIterations })
      : fitGramPca(cols, apply, centre, { components, startVectors, method: 'lanczos', maxIterations: options.pcaMaxSteps });
  model.pca = pca;
  const [pc1, pc2] = [pca.components[0] ?? new Float64Array(cols), pca.components[1] ?? new Float64Array(cols)];
  const xs = new Float64Array(matrix.rows);
  const ys = new Float64Array(matrix.rows);
  matrix.projectRows(centre, [pc1, pc2], [xs, ys]);
  // Scaled by sqrt(statements / votes), the zeroed excluded columns counting as votes (pca.clj
  // `sparsity-aware-project-ptpt`).
  let excludedCount = 0;
  for (let j = 0; j < cols; j++) if (excluded[j]) excludedCount++;
  for (let i = 0; i < matrix.rows; i++) {
    const scale = Math.sqrt(cols / Math.max(model.rowIncluded[i] + excludedCount, 1));
    xs[i] *= scale;
    ys[i] *= scale;
  }
  const statementPositions = projectStatements(pca);
  lap('pcaMs');

  const clusteredRows: number[] = [];
  for (let i = 0; i < matrix.rows; i++) if (model.clustered[i]) clusteredRows.push(i);
  const base = computeBaseClusters2d(
    Float64Array.from(clusteredRows, (i) => xs[i]),
    Float64Array.from(clusteredRows, (i) => ys[i]),
    previous?.baseCentres,
  );
  const clusterings = computeGroupClusterings(base, {
    seed: model.seed,
    restarts: model.restarts,
    previous: previous ? new Map(Object.entries(previous.groupCentres).map(([k, c]) => [Number(k), c])) : undefined,
  });
  const bestK = clusterings.length > 0 ? selectBestK(clusterings) : 1;
  const kSmoother = smoothGroupCount(previous?.kSmoother ?? null, bestK);
  const chosen = clusterings.find((c) => c.k === kSmoother.smoothedK) ?? clusterings.find((c) => c.k === bestK);
  const baseLabels = chosen ? chosen.labels : base.members.map(() => 0);
  const groupCount = chosen ? chosen.k : 1;
  const nextGroup = new Int32Array(matrix.rows).fill(-1);
  base.members.forEach((members, b) => members.forEach((p) => (nextGroup[clusteredRows[p]] = baseLabels[b])));
  for (let i = 0; i < matrix.rows; i++)
    if (nextGroup[i] !== model.rowGroup[i]) {
      moveRow(model, i, model.rowGroup[i], nextGroup[i]);
      model.rowGroup[i] = nextGroup[i];
    }
  lap('clusteringMs');

  // Rows in ascending participant id for the outputs (appended rows may break the order).
  let rowOrder = clusteredRows;
  for (let t = 1; t < clusteredRows.length; t++)
    if (model.participantIds[clusteredRows[t]] < model.participantIds[clusteredRows[t - 1]]) {
      rowOrder = [...clusteredRows].sort((a, b) => model.participantIds[a] - model.participantIds[b]);
      break;
    }

  const full = options.statementOutputs !== false;
  // Representativeness and consensus over the statements not excluded (conversation.clj `:repness`,
  // `:consensus`); their counts equal those of Pol.is's rating matrix there.
  const included = full ? statementIds.map((_, j) => j).filter((j) => !excluded[j]) : [];
  const perStatement = included.map((j) => computeGroupStatementStats(groupCounts(model, j, groupCount)));
  const groups = Array.from({ length: groupCount }, (_, g) => ({
    id: g,
    members: rowOrder.filter((i) => model.rowGroup[i] === g).map((i) => model.participantIds[i]),
    repness: full
      ? selectRepresentativeStatements(
          included.map((j) => statementIds[j]),
          perStatement.map((s) => s[g]),
        )
      : [],
  }));
  const consensus = selectConsensusStatements(
    included.map((j) => statementIds[j]),
    included.map((j) => {
      const b = j * STRIDE + EVERYONE;
      return computeStatementStats({ na: model.counts[b], nd: model.counts[b + 1], ns: model.counts[b + 2] });
    }),
  );
  // Group-informed consensus and priorities count raw votes of the grouped (conversation.clj `votes-base`).
  const groupInformedConsensus: Record<string, number> = {};
  const priorities: Record<string, number> = {};
  if (full)
    statementIds.forEach((id, j) => {
      const counts = groupCounts(model, j, groupCount);
      groupInformedConsensus[id] = computeGroupInformedConsensus(counts);
      const total = counts.reduce((t, c) => ({ na: t.na + c.na, nd: t.nd + c.nd, ns: t.ns + c.ns }), { na: 0, nd: 0, ns: 0 });
      priorities[id] = computePriority(
        !!model.statements.get(id)?.isMeta,
        total.na,
        total.ns - total.na - total.nd,
        total.ns,
        statementPositions.extremity[j],
      );
    });
  // Bridging (Community Notes matrix factorisation) over every participant's agrees and disagrees on
  // the included statements.
  let bridging: BridgingStatement[] = [];
  const large = matrix.size >= LANCZOS_MIN_VOTES;
  const keepBridging =
    options.warm && large && model.bridgingModel !== null && !moderationChanged(model) && model.bridgingLag < BRIDGING_REFIT_SHARE * matrix.size;
  if (full && options.bridging !== false && keepBridging) bridging = model.bridgingRanking;
  else if (full && options.bridging !== false) {
    // Below LANCZOS_MIN_VOTES the fit runs to its tolerance from a fixed start. Above, a full
    // analysis runs BRIDGING_LARGE_SWEEPS sweeps and an update BRIDGING_UPDATE_SWEEPS from the
    // previous fit: scores then trail the converged ones (see the scale tests).
    const warm = options.warm && model.bridgingModel ? model.bridgingModel : undefined;
    const fitted = fitBridgingModel(matrix.toSparseMatrix(), included, {
      initialStatementFactors: pca.components[0],
      initial: warm,
      maxIterations: large ? (warm ? BRIDGING_UPDATE_SWEEPS : BRIDGING_LARGE_SWEEPS) : undefined,
    });
    model.bridgingModel = fitted;
    bridging = model.bridgingRanking = rankFittedBridging(fitted, statementIds, included);
    model.bridgingLag = 0;
    model.bridgingExcluded = excluded.slice();
  }
  lap('statementsMs');

  const state: AnalysisState = {
    components: pca.components.map((c) => [...c]),
    statementIds: [...statementIds],
    baseCentres: base.centres,
    groupCentres: Object.fromEntries(clusterings.map((c) => [c.k, c.centres])),
    kSmoother,
    clustered: rowOrder.map((i) => model.participantIds[i]),
  };
  model.state = state;
  return {
    participants: rowOrder.map((i) => ({ id: model.participantIds[i], group: model.rowGroup[i], x: xs[i], y: ys[i] })),
    groups,
    consensus,
    groupInformedConsensus,
    bridging,
    ...(model.updates > 0 ? { bridgingLag: model.bridgingLag } : {}),
    priorities,
    statements: statementIds.map((id, j) => ({
      id,
      x: statementPositions.x[j],
      y: statementPositions.y[j],
      extremity: statementPositions.extremity[j],
      excluded: excluded[j],
    })),
    pca: { statementIds: [...statementIds], centre: [...pca.centre], components: pca.components.map((c) => [...c]), eigenvalues: pca.eigenvalues },
    k: { chosen: groupCount, best: bestK, silhouettes: Object.fromEntries(clusterings.map((c) => [c.k, c.silhouette])) },
    counts: {
      participants: matrix.rows,
      statements: cols,
      votes: matrix.size,
      clustered: clusteredRows.length,
      baseClusters: base.centres.length,
    },
    timings,
    state,
  };
}

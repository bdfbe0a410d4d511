import { fitImputedPca } from '../../../math/pca.js';
import { dropColumns } from '../../../math/sparse-matrix.js';
import { rankBridgingStatements, type BridgingStatement } from './bridging.js';
import { countVotesByGroup, computeGroupInformedConsensus, computePriority } from './consensus.js';
import { computeBaseClusters, computeGroupClusterings, selectBestK, smoothGroupCount, type KSmoother } from './opinion-groups.js';
import { projectParticipants, projectStatements } from './projection.js';
import {
  computeGroupStatementStats,
  computeStatementStats,
  selectConsensusStatements,
  selectRepresentativeStatements,
  type ConsensusStatement,
  type RepresentativeStatement,
} from './repness.js';
import type { Statement, Vote } from './types.js';
import { buildVoteMatrix, selectClusteredParticipants } from './vote-matrix.js';

/** What one update carries to the next (Pol.is's warm starts and k smoothing). */
export interface AnalysisState {
  components: number[][];
  statementIds: number[];
  baseCentres: number[][];
  groupCentres: Record<number, number[][]>;
  kSmoother: KSmoother;
  clustered: number[];
}

/** Options of `analyzeConversation`. */
export interface AnalyzeOptions {
  /** Seeds the k-means++ restarts of the group clustering. */
  seed?: number;
  /** Seeded restarts per k (besides the deterministic and warm starts). */
  restarts?: number;
  /** The previous update's state, for warm starts and k smoothing. */
  previous?: AnalysisState | null;
  /**
   * Power iterations per component (default: to convergence). Pol.is runs at most 100 per update
   * from the previous components (pca.clj `powerit-pca`); a replay does so on the updates before
   * the last.
   */
  pcaMaxIterations?: number;
  /**
   * Compute the per-statement outputs: repness, consensus, group-informed consensus, priorities and
   * bridging (default true). A replay leaves them out on the updates before the last, which only
   * need to carry the state forward; they are then empty.
   */
  statementOutputs?: boolean;
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
  priorities: Record<string, number>;
  statements: { id: number; x: number; y: number; extremity: number; excluded: boolean }[];
  pca: { statementIds: number[]; centre: number[]; components: number[][]; eigenvalues: number[] };
  k: { chosen: number; best: number; silhouettes: Record<string, number> };
  counts: { participants: number; statements: number; votes: number; clustered: number; baseClusters: number };
  timings: Record<string, number>;
  state: AnalysisState;
}

/**
 * Runs Pol.is's pipeline on a conversation's votes (compdemocracy/polis
 * math/src/polismath/math/conversation.clj, `small-conv-update-graph`): vote matrix, who is
 * clustered, PCA on everyone, scaled projection, base clusters, groups chosen by silhouette with
 * k smoothing, representativeness, consensus, group-informed consensus and priorities.
 * Deterministic for a given seed.
 */
export function analyzeConversation(statements: readonly Statement[], votes: readonly Vote[], options: AnalyzeOptions = {}): ConversationAnalysis {
  const now = options.now ?? (() => 0);
  const timings: Record<string, number> = {};
  let mark = now();
  const lap = (name: string) => {
    const t = now();
    timings[name] = t - mark;
    mark = t;
  };
  const previous = options.previous ?? null;

  const matrix = buildVoteMatrix(votes, statements);
  const excluded = new Set(matrix.excludedColumns);
  const clustered = selectClusteredParticipants(matrix, new Set(previous?.clustered ?? []));
  lap('matrixMs');

  // PCA on every participant (conversation.clj `:pca` uses the whole `:mat`), warm-started from
  // the previous components mapped onto today's columns.
  const startVectors = previous
    ? previous.components.map((c) => {
        const at = new Map(previous.statementIds.map((id, j) => [id, c[j]]));
        return Float64Array.from(matrix.statementIds, (id) => at.get(id) ?? 1);
      })
    : undefined;
  // The zeroed columns of moderated-out statements are 0 after centring (their mean is 0), so they
  // add nothing to XᵀX: the PCA is fitted on the matrix without them, the same result at a fraction
  // of the work when many statements are moderated out; the projection still counts them as votes.
  const pca = fitImputedPca(dropColumns(matrix.rating, matrix.excludedColumns), {
    components: 2,
    startVectors,
    maxIterations: options.pcaMaxIterations,
  });
  const positions = projectParticipants(matrix.rating, pca);
  const statementPositions = projectStatements(pca);
  lap('pcaMs');

  const clusteredRows = matrix.participantIds.map((_, i) => i).filter((i) => clustered[i]);
  const points = clusteredRows.map((i) => [positions.x[i], positions.y[i]]);
  const base = computeBaseClusters(points, previous?.baseCentres);
  const clusterings = computeGroupClusterings(base, {
    seed: options.seed ?? 0,
    restarts: options.restarts ?? 24,
    previous: previous ? new Map(Object.entries(previous.groupCentres).map(([k, c]) => [Number(k), c])) : undefined,
  });
  const bestK = clusterings.length > 0 ? selectBestK(clusterings) : 1;
  const kSmoother = smoothGroupCount(previous?.kSmoother ?? null, bestK);
  const chosen = clusterings.find((c) => c.k === kSmoother.smoothedK) ?? clusterings.find((c) => c.k === bestK);
  const baseLabels = chosen ? chosen.labels : base.members.map(() => 0);
  const groupCount = chosen ? chosen.k : 1;
  const rowGroup = new Int32Array(matrix.participantIds.length).fill(-1);
  base.members.forEach((members, b) => members.forEach((p) => (rowGroup[clusteredRows[p]] = baseLabels[b])));
  lap('clusteringMs');

  // Representativeness over the rating matrix, moderated-out statements left out (conversation.clj `:repness`).
  const full = options.statementOutputs !== false;
  const included = full ? matrix.statementIds.map((_, j) => j).filter((j) => !excluded.has(j)) : [];
  const groupCounts = countVotesByGroup(matrix.rating, rowGroup, groupCount);
  const perStatement = included.map((j) => computeGroupStatementStats(groupCounts[j]));
  const groups = Array.from({ length: groupCount }, (_, g) => ({
    id: g,
    members: clusteredRows.filter((i) => rowGroup[i] === g).map((i) => matrix.participantIds[i]),
    repness: selectRepresentativeStatements(
      included.map((j) => matrix.statementIds[j]),
      perStatement.map((s) => s[g]),
    ),
  }));
  // Consensus over everyone in the rating matrix (conversation.clj `:consensus`).
  const everyone = countVotesByGroup(matrix.rating, new Int32Array(matrix.participantIds.length), 1);
  const consensus = selectConsensusStatements(
    included.map((j) => matrix.statementIds[j]),
    included.map((j) => computeStatementStats(everyone[j][0])),
  );
  // Group-informed consensus and priorities count raw votes of the grouped (conversation.clj `votes-base`).
  const rawCounts = countVotesByGroup(matrix.raw, rowGroup, groupCount);
  const groupInformedConsensus: Record<string, number> = {};
  const priorities: Record<string, number> = {};
  const metaIds = new Set(statements.filter((s) => s.isMeta).map((s) => s.id));
  matrix.statementIds.forEach((id, j) => {
    if (!full) return;
    groupInformedConsensus[id] = computeGroupInformedConsensus(rawCounts[j]);
    const total = rawCounts[j].reduce((t, c) => ({ na: t.na + c.na, nd: t.nd + c.nd, ns: t.ns + c.ns }), { na: 0, nd: 0, ns: 0 });
    priorities[id] = computePriority(metaIds.has(id), total.na, total.ns - total.na - total.nd, total.ns, statementPositions.extremity[j]);
  });
  // Bridging (Community Notes matrix factorisation) over every participant's agrees and disagrees on
  // the included statements.
  const bridging = !full ? [] : rankBridgingStatements(matrix.raw, matrix.statementIds, included, { initialStatementFactors: pca.components[0] });
  lap('statementsMs');

  return {
    participants: clusteredRows.map((i) => ({ id: matrix.participantIds[i], group: rowGroup[i], x: positions.x[i], y: positions.y[i] })),
    groups,
    consensus,
    groupInformedConsensus,
    bridging,
    priorities,
    statements: matrix.statementIds.map((id, j) => ({
      id,
      x: statementPositions.x[j],
      y: statementPositions.y[j],
      extremity: statementPositions.extremity[j],
      excluded: excluded.has(j),
    })),
    pca: { statementIds: matrix.statementIds, centre: [...pca.centre], components: pca.components.map((c) => [...c]), eigenvalues: pca.eigenvalues },
    k: { chosen: groupCount, best: bestK, silhouettes: Object.fromEntries(clusterings.map((c) => [c.k, c.silhouette])) },
    counts: {
      participants: matrix.participantIds.length,
      statements: matrix.statementIds.length,
      votes: matrix.raw.values.length,
      clustered: clusteredRows.length,
      baseClusters: base.centres.length,
    },
    timings,
    state: {
      components: pca.components.map((c) => [...c]),
      statementIds: matrix.statementIds,
      baseCentres: base.centres,
      groupCentres: Object.fromEntries(clusterings.map((c) => [c.k, c.centres])),
      kSmoother,
      clustered: clusteredRows.map((i) => matrix.participantIds[i]),
    },
  };
}

/** Every participant's 2-D position (clustered or not), for checks against an export's groups. */
export function computeLayout(statements: readonly Statement[], votes: readonly Vote[]): Map<number, [number, number]> {
  const matrix = buildVoteMatrix(votes, statements);
  const pca = fitImputedPca(dropColumns(matrix.rating, matrix.excludedColumns), { components: 2 });
  const p = projectParticipants(matrix.rating, pca);
  return new Map(matrix.participantIds.map((id, i) => [id, [p.x[i], p.y[i]]]));
}

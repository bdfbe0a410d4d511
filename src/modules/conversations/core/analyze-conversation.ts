import { fitImputedPca } from '../../../math/pca.js';
import { dropColumns } from '../../../math/sparse-matrix.js';
import { buildConversationModel, type AnalyzeOptions, type ConversationAnalysis } from './conversation-model.js';
import { projectParticipants } from './projection.js';
import type { Statement, Vote } from './types.js';
import { buildVoteMatrix } from './vote-matrix.js';
import type { VoteTable } from './vote-table.js';

export type { AnalysisState, AnalyzeOptions, ConversationAnalysis } from './conversation-model.js';

/**
 * Runs Pol.is's pipeline on a conversation's votes (compdemocracy/polis
 * math/src/polismath/math/conversation.clj, `small-conv-update-graph`): vote matrix, who is
 * clustered, PCA on everyone, scaled projection, base clusters, groups chosen by silhouette with
 * k smoothing, representativeness, consensus, group-informed consensus and priorities.
 * Deterministic for a given seed. Votes may come as `Vote` objects or as a `VoteTable` (columns);
 * see conversation-model.ts for the storage that makes it scale, and `buildConversationModel` to
 * keep the model for incremental updates.
 */
export function analyzeConversation(
  statements: readonly Statement[],
  votes: readonly Vote[] | VoteTable,
  options: AnalyzeOptions = {},
): ConversationAnalysis {
  return buildConversationModel(statements, votes, options).analysis;
}

/** Every participant's 2-D position (clustered or not), for checks against an export's groups. */
export function computeLayout(statements: readonly Statement[], votes: readonly Vote[]): Map<number, [number, number]> {
  const matrix = buildVoteMatrix(votes, statements);
  const pca = fitImputedPca(dropColumns(matrix.rating, matrix.excludedColumns), { components: 2 });
  const p = projectParticipants(matrix.rating, pca);
  return new Map(matrix.participantIds.map((id, i) => [id, [p.x[i], p.y[i]]]));
}

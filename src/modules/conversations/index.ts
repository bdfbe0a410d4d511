import type { ModuleManifest } from '../../db/context.js';

export {
  analyzePolisFolder,
  exportPolisFolder,
  registerConversationsCommands,
  type AnalyzeFolderOptions,
  type AnalyzeOutput,
} from './analyze-command.js';
export {
  analyzeConversation,
  computeLayout,
  type AnalysisState,
  type AnalyzeOptions,
  type ConversationAnalysis,
} from './core/analyze-conversation.js';
export {
  BRIDGING_FACTOR_LAMBDA,
  BRIDGING_INTERCEPT_LAMBDA,
  fitBridgingModel,
  rankBridgingStatements,
  type BridgingModel,
  type BridgingOptions,
  type BridgingStatement,
} from './core/bridging.js';
export {
  DEFAULT_REPLAY_BATCH,
  POLIS_PCA_ITERATIONS,
  replayConversation,
  type ReplayOptions,
  type ReplayResult,
  type ReplayStep,
} from './core/replay.js';
export { computeGroupInformedConsensus, computePriority, countVotesByGroup } from './core/consensus.js';
export type { RepresentativeStatement, ConsensusStatement } from './core/repness.js';
export type { Statement, Vote, VoteValue } from './core/types.js';
export { buildVoteMatrix, type VoteMatrix } from './core/vote-matrix.js';
export { explainGroupMembership, WHY_LIMIT, type WhyOptions } from './core/why-in-group.js';
export { parseCsv, readPolisFolder, type PolisExport, type PolisParticipant, type PolisStatement } from './formats/polis-csv.js';
export {
  CURRENT_POLIS_LAYOUT,
  csvField,
  participantMaps,
  polisDatetime,
  polisLayoutOf,
  writePolisExport,
  type PolisExportFiles,
  type PolisExportInput,
  type PolisLayout,
} from './formats/polis-csv-writer.js';

/** Conversations: open conversations that map opinion groups, as Pol.is does (issue 3). Mathematics and command line so far. */
export const conversationsModule: ModuleManifest = {
  id: 'conversations',
};

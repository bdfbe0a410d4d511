import type { ModuleManifest } from '../../db/context.js';
import { ANALYSIS_JOB, refreshConversationAnalysis } from './commands/update-analysis.js';
import { deleteConversationData, exportConversationData } from './commands/personal-data.js';
import { conversationPermissions, registerConversationsApi } from './routes/api.js';
import { registerConversationRoutes } from './routes/files-and-events.js';
import { seedConversations } from './seed/demo.js';
import { countStatementsToModerate, listConversations } from './store/conversations.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

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
  buildConversationModel,
  LANCZOS_MIN_VOTES,
  updateConversationAnalysis,
  type ConversationModel,
  type UpdateOptions,
} from './core/conversation-model.js';
export { toVoteTable, type VoteTable } from './core/vote-table.js';
export { generateSyntheticConversation, type SyntheticConversation, type SyntheticSpec } from './core/synthetic-conversation.js';
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
export { parseCsv, readPolisFiles, readPolisFolder, type PolisExport, type PolisParticipant, type PolisStatement } from './formats/polis-csv.js';
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

export { createConversation, updateConversation } from './commands/save-conversation.js';
export { importPolisConversation } from './commands/import-polis.js';
export { castVote } from './commands/cast-vote.js';
export { refreshConversationAnalysis, type ConversationReport } from './commands/update-analysis.js';

const page = (path: string, file: string) => ({ path, file: `../modules/conversations/ui/${file}` });

/** Conversations: open conversations that map opinion groups, as Pol.is does (issue 3). */
export const conversationsModule: ModuleManifest = {
  id: 'conversations',
  permissions: conversationPermissions,
  nav: [
    {
      id: 'conversations',
      label: 'conversations.nav',
      href: '/conversations',
      area: 'main',
      description: 'conversations.nav.description',
      order: 20,
    },
    {
      id: 'conversations-new',
      label: 'conversations.new.title',
      href: '/conversations/new',
      area: 'admin',
      permission: 'conversations.create',
      order: 30,
    },
  ],
  api: registerConversationsApi,
  routes: registerConversationRoutes,
  bodyRoutes: [
    { path: '/api/v1/conversations/import', kind: 'import' },
    { path: '/conversations/import', kind: 'import' },
  ],
  jobs: {
    [ANALYSIS_JOB]: async (deps, job) => {
      const conversationId = (job.payload as { conversationId?: string }).conversationId;
      if (job.siteId && conversationId) await refreshConversationAnalysis(deps, job.siteId, conversationId);
    },
  },
  pages: [
    page('conversations', 'conversations-page.tsx'),
    page('conversations/new', 'conversation-edit-page.tsx'),
    page('conversations/import', 'import-page.tsx'),
    page('conversations/:slug', 'conversation-page.tsx'),
    page('conversations/:slug/embed', 'embed-page.tsx'),
    page('conversations/:slug/report', 'report-page.tsx'),
    page('conversations/:slug/moderate', 'moderate-page.tsx'),
    page('conversations/:slug/edit', 'conversation-edit-page.tsx'),
  ],
  seed: seedConversations,
  waiting: async (deps, siteId) =>
    (await countStatementsToModerate(deps.db, siteId)).map((c) => ({
      id: `conversations-moderate-${c.slug}`,
      label: 'conversations.waits.statements',
      count: c.count,
      href: `/conversations/${c.slug}/moderate`,
      permission: 'conversations.moderate',
      values: { topic: c.topic },
    })),
  exportUserData: exportConversationData,
  deleteUserData: deleteConversationData,
  sitemap: async (deps, siteId) => {
    const rows = await listConversations(deps.db, siteId);
    return [{ path: '/conversations' }, ...rows.flatMap((c) => [{ path: `/conversations/${c.slug}`, lastmod: c.updatedAt }])];
  },
  messages: { en, es, fr, pt, uk },
};

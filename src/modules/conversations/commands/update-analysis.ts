import type { Deps } from '../../../db/context.js';
import { enqueueJob } from '../../../db/jobs.js';
import type { ConversationAnalysis } from '../core/analyze-conversation.js';
import { buildConversationModel, updateConversationAnalysis, type ConversationModel } from '../core/conversation-model.js';
import type { RepresentativeStatement, ConsensusStatement } from '../core/repness.js';
import type { BridgingStatement } from '../core/bridging.js';
import { explainGroupMembership } from '../core/why-in-group.js';
import type { Statement, Vote } from '../core/types.js';
import {
  analysisStamp,
  findAnalysis,
  findAnalysisState,
  findConversationById,
  listStatements,
  listVotes,
  listVotesSince,
  statementsForMath,
  voteActivity,
} from '../store/conversations.js';
import { conversationAnalyses } from '../store/tables.js';

/** The job that brings a conversation's analysis up to date after a batch of votes or a moderation. */
export const ANALYSIS_JOB = 'conversations.analyze';

/** Votes of one statement overall and per opinion group. */
export interface StatementTally {
  agree: number;
  disagree: number;
  pass: number;
}

/** What the report page, the participation page and the API read: the analysis of one moment. */
export interface ConversationReport {
  revision: number;
  computedAt: string;
  lastVoteAt: string | null;
  counts: { participants: number; voters: number; statements: number; votes: number; clustered: number };
  k: { chosen: number; best: number; silhouettes: Record<string, number> };
  participants: { id: number; group: number; x: number; y: number }[];
  groups: { id: number; size: number; repness: RepresentativeStatement[] }[];
  consensus: { agree: ConsensusStatement[]; disagree: ConsensusStatement[] };
  groupInformedConsensus: Record<string, number>;
  bridging: BridgingStatement[];
  priorities: Record<string, number>;
  statements: { id: number; x: number; y: number; extremity: number; excluded: boolean; total: StatementTally; groups: StatementTally[] }[];
  /** For each clustered participant, the statements on which they side with their group most. */
  why: Record<string, number[]>;
  timings: Record<string, number>;
}

/** Counts agree / disagree / pass per statement, overall and per group (participants in no group count only overall). */
export function tallyVotes(
  votes: readonly Vote[],
  groupOf: ReadonlyMap<number, number>,
  groupCount: number,
): Map<number, { total: StatementTally; groups: StatementTally[] }> {
  const out = new Map<number, { total: StatementTally; groups: StatementTally[] }>();
  const add = (t: StatementTally, value: number) => {
    if (value < 0) t.agree++;
    else if (value > 0) t.disagree++;
    else t.pass++;
  };
  for (const v of votes) {
    let entry = out.get(v.statementId);
    if (!entry) {
      entry = { total: { agree: 0, disagree: 0, pass: 0 }, groups: Array.from({ length: groupCount }, () => ({ agree: 0, disagree: 0, pass: 0 })) };
      out.set(v.statementId, entry);
    }
    add(entry.total, v.value);
    const g = groupOf.get(v.participantId);
    if (g !== undefined && g >= 0 && g < groupCount) add(entry.groups[g], v.value);
  }
  return out;
}

/** A conversation's incremental model kept in a worker process between updates. */
interface LiveModel {
  model: ConversationModel;
  /** Every current vote, by participant and statement, for the tallies and "why" (which need the votes themselves). */
  votes: Map<number, Vote>;
  /** The time of the latest vote applied: the next update reads votes stored from then on. */
  since: Date;
}

/** Models kept per process (least recently used dropped first). */
const MODELS_KEPT = 20;
const MODELS_KEY = 'conversations:models';

const voteKey = (v: Vote) => v.participantId * 1_048_576 + v.statementId;

function modelsOf(deps: Deps): Map<string, LiveModel> {
  let models = deps.memo.get(MODELS_KEY) as Map<string, LiveModel> | undefined;
  if (!models) deps.memo.set(MODELS_KEY, (models = new Map()));
  return models;
}

/**
 * Brings the stored analysis of a conversation up to date after a batch of votes, statements or
 * moderation (or when `force`d). The first update in a process builds the model from every vote,
 * warm-started from the stored state; later ones apply only the votes stored since the last
 * (core `updateConversationAnalysis`: counts in O(batch), warm-started PCA and clusters), so an
 * update costs the batch rather than the conversation. Votes are state (the latest per
 * participant and statement), so a model that missed updates made by another worker catches up
 * by reading everything since its own last vote. Returns the report, or null when the
 * conversation is gone.
 */
export async function refreshConversationAnalysis(
  deps: Deps,
  siteId: string,
  conversationId: string,
  opts: { force?: boolean } = {},
): Promise<ConversationReport | null> {
  const conversation = await findConversationById(deps.db, siteId, conversationId);
  if (!conversation) return null;
  // The stored report is parsed once per process per analysis (loadReport); the warm-start state
  // is read only when a model has to be built.
  const previousReport = await loadReport(deps, siteId, conversationId);
  const activity = await voteActivity(deps.db, siteId, conversationId);
  const lastVoteAt = activity.lastVoteAt?.toISOString() ?? null;
  if (
    !opts.force &&
    previousReport &&
    previousReport.revision === conversation.revision &&
    previousReport.lastVoteAt === lastVoteAt &&
    previousReport.counts.votes === activity.votes
  )
    return previousReport;

  const started = performance.now();
  const now = () => performance.now();
  const statementRows = await listStatements(deps.db, siteId, conversationId);
  const statements = statementsForMath(statementRows);
  const models = modelsOf(deps);
  let live = opts.force ? undefined : models.get(conversationId);
  models.delete(conversationId);
  let analysis: ConversationAnalysis | null = null;
  if (live) {
    const fresh = await listVotesSince(deps.db, siteId, conversationId, live.since);
    for (const v of fresh) live.votes.set(voteKey(v), v);
    if (fresh.length) live.since = new Date(fresh[fresh.length - 1].at);
    analysis = updateConversationAnalysis(live.model, fresh, { statements, now });
  } else {
    const votes = await listVotes(deps.db, siteId, conversationId);
    if (votes.length > 0 && statements.length > 0) {
      const model = buildConversationModel(statements, votes, { previous: await findAnalysisState(deps.db, siteId, conversationId), now });
      live = { model, votes: new Map(votes.map((v) => [voteKey(v), v])), since: new Date(votes.reduce((m, v) => Math.max(m, v.at), 0)) };
      analysis = model.analysis;
    }
  }
  if (live) {
    models.set(conversationId, live);
    while (models.size > MODELS_KEPT) models.delete(models.keys().next().value!);
  }
  const body = analysis ? presentAnalysis(analysis, statements, [...live!.votes.values()]) : emptyReport(statements.length);
  const computedAt = deps.clock.now();
  const stored: ConversationReport = {
    ...body,
    revision: conversation.revision,
    computedAt: computedAt.toISOString(),
    lastVoteAt,
    counts: { ...body.counts, participants: conversation.nextParticipant, voters: activity.voters },
    timings: { ...body.timings, totalMs: performance.now() - started },
  };
  const values = {
    conversationId,
    siteId,
    revision: conversation.revision,
    report: stored as unknown as Record<string, unknown>,
    state: (analysis?.state ?? (await findAnalysisState(deps.db, siteId, conversationId)) ?? {}) as unknown as Record<string, unknown>,
    computedAt,
  };
  await deps.db.insert(conversationAnalyses).values(values).onConflictDoUpdate({ target: conversationAnalyses.conversationId, set: values });
  deps.memo.delete(`conversations:analysis:${conversationId}`);
  return stored;
}

type ReportBody = Omit<ConversationReport, 'revision' | 'computedAt' | 'lastVoteAt'>;

function emptyReport(statements: number): ReportBody {
  return {
    counts: { participants: 0, voters: 0, statements, votes: 0, clustered: 0 },
    k: { chosen: 0, best: 0, silhouettes: {} },
    participants: [],
    groups: [],
    consensus: { agree: [], disagree: [] },
    groupInformedConsensus: {},
    bridging: [],
    priorities: {},
    statements: [],
    why: {},
    timings: {},
  };
}

/** The report of an analysis: the core's result with vote tallies per statement and group, and each participant's "why". */
export function presentAnalysis(analysis: ConversationAnalysis, statements: readonly Statement[], votes: readonly Vote[]): ReportBody {
  const groupOf = new Map(analysis.participants.map((p) => [p.id, p.group]));
  const groupCount = analysis.groups.length;
  const tallies = tallyVotes(votes, groupOf, groupCount);
  const why = explainGroupMembership(statements, votes, analysis.participants);
  const zero = () => ({ agree: 0, disagree: 0, pass: 0 });
  return {
    counts: { ...analysis.counts, voters: 0 },
    k: analysis.k,
    participants: analysis.participants,
    groups: analysis.groups.map((g) => ({ id: g.id, size: g.members.length, repness: g.repness })),
    consensus: analysis.consensus,
    groupInformedConsensus: analysis.groupInformedConsensus,
    bridging: analysis.bridging,
    priorities: analysis.priorities,
    statements: analysis.statements.map((s) => {
      const t = tallies.get(s.id);
      return { ...s, total: t?.total ?? zero(), groups: t?.groups ?? Array.from({ length: groupCount }, zero) };
    }),
    why: Object.fromEntries([...why].map(([pid, ids]) => [String(pid), ids])),
    timings: analysis.timings,
  };
}

/**
 * The latest report of a conversation, parsed once per process per analysis (keyed by the
 * analysis's revision and time, so several processes stay correct).
 */
export async function loadReport(deps: Deps, siteId: string, conversationId: string): Promise<ConversationReport | null> {
  const stamp = await analysisStamp(deps.db, siteId, conversationId);
  if (!stamp) return null;
  const key = `conversations:analysis:${conversationId}`;
  const hit = deps.memo.get(key) as { stamp: string; report: ConversationReport } | undefined;
  if (hit && hit.stamp === stamp) return hit.report;
  const row = await findAnalysis(deps.db, siteId, conversationId);
  if (!row) return null;
  const report = row.report as unknown as ConversationReport;
  deps.memo.set(key, { stamp, report });
  return report;
}

/** Votes within this many milliseconds share one analysis update. */
export const ANALYSIS_BATCH_MS = 300;

/**
 * Queues an analysis update after a vote, statement or moderation. The job is due
 * ANALYSIS_BATCH_MS later, and votes arriving before it is due share it (it reads the votes when
 * it runs), so the pipeline runs once per batch of votes, as Pol.is's math worker polls new votes
 * every second, rather than once per vote. A job is never claimed before it is due, so skipping
 * while one is pending cannot miss a vote.
 */
export async function scheduleAnalysis(deps: Deps, siteId: string, conversationId: string): Promise<void> {
  const key = `conversations:scheduled:${conversationId}`;
  const now = deps.clock.now().getTime();
  const due = deps.memo.get(key) as number | undefined;
  // A margin of 50 ms for clocks of other processes that may claim the job.
  if (due !== undefined && now < due - 50) return;
  const runAt = now + ANALYSIS_BATCH_MS;
  deps.memo.set(key, runAt);
  await enqueueJob(deps.db, deps.clock, { kind: ANALYSIS_JOB, siteId, payload: { conversationId }, runAt: new Date(runAt), maxAttempts: 3 });
}

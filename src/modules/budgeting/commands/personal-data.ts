import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError } from '../../../kernel/errors.js';
import { isVotingOpen } from '../core/phases.js';
import {
  budgetingBallots,
  budgetingProcesses,
  budgetingProjectImages,
  budgetingProjects,
  budgetingVotingCodes,
  type ProcessRow,
} from '../store/tables.js';

/** What budgeting holds about a person, for "download my data": their ballots (online, or with a code bound to them) and their proposals. */
export async function exportBudgetingData(deps: Deps, siteId: string, userId: string): Promise<unknown> {
  const ballots = await deps.db
    .select({
      processId: budgetingBallots.processId,
      districtId: budgetingBallots.districtId,
      choices: budgetingBallots.choices,
      updatedAt: budgetingBallots.updatedAt,
    })
    .from(budgetingBallots)
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.userId, userId)));
  const proposals = await deps.db
    .select({
      processId: budgetingProjects.processId,
      code: budgetingProjects.code,
      title: budgetingProjects.title,
      status: budgetingProjects.status,
    })
    .from(budgetingProjects)
    .where(and(eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.proposedBy, userId)));
  return { ballots, proposals };
}

/**
 * On account deletion: ballots stay counted (results must stay recomputable) but no longer name the
 * person; voting codes are unbound; proposals and images lose their author.
 */
export async function deleteBudgetingData(deps: Deps, siteId: string, userId: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await tx
      .update(budgetingBallots)
      .set({
        userId: null,
        // A code's ballot keeps its key (it names the code, not the person), so the code still votes once.
        voterKey: sql`case when ${budgetingBallots.voterKey} like 'user:%' then 'deleted:' || ${budgetingBallots.id}::text else ${budgetingBallots.voterKey} end`,
      })
      .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.userId, userId)));
    await tx
      .update(budgetingProjectImages)
      .set({ addedBy: null })
      .where(and(eq(budgetingProjectImages.siteId, siteId), eq(budgetingProjectImages.addedBy, userId)));
    await tx
      .update(budgetingVotingCodes)
      .set({ userId: null })
      .where(and(eq(budgetingVotingCodes.siteId, siteId), eq(budgetingVotingCodes.userId, userId)));
    await tx
      .update(budgetingProjects)
      .set({ proposedBy: null })
      .where(and(eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.proposedBy, userId)));
  });
}

/** Closes voting now (an admin's "close voting"): the voting phase ends at this instant. */
export async function closeVoting(deps: Deps, siteId: string, process: ProcessRow): Promise<void> {
  const now = deps.clock.now();
  if (!isVotingOpen(process.phases, now) || process.locked)
    throw new AppError('invalid_state', 'Voting is not open.', {
      fields: { phase: 'voting is not open' },
      reasons: { phase: { reason: 'budgeting_voting_closed' } },
      reason: { reason: 'budgeting_voting_closed' },
    });
  const phases = { ...process.phases, voting: { ...process.phases.voting, end: now.toISOString() } };
  await deps.db
    .update(budgetingProcesses)
    .set({ phases, updatedAt: now })
    .where(and(eq(budgetingProcesses.siteId, siteId), eq(budgetingProcesses.id, process.id)));
}

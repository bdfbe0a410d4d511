import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { computePhase, hasVotingStarted } from '../core/phases.js';
import { findProject, listCategories, listDistricts, listProjects } from '../store/queries.js';
import { budgetingProjectHistory, budgetingProjects, type ProcessRow, type ProjectRow } from '../store/tables.js';
import { retryOnConflict } from './retry.js';
import { proposalInput, reviewInput } from './schemas.js';

/** Who acts: a signed-in person's id and name. */
export interface Person {
  userId: string;
  name: string;
}

/** The next free numeric project code of a process ("1", "2", ...). */
async function nextCode(db: Deps['db'], siteId: string, processId: string): Promise<string> {
  const rows = await listProjects(db, siteId, processId);
  let max = 0;
  for (const r of rows) if (/^\d+$/.test(r.code)) max = Math.max(max, Number(r.code));
  return String(max + 1);
}

/**
 * A resident's proposal, accepted only during the proposal phase; it becomes a project with status
 * `proposed` and a first history entry.
 */
export async function submitProposal(deps: Deps, siteId: string, process: ProcessRow, person: Person, raw: unknown): Promise<ProjectRow> {
  const input = parseInput(proposalInput, raw);
  const now = deps.clock.now();
  if (computePhase(process.phases, now) !== 'proposals')
    throw new AppError('deadline_passed', 'Proposals are accepted only during the proposal phase.', {
      fields: { phase: 'not the proposal phase' },
      reasons: { phase: { reason: 'budgeting_proposals_closed' } },
      reason: { reason: 'budgeting_proposals_closed' },
    });
  const districts = await listDistricts(deps.db, siteId, process.id);
  const district = districts.find((d) => d.slug === input.district);
  if (!district)
    throw invalidInput({ district: `no district "${input.district}" in this process` }, undefined, { district: { reason: 'invalid_choice' } });
  const categories = await listCategories(deps.db, siteId, process.id);
  const category = input.category ? categories.find((c) => c.slug === input.category) : undefined;
  if (input.category && !category)
    throw invalidInput({ category: `no category "${input.category}" in this process` }, undefined, { category: { reason: 'invalid_choice' } });
  if ((input.lat === undefined) !== (input.lng === undefined))
    throw invalidInput({ lat: 'give both latitude and longitude, or neither' }, undefined, { lat: { reason: 'both_coordinates' } });
  if (Number(input.cost) > Number(district.budget))
    throw invalidInput({ cost: `more than the district's budget of ${district.budget}` }, undefined, {
      cost: { reason: 'over_district_budget', values: { budget: { amount: Number(district.budget), currency: process.currency } } },
    });
  return retryOnConflict(() =>
    inTransaction(deps.db, async (tx) => {
      const id = newId();
      // Codes are handed out one at a time per process: the process row is locked until commit.
      await tx.execute(sql`select id from budgeting_processes where site_id = ${siteId} and id = ${process.id} for update`);
      const code = await nextCode(tx, siteId, process.id);
      await tx.insert(budgetingProjects).values({
        id,
        siteId,
        processId: process.id,
        districtId: district.id,
        categoryId: category?.id ?? null,
        code,
        title: input.title,
        description: input.description,
        cost: input.cost,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        status: 'proposed',
        proposedBy: person.userId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(budgetingProjectHistory).values({
        id: newId(),
        siteId,
        projectId: id,
        kind: 'proposed',
        actorName: person.name,
        changes: { title: { from: null, to: input.title }, cost: { from: null, to: input.cost } },
        createdAt: now,
      });
      return (await findProject(tx, siteId, process.id, code))!;
    }),
  );
}

/**
 * Staff review: feasible (on the ballot) or set aside (with a public reason), and an optional
 * cost estimate. Allowed until voting opens; every change is written to the project's history.
 */
export async function reviewProject(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  project: ProjectRow,
  person: Person,
  raw: unknown,
): Promise<ProjectRow> {
  const input = parseInput(reviewInput, raw);
  const now = deps.clock.now();
  if (process.locked || hasVotingStarted(process.phases, now))
    throw new AppError('invalid_state', 'Projects can be reviewed only before voting opens.', {
      fields: { phase: 'voting has opened' },
      reasons: { phase: { reason: 'budgeting_review_closed' } },
      reason: { reason: 'budgeting_review_closed' },
    });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.status !== project.status) changes.status = { from: project.status, to: input.status };
  if (input.cost !== undefined && Number(input.cost) !== Number(project.cost)) changes.cost = { from: project.cost, to: input.cost };
  const reason = input.reason ?? null;
  if (reason !== project.statusReason) changes.reason = { from: project.statusReason, to: reason };
  return inTransaction(deps.db, async (tx) => {
    await tx
      .update(budgetingProjects)
      .set({ status: input.status as ProjectRow['status'], cost: input.cost ?? project.cost, statusReason: reason, updatedAt: now })
      .where(and(eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.id, project.id)));
    await tx
      .insert(budgetingProjectHistory)
      .values({ id: newId(), siteId, projectId: project.id, kind: 'reviewed', actorName: person.name, changes, createdAt: now });
    return (await findProject(tx, siteId, process.id, project.code))!;
  });
}

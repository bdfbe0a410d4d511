import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError, invalidInput, type FieldErrors, type FieldReasons } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { checkPhaseOrder, hasVotingStarted } from '../core/phases.js';
import type { ProcessRule } from '../core/process-types.js';
import { findProcessBySlug, listDistricts } from '../store/queries.js';
import { budgetingCategories, budgetingDistricts, budgetingProcesses, type ProcessRow } from '../store/tables.js';
import { processInput, type ProcessInput } from './schemas.js';

const sameRule = (a: ProcessRule, b: ProcessRule) => JSON.stringify(a) === JSON.stringify(b);

/** Field errors (English, with their coded reasons) for a process whose parts do not fit together. */
function checkProcess(input: ProcessInput): void {
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  const refuse = (field: string, english: string, reason: string) => {
    fields[field] = english;
    reasons[field] = { reason };
  };
  for (const [field, english] of Object.entries(checkPhaseOrder(input.phases)))
    refuse(field, english, field.endsWith('.end') ? 'budgeting_phase_end_before_start' : 'budgeting_phase_overlap');
  if (input.districts.filter((d) => d.cityWide).length > 1) refuse('districts', 'at most one city-wide pot', 'budgeting_one_city_pot');
  if (new Set(input.districts.map((d) => d.slug)).size !== input.districts.length)
    refuse('districts', 'district slugs must differ', 'budgeting_slugs_differ');
  if (new Set(input.categories.map((d) => d.slug)).size !== input.categories.length)
    refuse('categories', 'category slugs must differ', 'budgeting_slugs_differ');
  const c = input.constraints;
  if (c.minProjects !== undefined && c.maxProjects !== undefined && c.minProjects > c.maxProjects)
    refuse('constraints.minProjects', 'must not exceed maxProjects', 'budgeting_min_over_max');
  if (input.ballotType === 'ordinal' && c.rankK === undefined)
    refuse('constraints.rankK', 'an ordinal ballot needs rankK', 'budgeting_needed_by_ballot');
  if (input.ballotType === 'cumulative' && c.totalPoints === undefined)
    refuse('constraints.totalPoints', 'a cumulative ballot needs totalPoints', 'budgeting_needed_by_ballot');
  if (input.rule.rule === 'greedy-threshold' && !input.rule.threshold)
    refuse('rule.threshold', 'greedy-threshold needs a threshold', 'budgeting_needed_by_rule');
  if (input.rule.completion && input.rule.completion !== 'none' && input.rule.rule !== 'mes')
    refuse('rule.completion', 'applies to the mes rule only', 'budgeting_mes_only');
  if (Object.keys(fields).length) throw invalidInput(fields, undefined, reasons);
}

/**
 * Creates a process, or replaces an existing one (`existing`), with its districts and categories.
 * Once voting has opened (or results are published) the rule, the ballot and the budgets are fixed:
 * a change to them is refused naming the field. Districts are matched by slug and never deleted.
 */
export async function saveProcess(deps: Deps, siteId: string, raw: unknown, existing?: ProcessRow): Promise<ProcessRow> {
  const input = parseInput(processInput, raw);
  checkProcess(input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const other = await findProcessBySlug(tx, siteId, input.slug);
    if (other && other.id !== existing?.id)
      throw new AppError('conflict', `The slug "${input.slug}" is in use.`, {
        fields: { slug: 'in use' },
        reasons: { slug: { reason: 'in_use' } },
        reason: { reason: 'in_use' },
      });
    const rule = input.rule as ProcessRule;
    let id = existing?.id;
    if (existing) {
      const districts = await listDistricts(tx, siteId, existing.id);
      if (existing.locked || hasVotingStarted(existing.phases, now)) {
        const why = existing.locked ? 'results are published' : 'voting has opened';
        const fixed = { reason: existing.locked ? 'budgeting_fixed_results' : 'budgeting_fixed_voting' };
        const fields: FieldErrors = {};
        const reasons: FieldReasons = {};
        const refuse = (field: string, english: string) => {
          fields[field] = english;
          reasons[field] = fixed;
        };
        if (!sameRule(existing.rule, rule)) refuse('rule', `cannot change: ${why}`);
        if (existing.ballotType !== input.ballotType) refuse('ballotType', `cannot change: ${why}`);
        if (existing.districtVoting !== input.districtVoting) refuse('districtVoting', `cannot change: ${why}`);
        if (existing.eligibility !== input.eligibility) refuse('eligibility', `cannot change: ${why}`);
        if (JSON.stringify(existing.constraints) !== JSON.stringify(input.constraints)) refuse('constraints', `cannot change: ${why}`);
        for (const d of input.districts) {
          const old = districts.find((x) => x.slug === d.slug);
          if (!old) refuse('districts', `cannot add a district: ${why}`);
          else if (Number(old.budget) !== Number(d.budget)) refuse(`districts.${d.slug}.budget`, `cannot change: ${why}`);
        }
        if (
          existing.phases.voting.start !== input.phases.voting.start &&
          Date.parse(input.phases.voting.start) !== Date.parse(existing.phases.voting.start)
        )
          refuse('phases.voting.start', `cannot change: ${why}`);
        if (Object.keys(fields).length)
          throw new AppError('invalid_state', `The rule, ballot and budgets are fixed: ${why}.`, { fields, reasons, reason: fixed });
      }
      await tx
        .update(budgetingProcesses)
        .set({
          slug: input.slug,
          title: input.title,
          description: input.description,
          currency: input.currency,
          phases: input.phases,
          rule,
          ballotType: input.ballotType,
          constraints: input.constraints,
          districtVoting: input.districtVoting,
          eligibility: input.eligibility,
          updatedAt: now,
        })
        .where(and(eq(budgetingProcesses.siteId, siteId), eq(budgetingProcesses.id, existing.id)));
      for (const d of input.districts) {
        const old = districts.find((x) => x.slug === d.slug);
        if (old)
          await tx
            .update(budgetingDistricts)
            .set({ name: d.name, budget: d.budget, cityWide: d.cityWide })
            .where(and(eq(budgetingDistricts.siteId, siteId), eq(budgetingDistricts.id, old.id)));
        else await tx.insert(budgetingDistricts).values({ id: newId(), siteId, processId: existing.id, ...d });
      }
    } else {
      id = newId();
      await tx.insert(budgetingProcesses).values({
        id,
        siteId,
        slug: input.slug,
        title: input.title,
        description: input.description,
        currency: input.currency,
        phases: input.phases,
        rule,
        ballotType: input.ballotType,
        constraints: input.constraints,
        districtVoting: input.districtVoting,
        eligibility: input.eligibility,
        createdAt: now,
        updatedAt: now,
      });
      for (const d of input.districts) await tx.insert(budgetingDistricts).values({ id: newId(), siteId, processId: id, ...d });
    }
    for (const c of input.categories) {
      await tx
        .insert(budgetingCategories)
        .values({ id: newId(), siteId, processId: id!, ...c })
        .onConflictDoUpdate({ target: [budgetingCategories.siteId, budgetingCategories.processId, budgetingCategories.slug], set: { name: c.name } });
    }
    return (await findProcessBySlug(tx, siteId, input.slug))!;
  });
}

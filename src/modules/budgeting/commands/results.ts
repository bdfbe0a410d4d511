import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { Rational } from '../../../math/rational.js';
import { computeOutcome, type ComputedOutcome } from '../core/compute.js';
import type { Election } from '../core/election.js';
import { parsePabulib, readElection, type PabulibFile } from '../formats/pabulib.js';
import { ballotOfPabulib, buildPabulibFile } from '../formats/process-pabulib.js';
import type { ProcessRule } from '../core/process-types.js';
import {
  findProcessBySlug,
  listCategories,
  listCountedBallots,
  listDistricts,
  listPendingPaperBallots,
  listProjects,
  listResults,
} from '../store/queries.js';
import {
  budgetingBallots,
  budgetingDistricts,
  budgetingProcesses,
  budgetingProjects,
  budgetingResults,
  type DistrictRow,
  type ProcessRow,
  type ProjectRow,
} from '../store/tables.js';

/**
 * One district (or the city-wide pot) as a Pabulib file: the projects on the ballot and the counted
 * ballots. The same file feeds the counting rules (`readElection`), so what is exported is exactly
 * what was counted.
 */
export async function exportDistrict(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  district: DistrictRow,
): Promise<{ file: PabulibFile; projects: ProjectRow[] }> {
  const categories = await listCategories(deps.db, siteId, process.id);
  const projects = (await listProjects(deps.db, siteId, process.id, district.id)).filter((p) => p.status === 'feasible' || p.status === 'selected');
  const ballots = await listCountedBallots(deps.db, siteId, process.id, district.id);
  const file = buildPabulibFile({
    slug: process.slug,
    title: process.title,
    description: process.description,
    currency: process.currency,
    ballotType: process.ballotType,
    constraints: process.constraints,
    rule: process.rule,
    votingStart: process.phases.voting.start,
    votingEnd: process.phases.voting.end,
    pbMeta: process.pbMeta,
    district: { slug: district.slug, name: district.name, budget: district.budget, cityWide: district.cityWide },
    projects: projects.map((p) => ({
      code: p.code,
      title: p.title,
      cost: p.cost,
      category: categories.find((c) => c.id === p.categoryId)?.name ?? null,
      lat: p.lat,
      lng: p.lng,
      selected: process.locked ? p.status === 'selected' : null,
      pbExtra: p.pbExtra,
    })),
    ballots: ballots.map((b, i) => ({
      reference: b.channel === 'import' && b.reference ? b.reference : String(i + 1),
      choices: b.choices,
      pbExtra: b.pbExtra,
    })),
  });
  return { file, projects };
}

/**
 * A district's ballots as the counting rules' input. Once results are published the ballots can no
 * longer change, so the election is kept in `deps.memo` under the publication time (recounting
 * Warsaw's 61,668 ballots for every results page would take seconds).
 */
export async function loadElection(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  district: DistrictRow,
): Promise<{ election: Election; file: PabulibFile }> {
  const key =
    process.locked && process.resultsPublishedAt ? `budgeting:election:${siteId}:${district.id}:${process.resultsPublishedAt.toISOString()}` : null;
  const cached = key ? (deps.memo.get(key) as { election: Election; file: PabulibFile } | undefined) : undefined;
  if (cached) return cached;
  const { file } = await exportDistrict(deps, siteId, process, district);
  const loaded = { election: readElection(file), file };
  if (key) deps.memo.set(key, loaded);
  return loaded;
}

/** The counting options of a process rule, for the core's `computeOutcome`. */
export function ruleOptions(rule: ProcessRule, explain = true) {
  return {
    rule: rule.rule,
    satisfaction: rule.satisfaction,
    completion: rule.completion,
    threshold: rule.threshold ? Rational.parse(rule.threshold) : undefined,
    tieBreak: rule.tieBreak,
    comparison: rule.comparison,
    explain,
  };
}

/** Counts one district under a rule; returns the election (for explanations) and the outcome. */
export async function countDistrict(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  district: DistrictRow,
  rule: ProcessRule = process.rule,
): Promise<{ election: Election; outcome: ComputedOutcome; file: PabulibFile }> {
  const { election, file } = await loadElection(deps, siteId, process, district);
  // No ballots, no winners (the core's Equal Shares divides the budget by the number of voters).
  if (election.numVoters === 0) return { election, outcome: { selected: [], rounds: [], totalCost: 0n }, file };
  try {
    return { election, outcome: computeOutcome(election, ruleOptions(rule)), file };
  } catch (e) {
    if (e instanceof RangeError) throw invalidInput({ rule: e.message }, undefined, { rule: { reason: 'invalid' } });
    throw e;
  }
}

/**
 * Counts every district of a closed vote with the process's rule and stores the results (replacing
 * earlier ones). Refused while voting is open, after publication, or while paper ballots wait for
 * their second check.
 */
export async function computeResults(deps: Deps, siteId: string, process: ProcessRow): Promise<number> {
  const now = deps.clock.now();
  if (process.locked) throw new AppError('invalid_state', 'Results are already published.', { reason: { reason: 'budgeting_results_published' } });
  if (now.getTime() < Date.parse(process.phases.voting.end))
    throw new AppError('invalid_state', 'Voting is still open.', {
      fields: { phase: 'voting has not closed' },
      reasons: { phase: { reason: 'budgeting_voting_still_open' } },
      reason: { reason: 'budgeting_voting_still_open' },
    });
  const pending = await listPendingPaperBallots(deps.db, siteId, process.id);
  if (pending.length)
    throw new AppError('invalid_state', `${pending.length} paper ballot(s) wait for a second person's check.`, {
      fields: { paper: `${pending.length} pending` },
      reasons: { paper: { reason: 'budgeting_paper_pending', values: { count: pending.length } } },
      reason: { reason: 'budgeting_paper_pending', values: { count: pending.length } },
    });
  const districts = await listDistricts(deps.db, siteId, process.id);
  const rows: (typeof budgetingResults.$inferInsert)[] = [];
  for (const d of districts) {
    const { election, outcome } = await countDistrict(deps, siteId, process, d);
    rows.push({
      id: newId(),
      siteId,
      processId: process.id,
      districtId: d.id,
      rule: process.rule,
      selected: outcome.selected.map((i) => election.projects[i].id),
      rounds: outcome.rounds,
      totalCost: Rational.of(outcome.totalCost, election.scale).toDecimal(),
      numVoters: election.numVoters,
      endowment: outcome.endowment ? Rational.of(outcome.endowment.num, outcome.endowment.den * election.scale).toString() : null,
      computedAt: now,
    });
  }
  await inTransaction(deps.db, async (tx) => {
    await tx.delete(budgetingResults).where(and(eq(budgetingResults.siteId, siteId), eq(budgetingResults.processId, process.id)));
    for (const r of rows) await tx.insert(budgetingResults).values(r);
  });
  return rows.length;
}

/** Publishes computed results: winners become `selected`, the process is locked (rule and budgets fixed). */
export async function publishResults(deps: Deps, siteId: string, process: ProcessRow): Promise<ProcessRow> {
  if (process.locked) throw new AppError('invalid_state', 'Results are already published.', { reason: { reason: 'budgeting_results_published' } });
  const results = await listResults(deps.db, siteId, process.id);
  if (results.length === 0)
    throw new AppError('invalid_state', 'Compute the results before publishing them.', {
      fields: { results: 'not computed' },
      reasons: { results: { reason: 'budgeting_results_not_computed' } },
      reason: { reason: 'budgeting_results_not_computed' },
    });
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const winners = results.flatMap((r) => r.selected);
    if (winners.length)
      await tx
        .update(budgetingProjects)
        .set({ status: 'selected', updatedAt: now })
        .where(and(eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.processId, process.id), inArray(budgetingProjects.code, winners)));
    await tx
      .update(budgetingProcesses)
      .set({ locked: true, resultsPublishedAt: now, updatedAt: now })
      .where(and(eq(budgetingProcesses.siteId, siteId), eq(budgetingProcesses.id, process.id)));
  });
  return (await findProcessBySlug(deps.db, siteId, process.slug))!;
}

const DAY = 86_400_000;

function extraColumns(row: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'voter_id' && k !== 'vote' && k !== 'points') out[k] = v;
  return Object.keys(out).length ? out : null;
}

/**
 * Imports a Pabulib file as a new process with one district: its projects (on the ballot) and its
 * votes (channel `import`), keeping every field for export. The rule is META `rule` mapped to
 * Polity's (greedy unless Equal Shares), changeable before results are published. The file is the
 * upload's bytes (checked to be UTF-8) or the API's text, read by the one `.pb` reader
 * (`parsePabulib`), whose refusals name the file, section, line and reason; nothing is stored
 * unless the whole file is read (one transaction).
 */
export async function importPabulib(deps: Deps, siteId: string, input: unknown, slug: unknown, fileName = 'the uploaded file'): Promise<ProcessRow> {
  const empty = typeof input === 'string' ? input.trim() === '' : input instanceof Uint8Array ? input.length === 0 : true;
  if (empty) throw invalidInput({ file: 'a Pabulib .pb file' }, undefined, { file: { reason: 'budgeting_pb_file' } });
  if (typeof slug !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) || slug === 'admin')
    throw invalidInput({ slug: 'lower-case letters, digits and hyphens (not "admin")' }, undefined, { slug: { reason: 'budgeting_slug' } });
  const file = parsePabulib(input as string | Uint8Array, { file: fileName });
  readElection(file); // checks points and costs the same way counting will
  if (await findProcessBySlug(deps.db, siteId, slug))
    throw new AppError('conflict', `The slug "${slug}" is in use.`, {
      fields: { slug: 'in use' },
      reasons: { slug: { reason: 'in_use' } },
      reason: { reason: 'in_use' },
    });
  const now = deps.clock.now();
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const { ballotType, constraints } = ballotOfPabulib(file.meta);
  const m = file.meta;
  const rule: ProcessRule = m.rule?.startsWith('equalshares')
    ? { rule: 'mes', satisfaction: 'cost', ...(m.rule === 'equalshares/add1' ? { completion: 'add1' as const } : {}) }
    : m.min_project_score_threshold
      ? { rule: 'greedy-threshold', threshold: m.min_project_score_threshold.replace(',', '.') }
      : { rule: ballotType === 'cumulative' || ballotType === 'ordinal' ? 'greedy-score' : 'greedy' };
  const processId = newId();
  const districtId = newId();
  const budget = Rational.parse(m.budget).toDecimal(2);
  await inTransaction(deps.db, async (tx) => {
    await tx.insert(budgetingProcesses).values({
      id: processId,
      siteId,
      slug,
      title: `${m.unit ?? ''} ${m.instance ?? ''}`.trim() || slug,
      description: m.description ?? '',
      currency: m.currency ?? 'EUR',
      phases: {
        proposals: { start: at(-4), end: at(-3) },
        review: { start: at(-3), end: at(-2) },
        voting: { start: at(-2), end: at(-1) },
        results: { start: at(-1), end: at(30) },
        implementation: { start: at(30), end: at(365) },
      },
      rule,
      ballotType,
      constraints,
      pbMeta: { ...m, __projects_columns: JSON.stringify(file.projects.columns), __votes_columns: JSON.stringify(file.votes.columns) },
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(budgetingDistricts)
      .values({ id: districtId, siteId, processId, slug: 'all', name: m.district ?? m.unit ?? slug, budget, cityWide: false });
    const projects = file.projects.rows.map((r, i) => ({
      id: newId(),
      siteId,
      processId,
      districtId,
      code: r.project_id,
      title: r.name ?? `Project ${r.project_id}`,
      description: r.description ?? '',
      cost: Rational.parse(r.cost).toDecimal(2),
      lat: r.latitude && Number.isFinite(Number(r.latitude)) ? Number(r.latitude) : null,
      lng: r.longitude && Number.isFinite(Number(r.longitude)) ? Number(r.longitude) : null,
      status: 'feasible' as const,
      pbExtra: r,
      // The file's order of projects (lists are by creation time).
      createdAt: new Date(now.getTime() - DAY + i),
      updatedAt: now,
    }));
    for (let i = 0; i < projects.length; i += 500) await tx.insert(budgetingProjects).values(projects.slice(i, i + 500));
    const ballots = file.votes.rows.map((r, i) => {
      const ids = r.vote.trim() === '' ? [] : r.vote.split(',').map((s) => s.trim());
      const points = r.points !== undefined && r.points.trim() !== '' ? r.points.split(',').map((s) => Number(s.trim().replace(',', '.'))) : null;
      return {
        id: newId(),
        siteId,
        processId,
        districtId,
        pot: 'district' as const,
        slot: 'district',
        voterKey: `import:${r.voter_id}`,
        channel: 'import' as const,
        status: 'counted' as const,
        choices: ids.map((project, j) => (points ? { project, points: points[j] } : { project })),
        reference: r.voter_id,
        // Only the columns Polity does not hold itself (age, sex, ...): voter_id and vote are rebuilt on export.
        pbExtra: extraColumns(r),
        // Keep the file's order of votes (the export lists counted ballots by creation time).
        createdAt: new Date(now.getTime() - DAY + i),
        updatedAt: now,
      };
    });
    for (let i = 0; i < ballots.length; i += 1000) await tx.insert(budgetingBallots).values(ballots.slice(i, i + 1000));
  });
  return (await findProcessBySlug(deps.db, siteId, slug))!;
}

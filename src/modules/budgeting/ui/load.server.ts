import { data } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import type { PolityLoadContext } from '../../../web/kit/route-args.js';
import { computePhase, isVotingOpen } from '../core/phases.js';
import { findProcessBySlug, listCategories, listDistricts, listProjects } from '../store/queries.js';
import type { ProjectRow } from '../store/tables.js';

/** A process for a page: its plain data, districts, categories and what the actor may do; 404 when missing. */
export async function loadProcessView(context: PolityLoadContext, slug: string) {
  const { deps, ctx } = context;
  const process = await findProcessBySlug(deps.db, ctx.site.id, slug);
  if (!process) throw data('not found', { status: 404 });
  const [districts, categories] = await Promise.all([
    listDistricts(deps.db, ctx.site.id, process.id),
    listCategories(deps.db, ctx.site.id, process.id),
  ]);
  const now = deps.clock.now();
  const can = (p: string) => isAllowed(deps.permissions, ctx.actor, p);
  return {
    row: process,
    view: {
      slug: process.slug,
      title: process.title,
      description: process.description,
      currency: process.currency,
      phases: process.phases,
      phase: computePhase(process.phases, now),
      votingOpen: isVotingOpen(process.phases, now) && !process.locked,
      published: process.locked,
      ballotType: process.ballotType,
      constraints: process.constraints,
      rule: process.rule,
      districts: districts.map((d) => ({ id: d.id, slug: d.slug, name: d.name, budget: d.budget, cityWide: d.cityWide })),
      categories: categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
      signedIn: ctx.actor.kind === 'user',
      canManage: can('budgeting.process.manage'),
      canReview: can('budgeting.project.review'),
      canPaper: can('budgeting.paper.enter'),
    },
  };
}

/** Projects of a process as pages show them. */
export async function loadProjectCards(
  context: PolityLoadContext,
  processId: string,
  view: { districts: { id: string; slug: string; name: string }[]; categories: { id: string; name: string }[] },
) {
  const rows = await listProjects(context.deps.db, context.ctx.site.id, processId);
  return rows.map((p) => presentCard(p, view));
}

/** One project card. */
export function presentCard(
  p: ProjectRow,
  view: { districts: { id: string; slug: string; name: string }[]; categories: { id: string; name: string }[] },
) {
  const d = view.districts.find((x) => x.id === p.districtId);
  return {
    code: p.code,
    title: p.title,
    description: p.description,
    cost: p.cost,
    status: p.status,
    statusReason: p.statusReason,
    district: d?.slug ?? '',
    districtName: d?.name ?? '',
    category: view.categories.find((c) => c.id === p.categoryId)?.name ?? null,
    lat: p.lat,
    lng: p.lng,
  };
}

/** The first words of a description (at most `max` characters, cut at a word), for ballots and lists. */
export function summarize(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

import type { TestContext } from '../../server/testing.js';
import { signedInClient } from '../../server/testing.js';
import { listOrganisations, saveOrganisation } from '../sites/index.js';

/** A signed-in member of the site's public-works agency (made on first use). */
export async function staffClient(t: TestContext) {
  const orgs = await listOrganisations(t.deps.db, t.site.id);
  const agency =
    orgs.find((o) => o.slug === 'public-works') ??
    (await saveOrganisation(t.deps, t.site.id, { slug: 'public-works', name: { en: 'Public works' }, kind: 'agency' }));
  return signedInClient(t, 'agency_staff', { agencyId: agency.id });
}

/** Phases of the test processes around the test clock (2026-03-02): proposals open now. */
export const PHASES = {
  proposals: { start: '2026-03-01T00:00:00Z', end: '2026-03-10T00:00:00Z' },
  review: { start: '2026-03-10T00:00:00Z', end: '2026-03-20T00:00:00Z' },
  voting: { start: '2026-03-20T00:00:00Z', end: '2026-03-28T00:00:00Z' },
  results: { start: '2026-03-28T00:00:00Z', end: '2026-04-10T00:00:00Z' },
  implementation: { start: '2026-04-10T00:00:00Z', end: '2026-12-31T00:00:00Z' },
};

/** Instants inside each phase (all within the 30 days a test session lives). */
export const DURING = {
  proposals: '2026-03-02T10:00:00Z',
  review: '2026-03-15T10:00:00Z',
  voting: '2026-03-25T10:00:00Z',
  results: '2026-03-29T10:00:00Z',
};

/** A process body for the API (knapsack unless overridden). */
export function processBody(slug: string, over: Record<string, unknown> = {}) {
  return {
    slug,
    title: `Budget ${slug}`,
    description: 'Decide how to spend the money.',
    currency: 'EUR',
    phases: PHASES,
    rule: { rule: 'greedy' },
    ballotType: 'knapsack',
    constraints: {},
    districts: [
      { slug: 'north', name: 'North', budget: '100000' },
      { slug: 'city', name: 'City-wide', budget: '50000', cityWide: true },
    ],
    categories: [{ slug: 'parks', name: 'Parks' }],
    ...over,
  };
}

/**
 * Creates a process through the API with `projects` (title, cost, district) proposed and reviewed
 * as feasible, and leaves the clock in the voting phase. Returns the editor and staff clients.
 */
export async function setUpVotingProcess(
  t: TestContext,
  slug: string,
  projects: { title: string; cost: string; district?: string }[],
  over: Record<string, unknown> = {},
) {
  t.clock.set(DURING.proposals);
  const editor = await signedInClient(t, 'editor');
  const staff = await staffClient(t);
  const resident = await signedInClient(t, null);
  const created = await editor.api('POST', '/budgeting/processes', processBody(slug, over));
  if (created.status !== 201) throw new Error(`create failed: ${await created.text()}`);
  const codes: string[] = [];
  for (const p of projects) {
    const res = await resident.api('POST', `/budgeting/processes/${slug}/proposals`, {
      title: p.title,
      description: `${p.title}: a longer description.`,
      district: p.district ?? 'north',
      cost: p.cost,
    });
    if (res.status !== 201) throw new Error(`proposal failed: ${await res.text()}`);
    codes.push(((await res.json()) as { code: string }).code);
  }
  t.clock.set(DURING.review);
  for (const code of codes) {
    const res = await staff.api('POST', `/budgeting/processes/${slug}/projects/${code}/review`, { status: 'feasible' });
    if (res.status !== 200) throw new Error(`review failed: ${await res.text()}`);
  }
  t.clock.set(DURING.voting);
  return { editor, staff, resident, codes };
}

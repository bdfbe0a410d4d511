import type { Deps } from '../../../db/context.js';
import { newId } from '../../../kernel/ids.js';
import { computeResults, publishResults } from '../commands/results.js';
import { saveProcess } from '../commands/save-process.js';
import type { ProcessInput } from '../commands/schemas.js';
import { listCategories, listDistricts } from '../store/queries.js';
import { budgetingBallots, budgetingProjectHistory, budgetingProjects, type ProcessRow } from '../store/tables.js';

/** The demo process whose vote is open. */
export const DEMO_PROCESS = 'green-neighbourhoods-2027';
/** The demo process with published results. */
export const DEMO_PAST_PROCESS = 'neighbourhood-budget-2026';

const DAY = 86_400_000;

interface DemoProject {
  title: string;
  description: string;
  cost: string;
  district: string;
  category: string;
  lat: number;
  lng: number;
  status?: 'feasible' | 'set-aside';
  reason?: string;
}

const categories = [
  { slug: 'green', name: 'Green spaces' },
  { slug: 'mobility', name: 'Mobility' },
  { slug: 'culture', name: 'Culture and youth' },
];

const openProjects: DemoProject[] = [
  {
    title: 'Shade trees on Station Road',
    description: 'Forty trees along Station Road to cool the street in summer.',
    cost: '120000',
    district: 'north',
    category: 'green',
    lat: 41.905,
    lng: 12.47,
  },
  {
    title: 'Playground at Mill Park',
    description: 'A new accessible playground with soft ground and benches for parents.',
    cost: '90000',
    district: 'north',
    category: 'culture',
    lat: 41.91,
    lng: 12.48,
  },
  {
    title: 'Protected bike lane to the schools',
    description: 'A 1.2 km protected lane linking the three schools of the district.',
    cost: '150000',
    district: 'north',
    category: 'mobility',
    lat: 41.902,
    lng: 12.485,
  },
  {
    title: 'Community garden behind the library',
    description: 'Raised beds, a tool shed and a water tap for neighbours.',
    cost: '40000',
    district: 'north',
    category: 'green',
    lat: 41.908,
    lng: 12.465,
  },
  {
    title: 'Night buses on Fridays',
    description: 'Two night lines on Friday nights for a year.',
    cost: '200000',
    district: 'north',
    category: 'mobility',
    lat: 41.9,
    lng: 12.475,
    status: 'set-aside',
    reason: 'Bus lines are run by the regional transport agency, not by the city; the proposal was sent to them.',
  },
  {
    title: 'River path lighting',
    description: 'Low, warm lights along the river path so it is safe after dark.',
    cost: '110000',
    district: 'south',
    category: 'mobility',
    lat: 41.88,
    lng: 12.49,
  },
  {
    title: 'Outdoor gym in South Park',
    description: 'Free outdoor fitness equipment for all ages.',
    cost: '60000',
    district: 'south',
    category: 'culture',
    lat: 41.875,
    lng: 12.5,
  },
  {
    title: 'Youth music room',
    description: 'A sound-proofed room in the community centre for young bands.',
    cost: '80000',
    district: 'south',
    category: 'culture',
    lat: 41.872,
    lng: 12.495,
  },
  {
    title: 'Drinking fountains in every square',
    description: 'Twelve drinking fountains across the city.',
    cost: '70000',
    district: 'city',
    category: 'green',
    lat: 41.89,
    lng: 12.48,
  },
  {
    title: 'Bike repair stations',
    description: 'Eight self-service bike repair stations at busy crossings.',
    cost: '30000',
    district: 'city',
    category: 'mobility',
    lat: 41.893,
    lng: 12.487,
  },
  {
    title: 'Open-air cinema summer',
    description: 'Free open-air films in a different neighbourhood each week of summer.',
    cost: '120000',
    district: 'city',
    category: 'culture',
    lat: 41.886,
    lng: 12.476,
  },
];

const pastProjects: DemoProject[] = [
  {
    title: 'New benches in the old town',
    description: 'Thirty benches in the streets of the old town.',
    cost: '30000',
    district: 'city',
    category: 'culture',
    lat: 41.89,
    lng: 12.48,
  },
  {
    title: 'Skate park renovation',
    description: 'Resurfacing the skate park and adding two ramps.',
    cost: '90000',
    district: 'city',
    category: 'culture',
    lat: 41.9,
    lng: 12.49,
  },
  {
    title: 'Pocket park on Baker Street',
    description: 'A vacant lot turned into a small park with trees and seats.',
    cost: '70000',
    district: 'city',
    category: 'green',
    lat: 41.885,
    lng: 12.47,
  },
  {
    title: 'Safer crossing at the market',
    description: 'A raised zebra crossing and better lighting at the market.',
    cost: '40000',
    district: 'city',
    category: 'mobility',
    lat: 41.895,
    lng: 12.475,
  },
  {
    title: 'Library opening on Sundays',
    description: 'The central library opens on Sundays for a year.',
    cost: '50000',
    district: 'city',
    category: 'culture',
    lat: 41.892,
    lng: 12.483,
  },
  {
    title: 'Electric car sharing point',
    description: 'Four shared electric cars with charging near the station.',
    cost: '100000',
    district: 'city',
    category: 'mobility',
    lat: 41.898,
    lng: 12.468,
  },
];

function phasesAround(now: number, votingStartDays: number) {
  const at = (d: number) => new Date(now + d * DAY).toISOString();
  const v = votingStartDays;
  return {
    proposals: { start: at(v - 60), end: at(v - 30) },
    review: { start: at(v - 30), end: at(v) },
    voting: { start: at(v), end: at(v + 30) },
    results: { start: at(v + 30), end: at(v + 60) },
    implementation: { start: at(v + 60), end: at(v + 400) },
  };
}

async function addProjects(deps: Deps, siteId: string, process: ProcessRow, projects: DemoProject[]): Promise<void> {
  const districts = await listDistricts(deps.db, siteId, process.id);
  const cats = await listCategories(deps.db, siteId, process.id);
  const created = new Date(Date.parse(process.phases.proposals.start) + DAY);
  const reviewed = new Date(Date.parse(process.phases.review.start) + DAY);
  for (const [i, p] of projects.entries()) {
    const id = newId();
    const status = p.status ?? 'feasible';
    await deps.db.insert(budgetingProjects).values({
      id,
      siteId,
      processId: process.id,
      districtId: districts.find((d) => d.slug === p.district)!.id,
      categoryId: cats.find((c) => c.slug === p.category)?.id ?? null,
      code: String(i + 1),
      title: p.title,
      description: p.description,
      cost: p.cost,
      lat: p.lat,
      lng: p.lng,
      status,
      statusReason: p.reason ?? null,
      createdAt: new Date(created.getTime() + i * 1000),
      updatedAt: reviewed,
    });
    await deps.db.insert(budgetingProjectHistory).values([
      {
        id: newId(),
        siteId,
        projectId: id,
        kind: 'proposed',
        actorName: 'Resident',
        changes: { title: { from: null, to: p.title }, cost: { from: null, to: p.cost } },
        createdAt: created,
      },
      {
        id: newId(),
        siteId,
        projectId: id,
        kind: 'reviewed',
        actorName: 'Public works',
        changes: { status: { from: 'proposed', to: status } },
        createdAt: reviewed,
      },
    ]);
  }
}

/** A small deterministic generator (so the demo's ballots are the same on every start). */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * The demo's participatory budgeting: an open knapsack vote with two districts and a city-wide pot
 * (some ballots already cast), and last year's process counted by Equal Shares with its results
 * published.
 */
export async function seedBudgeting(deps: Deps, siteId: string): Promise<void> {
  const now = deps.clock.now().getTime();
  const base = (slug: string, title: string, description: string, votingStart: number): ProcessInput => ({
    slug,
    title,
    description,
    currency: 'EUR',
    districtVoting: 'one',
    eligibility: 'open',
    phases: phasesAround(now, votingStart),
    rule: { rule: 'mes', satisfaction: 'cost', completion: 'add1' },
    ballotType: 'knapsack',
    constraints: { minProjects: 1 },
    districts: [],
    categories,
  });
  const open = await saveProcess(deps, siteId, {
    ...base(
      DEMO_PROCESS,
      'Green neighbourhoods 2027',
      'Residents decide how to spend 750,000 euros on their neighbourhoods. Vote for the projects of your district and for the city-wide pot, within each budget.',
      -10,
    ),
    districts: [
      { slug: 'north', name: 'North', budget: '300000', cityWide: false },
      { slug: 'south', name: 'South', budget: '250000', cityWide: false },
      { slug: 'city', name: 'City-wide', budget: '200000', cityWide: true },
    ],
  });
  await addProjects(deps, siteId, open, openProjects);
  const past = await saveProcess(deps, siteId, {
    ...base(
      DEMO_PAST_PROCESS,
      'Neighbourhood budget 2026',
      'Last year residents shared 200,000 euros between city-wide projects. Equal Shares counted the vote.',
      -100,
    ),
    districts: [{ slug: 'city', name: 'City-wide', budget: '200000', cityWide: true }],
  });
  await addProjects(deps, siteId, past, pastProjects);
  const [pastPot] = await listDistricts(deps.db, siteId, past.id);
  const [openNorth] = (await listDistricts(deps.db, siteId, open.id)).filter((d) => d.slug === 'north');
  const rand = lcg(2026);
  const votedAt = new Date(Date.parse(past.phases.voting.start) + DAY);
  const rows = [];
  for (let i = 0; i < 40; i++) {
    let left = 200000;
    const choices: { project: string }[] = [];
    for (const [j, p] of pastProjects.entries()) {
      // Popularity falls with the project's index; a voter never goes over the budget.
      if (rand() < 0.75 - j * 0.1 && Number(p.cost) <= left) {
        choices.push({ project: String(j + 1) });
        left -= Number(p.cost);
      }
    }
    if (choices.length === 0) choices.push({ project: String(1 + Math.floor(rand() * pastProjects.length)) });
    rows.push({
      id: newId(),
      siteId,
      processId: past.id,
      districtId: pastPot.id,
      pot: 'city' as const,
      slot: 'city',
      voterKey: `seed:${i}`,
      channel: i % 5 === 0 ? ('paper' as const) : ('online' as const),
      status: 'counted' as const,
      choices,
      reference: i % 5 === 0 ? `P-${i}` : null,
      createdAt: new Date(votedAt.getTime() + i * 1000),
      updatedAt: votedAt,
    });
  }
  for (let i = 0; i < 6; i++)
    rows.push({
      id: newId(),
      siteId,
      processId: open.id,
      districtId: openNorth.id,
      pot: 'district' as const,
      slot: 'district',
      voterKey: `seed:${i}`,
      channel: 'online' as const,
      status: 'counted' as const,
      choices: i % 2 ? [{ project: '1' }, { project: '4' }] : [{ project: '2' }, { project: '3' }],
      reference: null,
      createdAt: new Date(now - DAY + i * 1000),
      updatedAt: new Date(now - DAY),
    });
  await deps.db.insert(budgetingBallots).values(rows);
  await computeResults(deps, siteId, past);
  await publishResults(deps, siteId, past);
}

import type { Deps } from '../../../db/context.js';
import { refreshRiskAssessments } from '../commands/risk-refresh.js';
import { ingestReleaseStream } from '../commands/ingest-releases.js';

type Obj = Record<string, unknown>;

const org = (id: string, name: string) => ({ id, name });
const BUYERS = {
  school: org('UA-EDR-DEMO-001', 'Demo District Education Department'),
  hospital: org('UA-EDR-DEMO-002', 'Demo City Hospital No. 2'),
  roads: org('UA-EDR-DEMO-003', 'Demo Regional Roads Service'),
};
const SUPPLIERS = {
  alpha: org('UA-EDR-DEMO-101', 'Alpha Supplies LLC'),
  beta: org('UA-EDR-DEMO-102', 'Beta Trade LLC'),
  gamma: org('UA-EDR-DEMO-103', 'Gamma Build PJSC'),
  delta: org('UA-EDR-DEMO-104', 'Delta Medical LLC'),
};
const REGIONS: Record<string, string> = { [BUYERS.school.id]: 'Kyiv region', [BUYERS.hospital.id]: 'Lviv region', [BUYERS.roads.id]: 'Kyiv region' };

interface DemoProcess {
  n: number;
  title: string;
  buyer: { id: string; name: string };
  method: 'open' | 'limited';
  value: number;
  month: string;
  /** Tenderers with their bid status; the first `active` award goes to `winner`. */
  bidders: { org: { id: string; name: string }; status?: string }[];
  rejected?: { id: string; name: string }[];
  winner: { id: string; name: string };
  awarded: number;
  tenderDays?: number;
  amendments?: number;
  contractValue?: number;
}

const PROCESSES: DemoProcess[] = [
  {
    n: 1,
    title: 'School meals for the autumn term',
    buyer: BUYERS.school,
    method: 'open',
    value: 2_400_000,
    month: '2025-09',
    bidders: [{ org: SUPPLIERS.alpha }],
    winner: SUPPLIERS.alpha,
    awarded: 2_390_000,
    tenderDays: 7,
  },
  {
    n: 2,
    title: 'Laptops for computer classes',
    buyer: BUYERS.school,
    method: 'open',
    value: 900_000,
    month: '2025-10',
    bidders: [{ org: SUPPLIERS.alpha }, { org: SUPPLIERS.beta }, { org: SUPPLIERS.gamma }],
    rejected: [SUPPLIERS.beta, SUPPLIERS.gamma],
    winner: SUPPLIERS.alpha,
    awarded: 880_000,
  },
  {
    n: 3,
    title: 'Classroom furniture',
    buyer: BUYERS.school,
    method: 'limited',
    value: 195_000,
    month: '2025-03',
    bidders: [],
    winner: SUPPLIERS.beta,
    awarded: 195_000,
  },
  {
    n: 4,
    title: 'Classroom furniture, second batch',
    buyer: BUYERS.school,
    method: 'limited',
    value: 190_000,
    month: '2025-06',
    bidders: [],
    winner: SUPPLIERS.beta,
    awarded: 190_000,
  },
  {
    n: 5,
    title: 'Classroom furniture, third batch',
    buyer: BUYERS.school,
    method: 'limited',
    value: 198_000,
    month: '2025-11',
    bidders: [],
    winner: SUPPLIERS.beta,
    awarded: 198_000,
  },
  {
    n: 6,
    title: 'Surgical gloves and masks',
    buyer: BUYERS.hospital,
    method: 'open',
    value: 1_200_000,
    month: '2025-05',
    bidders: [{ org: SUPPLIERS.delta }, { org: SUPPLIERS.beta }],
    winner: SUPPLIERS.delta,
    awarded: 700_000,
    amendments: 3,
    contractValue: 1_050_000,
  },
  {
    n: 7,
    title: 'Ultrasound scanner',
    buyer: BUYERS.hospital,
    method: 'open',
    value: 4_800_000,
    month: '2025-07',
    bidders: [{ org: SUPPLIERS.delta }],
    winner: SUPPLIERS.delta,
    awarded: 4_750_000,
  },
  {
    n: 8,
    title: 'Hospital laundry services',
    buyer: BUYERS.hospital,
    method: 'open',
    value: 600_000,
    month: '2025-08',
    bidders: [{ org: SUPPLIERS.beta }, { org: SUPPLIERS.delta }, { org: SUPPLIERS.alpha }],
    winner: SUPPLIERS.beta,
    awarded: 560_000,
    tenderDays: 20,
  },
  {
    n: 9,
    title: 'Resurfacing of the regional road P-01',
    buyer: BUYERS.roads,
    method: 'open',
    value: 38_000_000,
    month: '2025-04',
    bidders: [{ org: SUPPLIERS.gamma }, { org: SUPPLIERS.alpha }, { org: SUPPLIERS.beta }],
    rejected: [SUPPLIERS.alpha, SUPPLIERS.beta],
    winner: SUPPLIERS.gamma,
    awarded: 37_500_000,
    amendments: 4,
    contractValue: 41_000_000,
  },
  {
    n: 10,
    title: 'Winter road maintenance',
    buyer: BUYERS.roads,
    method: 'open',
    value: 12_000_000,
    month: '2025-10',
    bidders: [{ org: SUPPLIERS.gamma }, { org: SUPPLIERS.alpha }],
    winner: SUPPLIERS.gamma,
    awarded: 7_900_000,
    tenderDays: 6,
  },
  {
    n: 11,
    title: 'Bridge repair on the P-02',
    buyer: BUYERS.roads,
    method: 'open',
    value: 21_000_000,
    month: '2025-12',
    bidders: [{ org: SUPPLIERS.gamma }],
    winner: SUPPLIERS.gamma,
    awarded: 20_800_000,
    tenderDays: 25,
  },
  {
    n: 12,
    title: 'Office paper',
    buyer: BUYERS.roads,
    method: 'open',
    value: 120_000,
    month: '2025-02',
    bidders: [{ org: SUPPLIERS.alpha }, { org: SUPPLIERS.beta }],
    winner: SUPPLIERS.beta,
    awarded: 110_000,
    tenderDays: 20,
  },
];

const uah = (amount: number) => ({ amount, currency: 'UAH' });

/** The demo's compiled releases: fictional processes shaped like ProZorro's, chosen so that every ProZorro-derived rule and several of Cardinal's fire. */
export function buildRiskDemoReleases(): Obj[] {
  const releases = PROCESSES.map((p) => {
    const ocid = `ocds-demo-UA-${p.month}-${String(p.n).padStart(6, '0')}`;
    const start = `${p.month}-03T09:00:00Z`;
    const end = new Date(Date.parse(start) + (p.tenderDays ?? 16) * 86_400_000).toISOString();
    const awardDate = new Date(Date.parse(end) + 3 * 86_400_000).toISOString();
    const parties = [
      { ...p.buyer, roles: ['buyer', 'procuringEntity'], address: { region: REGIONS[p.buyer.id], countryName: 'Ukraine' } },
      ...[...new Set([...p.bidders.map((b) => b.org), p.winner])].map((o) => ({
        ...o,
        roles: o.id === p.winner.id ? ['tenderer', 'supplier'] : ['tenderer'],
      })),
    ];
    const awards: Obj[] = (p.rejected ?? []).map((r, i) => ({
      id: `${ocid}-a${i + 1}`,
      status: 'unsuccessful',
      date: awardDate,
      suppliers: [r],
      value: uah(Math.round(p.awarded * 0.9)),
    }));
    const winningAward = `${ocid}-a${awards.length + 1}`;
    awards.push({ id: winningAward, status: 'active', date: awardDate, suppliers: [p.winner], value: uah(p.awarded) });
    const contract: Obj = {
      id: `${ocid}-c1`,
      awardID: winningAward,
      status: 'active',
      dateSigned: awardDate,
      value: uah(p.contractValue ?? p.awarded),
    };
    if (p.amendments)
      contract.amendments = Array.from({ length: p.amendments }, (_, i) => ({
        id: `${ocid}-m${i + 1}`,
        date: new Date(Date.parse(awardDate) + (i + 1) * 20 * 86_400_000).toISOString(),
        rationale: 'Change of contract terms',
      }));
    const release: Obj = {
      ocid,
      id: `${ocid}-r1`,
      date: awardDate,
      tag: ['contract'],
      initiationType: 'tender',
      language: 'en',
      buyer: p.buyer,
      parties,
      tender: {
        id: `${ocid}-t`,
        title: p.title,
        status: 'complete',
        procurementMethod: p.method,
        mainProcurementCategory: p.buyer === BUYERS.roads ? 'works' : 'goods',
        value: uah(p.value),
        procuringEntity: p.buyer,
        tenderPeriod: { startDate: start, endDate: end },
        ...(p.method === 'open' ? { numberOfTenderers: p.bidders.length } : {}),
      },
      awards,
      contracts: [contract],
    };
    if (p.bidders.length > 0)
      release.bids = {
        details: p.bidders.map((b, i) => ({ id: `${ocid}-b${i + 1}`, status: b.status ?? 'valid', tenderers: [b.org], date: start })),
      };
    return release;
  });
  // The road resurfacing also has its tender release, published first, so its history shows what the award changed.
  const road = releases[PROCESSES.findIndex((p) => p.n === 9)];
  const tender = road.tender as Obj & { tenderPeriod: { startDate: string } };
  const first: Obj = {
    ...road,
    id: `${String(road.ocid)}-r0`,
    date: tender.tenderPeriod.startDate,
    tag: ['tender'],
    tender: { ...tender, status: 'active' },
  };
  delete first.awards;
  delete first.contracts;
  delete first.bids;
  return [first, ...releases];
}

/** The first demo process's ocid (used by browser tests). */
export const DEMO_PROCESS_OCID = 'ocds-demo-UA-2025-10-000002';

/**
 * Loads the demo processes into a site through the ingest path (idempotent: re-ingesting changes
 * nothing), then assesses them at once so the demo opens with its flags (the refresh job the
 * ingest queued then finds nothing left to do).
 */
export async function seedRiskDemo(deps: Deps, siteId: string): Promise<void> {
  const lines = buildRiskDemoReleases()
    .map((r) => JSON.stringify(r))
    .join('\n');
  async function* chunks() {
    yield lines + '\n';
  }
  await ingestReleaseStream(deps, siteId, chunks(), { label: 'demo procurement data' });
  await refreshRiskAssessments(deps, siteId);
}

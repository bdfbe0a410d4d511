import type { Deps } from '../../../db/context.js';
import { newId } from '../../../kernel/ids.js';
import { listEvents } from '../store/events.js';
import { consultationEvents, type EventOutcomeItem, type EventStatus } from '../store/tables.js';

const DAY = 86_400_000;

interface DemoEvent {
  title: string;
  organiserName: string;
  country: string;
  region: string | null;
  /** Days from the seeding day (negative: already held), at `hour` UTC wall time. */
  inDays: number;
  hour: number;
  online: boolean;
  place: { name: string; lat: number; lon: number } | null;
  format: string;
  language: string;
  participants: number;
  makeUp: Record<string, number>;
  status: EventStatus;
  outcome?: { summary: string; items: EventOutcomeItem[]; minutes: string };
}

/** The demo events: held and coming, in several countries, one online, one waiting for approval. */
export const DEMO_EVENTS: DemoEvent[] = [
  {
    title: 'Citizens’ dialogue: what Europe for the North?',
    organiserName: 'Civic Lab Association',
    country: 'PT',
    region: 'Norte',
    inDays: -10,
    hour: 18,
    online: false,
    place: { name: 'Biblioteca Municipal Almeida Garrett, Porto', lat: 41.1496, lon: -8.6258 },
    format: 'citizens_dialogue',
    language: 'pt',
    participants: 64,
    makeUp: { 'aged 16-29': 18, 'aged 30-64': 34, 'aged 65 and over': 12, students: 11 },
    status: 'approved',
    outcome: {
      summary:
        'Sixty-four residents of the North met for three hours in six tables. Climate and jobs came first: people want the energy transition to create work in the region, not only to close it.',
      items: [
        { kind: 'concern', text: 'Young people leave the region because they find no stable work.', themes: ['economy'] },
        {
          kind: 'recommendation',
          text: 'Fund local renewable-energy cooperatives owned by the towns and their residents.',
          themes: ['climate', 'economy'],
        },
        { kind: 'recommendation', text: 'Hold a citizens’ assembly on each large EU-funded project before it is approved.', themes: ['democracy'] },
        { kind: 'concern', text: 'Forest fires grow worse every summer and the villages feel alone.', themes: ['climate', 'security'] },
      ],
      minutes:
        'Opening by the organisers (15 min). Six tables of about ten people, each with a moderator. Reports of the tables and a vote on the recommendations (each participant had three votes).',
    },
  },
  {
    title: 'Town-hall meeting on migration and welcome',
    organiserName: 'City University, Public Policy School',
    country: 'ES',
    region: 'Andalucía',
    inDays: 12,
    hour: 17,
    online: false,
    place: { name: 'Centro Cívico Las Sirenas, Sevilla', lat: 37.3926, lon: -5.9946 },
    format: 'town_hall',
    language: 'es',
    participants: 120,
    makeUp: {},
    status: 'approved',
  },
  {
    title: 'Online debate: security and neighbourhood',
    organiserName: 'Kyiv Civic Forum',
    country: 'UA',
    region: null,
    inDays: 20,
    hour: 16,
    online: true,
    place: null,
    format: 'online_debate',
    language: 'uk',
    participants: 200,
    makeUp: {},
    status: 'approved',
  },
  {
    title: 'Workshop: democracy at the local level',
    organiserName: 'Maison de l’Europe de Lyon',
    country: 'FR',
    region: 'Auvergne-Rhône-Alpes',
    inDays: 30,
    hour: 9,
    online: false,
    place: { name: 'Maison de l’Europe, Lyon', lat: 45.764, lon: 4.8357 },
    format: 'workshop',
    language: 'fr',
    participants: 30,
    makeUp: {},
    status: 'proposed',
  },
];

/**
 * Seeds the demo consultation's events: three approved (Portugal with a recorded outcome whose
 * recommendations are tagged with the consultation's themes, Spain, an online one from Ukraine)
 * and one proposed in France, waiting for the editors. Idempotent: nothing is added when the
 * consultation has events already.
 */
export async function seedConsultationEvents(deps: Deps, siteId: string, consultationId: string): Promise<void> {
  if ((await listEvents(deps.db, siteId, consultationId)).length > 0) return;
  const now = deps.clock.now();
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  await deps.db.insert(consultationEvents).values(
    DEMO_EVENTS.map((e) => ({
      id: newId(),
      siteId,
      consultationId,
      title: e.title,
      organiserName: e.organiserName,
      country: e.country,
      region: e.region,
      startsAt: new Date(day + e.inDays * DAY + e.hour * 3_600_000),
      online: e.online,
      placeName: e.place?.name ?? null,
      lat: e.place?.lat ?? null,
      lon: e.place?.lon ?? null,
      format: e.format,
      language: e.language,
      participants: e.participants,
      makeUp: e.makeUp,
      status: e.status,
      outcomeSummary: e.outcome?.summary ?? null,
      outcomeItems: e.outcome?.items ?? [],
      minutes: e.outcome?.minutes ?? null,
      outcomeRecordedAt: e.outcome ? new Date(day + (e.inDays + 2) * DAY) : null,
      decidedAt: e.status === 'proposed' ? null : now,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

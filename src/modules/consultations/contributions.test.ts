import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contribution } from '../../kernel/contributions.js';
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { itemSchema } from '../questionnaires/index.js';
import { followConsultationContributions, listConsultationContributions } from './index.js';
import { saveConsultation } from './commands/save-consultation.js';
import { SETTLE_MS } from './commands/contributions.js';
import { consultationQuestionnaires, consultationResponses, consultations, type ConsultationRow } from './store/tables.js';

const en = (t: string) => ({ en: t });
const V1 = [
  {
    id: 'age',
    type: 'single_choice',
    label: en('Age'),
    demographic: true,
    options: [
      { value: 'young', label: en('Young') },
      { value: 'old', label: en('Old') },
    ],
  },
  { id: 'topics', type: 'multiple_choice', label: en('Topics'), allowOther: true, options: [{ value: 'jobs', label: en('Jobs') }] },
  { id: 'where', type: 'place', label: en('Where?') },
  { id: 'score', type: 'scale', label: en('Score') },
  { id: 'why', type: 'long_text', label: en('Why?') },
].map((i) => itemSchema.parse(i));
/** Version 2 adds a short text and makes the topics' "other" a single choice's. */
const V2 = [
  ...V1.filter((i) => i.id !== 'topics'),
  itemSchema.parse({ id: 'idea', type: 'short_text', label: en('One idea') }),
  itemSchema.parse({ id: 'mood', type: 'single_choice', label: en('Mood'), allowOther: true, options: [{ value: 'ok', label: en('OK') }] }),
];

describe.each(testDatabases())('consultation contributions on %s', (kind) => {
  let t: TestContext;
  let c: ConsultationRow;
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  beforeAll(async () => {
    t = await createTestContext(kind);
    c = await saveConsultation(t.deps, t.site.id, { slug: 'texts', title: en('Texts'), description: en('A survey.'), status: 'open' });
    await t.deps.db
      .update(consultationQuestionnaires)
      .set({ items: V1 })
      .where(and(eq(consultationQuestionnaires.siteId, t.site.id), eq(consultationQuestionnaires.consultationId, c.id)));
    await t.deps.db.insert(consultationQuestionnaires).values({ siteId: t.site.id, consultationId: c.id, version: 2, items: V2, createdAt: at(0) });
    [c] = await t.deps.db.update(consultations).set({ currentVersion: 2 }).where(eq(consultations.id, c.id)).returning();
    const row = (id: string, version: number, answers: Record<string, unknown>, extra: Record<string, unknown>) => ({
      id,
      siteId: t.site.id,
      consultationId: c.id,
      version,
      respondentKey: `import:${id}`,
      channel: 'import' as const,
      status: 'submitted' as const,
      answers,
      locale: 'en',
      createdAt: at(0),
      updatedAt: at(0),
      ...extra,
    });
    await t.deps.db.insert(consultationResponses).values([
      row(
        '00000000-0000-4000-8000-000000000001',
        1,
        {
          age: 'young',
          topics: { values: ['jobs', '_other'], other: ' Housing ' },
          why: 'Because rent doubled.',
          where: { lat: 50.45, lon: 30.52, text: 'Kyiv' },
        },
        { submittedAt: at(10) },
      ),
      // No open text: no contribution.
      row('00000000-0000-4000-8000-000000000002', 1, { age: 'old', score: 3 }, { submittedAt: at(20) }),
      // A draft and a paper response awaiting its check are not counted.
      row('00000000-0000-4000-8000-000000000003', 1, { why: 'Not sent yet' }, { status: 'draft', submittedAt: null }),
      row('00000000-0000-4000-8000-000000000004', 1, { why: 'Not checked yet' }, { status: 'pending', channel: 'paper', submittedAt: null }),
      // Same time as the next one: the id breaks the tie.
      row(
        '00000000-0000-4000-8000-000000000005',
        2,
        { age: 'old', idea: 'More trams', mood: { other: 'Tired' } },
        { submittedAt: at(30), channel: 'online', locale: 'pt' },
      ),
      row('00000000-0000-4000-8000-000000000006', 2, { idea: 'Night buses', why: '   ' }, { submittedAt: at(30) }),
    ]);
  });
  afterAll(() => t.close());

  it('lists the open-text answers of submitted responses in the shared shape, each read with its questionnaire version', async () => {
    const page = await listConsultationContributions(t.deps, c);
    expect(page.done).toBe(true);
    expect(page.contributions.map((x) => x.id)).toEqual([
      '00000000-0000-4000-8000-000000000001:topics',
      '00000000-0000-4000-8000-000000000001:why',
      '00000000-0000-4000-8000-000000000005:idea',
      '00000000-0000-4000-8000-000000000005:mood',
      '00000000-0000-4000-8000-000000000006:idea',
    ]);
    const [housing, rent, trams, tired, buses] = page.contributions as Contribution[];
    expect(housing).toEqual({
      id: '00000000-0000-4000-8000-000000000001:topics',
      module: 'consultations',
      project: { kind: 'consultation', id: c.id },
      text: 'Housing',
      language: null,
      time: at(10).toISOString(),
      place: { lat: 50.45, lon: 30.52, text: 'Kyiv' },
      demographics: { age: 'young' },
      tags: ['topics'],
      reactions: {},
    });
    expect(rent).toMatchObject({ text: 'Because rent doubled.', tags: ['why'], demographics: { age: 'young' } });
    // An online response records the language its pages were answered in.
    expect(trams).toMatchObject({ text: 'More trams', language: 'pt', place: null, demographics: { age: 'old' } });
    expect(tired).toMatchObject({ text: 'Tired', tags: ['mood'] });
    expect(buses).toMatchObject({ text: 'Night buses', demographics: {} });
    expect(page.next).toEqual({ since: at(30).toISOString(), afterId: '00000000-0000-4000-8000-000000000006' });
  });

  it('pages with a cursor, so a job reads only what came after, and ties on time are not read twice', async () => {
    const pages = [];
    for await (const p of followConsultationContributions(t.deps, c, { limit: 2 })) pages.push(p);
    expect(pages.map((p) => p.contributions.map((x) => x.text))).toEqual([
      ['Housing', 'Because rent doubled.'],
      ['More trams', 'Tired', 'Night buses'],
      [],
    ]);
    expect(pages.map((p) => p.done)).toEqual([false, false, true]);
    const fromTie = await listConsultationContributions(t.deps, c, {
      after: { since: at(30).toISOString(), afterId: '00000000-0000-4000-8000-000000000005' },
    });
    expect(fromTie.contributions.map((x) => x.text)).toEqual(['Night buses']);
    const since = await listConsultationContributions(t.deps, c, { after: { since: at(20).toISOString() } });
    expect(since.contributions.map((x) => x.text)).toEqual(['More trams', 'Tired', 'Night buses']);
    // Nothing new: the cursor stays where it was.
    const last = pages[pages.length - 1].next;
    const nothing = await listConsultationContributions(t.deps, c, { after: last });
    expect(nothing).toEqual({ contributions: [], next: last, done: true });
  });

  it('follows a response sent through the survey, in the language it was answered in', async () => {
    const before = await listConsultationContributions(t.deps, c);
    const browser = createClient(t);
    const sent = await browser.api('POST', `/consultations/texts/survey?lang=uk`, {
      page: 0,
      move: 'submit',
      answers: { age: 'old', idea: 'Більше дерев', mood: 'ok' },
    });
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(t.deps.clock.now().getTime()).toBeGreaterThan(at(30).getTime());
    // Until its transaction is sure to have committed, a response waits for a later page.
    expect((await listConsultationContributions(t.deps, c, { after: before.next })).contributions).toHaveLength(0);
    t.clock.advance(SETTLE_MS + 1);
    const after = await listConsultationContributions(t.deps, c, { after: before.next });
    expect(after.contributions).toHaveLength(1);
    expect(after.contributions[0]).toMatchObject({ text: 'Більше дерев', language: 'uk', tags: ['idea'], demographics: { age: 'old' } });
  });
});

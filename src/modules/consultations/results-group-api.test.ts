import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids.js';
import { createPlainDesign, estimateDomainMean, postStratify } from '../../math/survey-weighting.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { itemSchema } from '../questionnaires/index.js';
import { FIXTURE_ANSWERS, FIXTURE_ITEMS, seedResultsFixture } from './test-helpers.js';
import { consultationQuestionnaires, consultationResponses } from './store/tables.js';

/** Six more women, four saying yes: ten women in all (seven yes), two men (no); nobody "other". */
const MORE = [
  { gender: 'f', trust: 'yes', score: 9 },
  { gender: 'f', trust: 'yes', score: 7 },
  { gender: 'f', trust: 'no', score: 1 },
  { gender: 'f', trust: 'yes' },
  { gender: 'f', trust: 'no' },
  { gender: 'f', trust: 'yes', score: 5 },
];
const ALL = [...FIXTURE_ANSWERS, ...MORE];
/** The fixture's consultation, once made. */
const MORE_CONSULTATION: { id?: string } = {};

/** The SE of an unweighted domain mean: n/(n-1) Σ_D (y - ȳ_D)² / n_D², n = every respondent (Cochran's ratio estimator). */
function domainSe(ys: number[], n: number): number {
  const m = ys.reduce((a, b) => a + b, 0) / ys.length;
  return Math.sqrt((n / (n - 1)) * ys.reduce((a, y) => a + (y - m) ** 2, 0)) / ys.length;
}

describe.each(testDatabases())('results by group on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;
  const base = '/consultations/eu-trust';
  beforeAll(async () => {
    t = await createTestContext(kind);
    const c = await seedResultsFixture(t);
    MORE_CONSULTATION.id = c.id;
    // A third gender option nobody chose.
    const items = FIXTURE_ITEMS.map((i) =>
      i.id === 'gender' ? itemSchema.parse({ ...i, options: [...i.options, { value: 'x', label: { en: 'Another' } }] }) : i,
    );
    await t.deps.db
      .update(consultationQuestionnaires)
      .set({ items })
      .where(and(eq(consultationQuestionnaires.siteId, t.site.id), eq(consultationQuestionnaires.consultationId, c.id)));
    const now = t.deps.clock.now();
    await t.deps.db.insert(consultationResponses).values(
      MORE.map((a, i) => ({
        id: newId(),
        siteId: t.site.id,
        consultationId: c.id,
        version: 1,
        respondentKey: `import:more-${i}`,
        channel: 'import' as const,
        status: 'submitted' as const,
        answers: a,
        locale: 'en',
        submittedAt: new Date(now.getTime() + (10 + i) * 1000),
        createdAt: now,
        updatedAt: now,
      })),
    );
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('gives staff a group’s figures (domain estimates over all respondents) with a group object, flagging a small group', async () => {
    const res = await editor.api('GET', `${base}/results?group=gender:m`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.respondents).toBe(12);
    expect(r.group).toEqual({ question: 'gender', value: 'm', label: 'Man', respondents: 2, small: true, withheld: false });
    const trust = r.questions.find((q: { question: string }) => q.question === 'trust');
    expect(trust.answered).toBe(2);
    expect(trust.shares.map((s: { count: number }) => s.count)).toEqual([0, 2]);
    expect(trust.shares[1].share.estimate).toBe(1);
    const women = await (await editor.api('GET', `${base}/results?group=gender:f`)).json();
    // Ten women, but only two others: small too (the whole's figures would give the other two away), shown to staff.
    expect(women.group).toMatchObject({ respondents: 10, small: true, withheld: false });
    const wTrust = women.questions.find((q: { question: string }) => q.question === 'trust');
    const ys = ALL.filter((a) => a.gender === 'f').map((a) => (a.trust === 'yes' ? 1 : 0));
    expect(wTrust.shares[0].count).toBe(7);
    expect(wTrust.shares[0].share.estimate).toBeCloseTo(0.7, 12);
    expect(wTrust.shares[0].share.se).toBeCloseTo(domainSe(ys, 12), 12);
    // Not the SE of the ten women taken alone (the subset's own n).
    expect(wTrust.shares[0].share.se).not.toBeCloseTo(domainSe(ys, 10), 6);
    const score = women.questions.find((q: { question: string }) => q.question === 'score');
    const scores = ALL.filter((a) => a.gender === 'f' && 'score' in a).map((a) => (a as { score: number }).score);
    expect(score.mean.unweighted.estimate).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
    expect(score.mean.unweighted.se).toBeCloseTo(domainSe(scores, 12), 12);
  });

  it('weights on the whole sample, then restricts to the group', async () => {
    expect((await editor.api('PUT', `${base}/margins`, { margins: { gender: { f: 0.5, m: 0.5 } }, source: 'census' })).status).toBe(200);
    expect((await editor.api('PUT', `${base}/weighting`, { method: 'poststratify', questions: ['gender'] })).status).toBe(200);
    const r = await (await editor.api('GET', `${base}/results?group=gender:f`)).json();
    const yes = r.questions.find((q: { question: string }) => q.question === 'trust').shares[0];
    const wd = postStratify(
      createPlainDesign(ALL.map((_, i) => String(i))),
      [{ name: 'gender', values: ALL.map((a) => a.gender) }],
      [
        { levels: ['f'], total: 6 },
        { levels: ['m'], total: 6 },
      ],
    );
    if (!wd.ok) throw new Error(wd.error.message);
    const want = estimateDomainMean(
      wd.value,
      ALL.map((a) => (a.trust === 'yes' ? 1 : 0)),
      { indicator: ALL.map((a) => a.gender === 'f'), margin: 'gender', category: 'f' },
    );
    if (!want.ok) throw new Error(want.error.message);
    expect(yes.weighted.estimate).toBeCloseTo(0.7, 12);
    expect(yes.weighted.se).toBeCloseTo(want.value.se, 12);
    // The group is a post-stratum: its weights are all equal and the residuals add nothing, so
    // the weighted domain SE is the unweighted one (x_k = w (y_k - ȳ) / (w n_D) either way).
    expect(yes.weighted.se).toBeCloseTo(yes.share.se, 12);
  });

  it('refuses a group that is not a category of a demographic question, or has nobody in it, naming it', async () => {
    const unknown = await editor.api('GET', `${base}/results?group=gender:z`);
    expect(unknown.status).toBe(400);
    const u = (await unknown.json()).error;
    expect(u.fields.group).toMatch(/gender: z/);
    const notDemographic = await (await editor.api('GET', `${base}/results?group=trust:yes`)).json();
    expect(notDemographic.error.fields.group).toMatch(/not a category of a demographic question/);
    const malformed = await (await editor.api('GET', `${base}/results?group=gender`)).json();
    expect(malformed.error.fields.group).toMatch(/<question>:<category>/);
    const empty = await editor.api('GET', `${base}/results?group=gender:x`);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.fields.group).toMatch(/no respondent chose "x" for "gender"/);
  });

  it('shows the public published questions only, grouped by published questions, withholding small groups and their size', async () => {
    expect((await editor.api('PUT', `${base}/publication`, { published: true, questions: ['trust'] })).status).toBe(200);
    const reader = createClient(t);
    // Gender is not published: the public cannot group by it.
    const unpublished = await reader.api('GET', `${base}/results?group=gender:f`);
    expect(unpublished.status).toBe(400);
    const refusal = await unpublished.json();
    expect(refusal.error.fields.group, JSON.stringify(refusal)).toMatch(/not a category of a demographic question/);
    expect((await editor.api('PUT', `${base}/publication`, { published: true, questions: ['gender', 'trust'] })).status).toBe(200);
    // Two men, ten women: both groups are withheld, and so is their size; a category nobody chose reads the same.
    for (const value of ['m', 'f', 'x']) {
      const r = await (await reader.api('GET', `${base}/results?group=gender:${value}`)).json();
      expect(r.group, value).toMatchObject({ respondents: null, small: true, withheld: true });
      expect(r.questions).toEqual([]);
    }
    // Eight more men: both groups are large enough to be shown.
    const now = t.deps.clock.now();
    await t.deps.db.insert(consultationResponses).values(
      Array.from({ length: 8 }, (_, i) => ({
        id: newId(),
        siteId: t.site.id,
        consultationId: MORE_CONSULTATION.id as string,
        version: 1,
        respondentKey: `import:men-${i}`,
        channel: 'import' as const,
        status: 'submitted' as const,
        answers: { gender: 'm', trust: 'no' },
        locale: 'en',
        submittedAt: new Date(now.getTime() + (30 + i) * 1000),
        createdAt: now,
        updatedAt: now,
      })),
    );
    const women = await (await reader.api('GET', `${base}/results?group=gender:f`)).json();
    expect(women.group).toMatchObject({ respondents: 10, small: false, withheld: false });
    expect(women.questions.map((q: { question: string }) => q.question)).toEqual(['gender', 'trust']);
    const everyone = await (await reader.api('GET', `${base}/results`)).json();
    expect(everyone.group).toBeUndefined();
    expect(everyone.questions.find((q: { question: string }) => q.question === 'trust').shares[0].count).toBe(7);
  });
});

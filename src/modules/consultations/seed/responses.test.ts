import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../server/testing.js';
import { validateAnswers } from '../../questionnaires/index.js';
import { computeResults } from '../commands/results.js';
import { questionnaireOf } from '../commands/take-part.js';
import { listCountedResponses } from '../store/results.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { DEMO_CONSULTATION, seedConsultations } from './seed.js';
import { seedDemoResponses } from './responses.js';

describe('the demo consultation’s made-up responses', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext('pglite');
    await seedConsultations(t.deps, t.site.id);
    await seedDemoResponses(t.deps, t.site.id);
    await seedDemoResponses(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('are valid, counted once, raked to the margins without a problem, and published', async () => {
    const c = (await findConsultationBySlug(t.deps.db, t.site.id, DEMO_CONSULTATION))!;
    expect(c.resultsPublished).toBe(true);
    const results = await computeResults(t.deps, c, { audience: 'public' });
    expect(results.respondents).toBe(480);
    expect(results.weighting).toMatchObject({ method: 'rake', problem: null, unweightable: 0 });
    const trust = results.questions.find((q) => q.question === 'trust')!;
    expect(trust.mean!.weighted!.estimate).toBeGreaterThan(0);
    // Weighting moves the age make-up to the population's: the respondents skew young.
    const age = results.representativeness.find((r) => r.question === 'age')!;
    expect(age.rows[0].sampleShare).toBeGreaterThan(age.rows[0].populationShare);
    // Every made-up response is one the questionnaire accepts.
    const items = await questionnaireOf(t.deps, c);
    for (const r of await listCountedResponses(t.deps.db, t.site.id, c.id)) expect(validateAnswers(items, r.answers, 'submit').errors).toEqual({});
  });
});

import { and, eq } from 'drizzle-orm';
import { newId } from '../../kernel/ids.js';
import type { TestContext } from '../../server/testing.js';
import { itemSchema } from '../questionnaires/index.js';
import { saveConsultation } from './commands/save-consultation.js';
import { consultationQuestionnaires, consultationResponses } from './store/tables.js';

const en = (t: string, uk?: string) => ({ en: t, ...(uk ? { uk } : {}) });
/** A small questionnaire: a demographic question, a yes/no question, a scale and a long text. */
export const FIXTURE_ITEMS = [
  {
    id: 'gender',
    type: 'single_choice',
    label: en('Gender', 'Стать'),
    demographic: true,
    options: [
      { value: 'f', label: en('Woman', 'Жінка') },
      { value: 'm', label: en('Man', 'Чоловік') },
    ],
  },
  {
    id: 'trust',
    type: 'single_choice',
    label: en('Do you trust the EU?'),
    options: [
      { value: 'yes', label: en('Yes') },
      { value: 'no', label: en('No') },
    ],
  },
  { id: 'score', type: 'scale', label: en('Score'), min: 0, max: 10 },
  { id: 'why', type: 'long_text', label: en('Why?') },
].map((i) => itemSchema.parse(i));
/** Six responses: four women (three say yes), two men (both say no). */
export const FIXTURE_ANSWERS = [
  { gender: 'f', trust: 'yes', score: 8, why: 'Peace, "mostly"' },
  { gender: 'f', trust: 'yes', score: 6 },
  { gender: 'f', trust: 'yes' },
  { gender: 'f', trust: 'no', score: 2 },
  { gender: 'm', trust: 'no', score: 4 },
  { gender: 'm', trust: 'no' },
];

/** Creates the open consultation `eu-trust` with the fixture questionnaire and its six submitted responses. */
export async function seedResultsFixture(t: TestContext) {
  const c = await saveConsultation(t.deps, t.site.id, { slug: 'eu-trust', title: en('EU trust'), description: en('A survey.'), status: 'open' });
  await t.deps.db
    .update(consultationQuestionnaires)
    .set({ items: FIXTURE_ITEMS })
    .where(and(eq(consultationQuestionnaires.siteId, t.site.id), eq(consultationQuestionnaires.consultationId, c.id)));
  const now = t.deps.clock.now();
  await t.deps.db.insert(consultationResponses).values(
    FIXTURE_ANSWERS.map((a, i) => ({
      id: newId(),
      siteId: t.site.id,
      consultationId: c.id,
      version: 1,
      respondentKey: `import:${i}`,
      channel: 'import' as const,
      status: 'submitted' as const,
      answers: a,
      locale: 'en',
      submittedAt: new Date(now.getTime() + i * 1000),
      createdAt: now,
      updatedAt: now,
    })),
  );
  return c;
}

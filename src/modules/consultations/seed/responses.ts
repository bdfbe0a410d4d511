import { count, and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { newId } from '../../../kernel/ids.js';
import { rankCount, scaleRange, type Item } from '../../questionnaires/index.js';
import { saveMargins, saveWeighting, setPublication } from '../commands/results-settings.js';
import { questionnaireOf } from '../commands/take-part.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { consultationResponses } from '../store/tables.js';
import { DEMO_CONSULTATION } from './seed.js';

/** How many made-up responses the demo consultation gets. */
const DEMO_RESPONSES = 480;

/** A deterministic pseudo-random stream (Park–Miller), so every demo site has the same figures. */
function makeRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
}

/** Made-up answers to every question on the first two pages, skewed so the results have something to show. */
function answersFor(items: readonly Item[], rand: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Younger and more educated people answer online surveys more: the skew weighting corrects.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * rand() ** 1.6));
  for (const item of items) {
    if (item.showIf || item.type === 'page_break' || item.type === 'section') continue;
    const values = item.options.map((o) => o.value);
    if (item.type === 'single_choice') {
      const k = item.demographic ? skewed(values.length) : Math.floor(rand() * values.length);
      // Respondents skew young (the first age bands) and towards more education (the last levels).
      out[item.id] = values[item.id === 'edu' ? values.length - 1 - k : k];
    } else if (item.type === 'multiple_choice') {
      const max = Math.min(item.maxChoices ?? values.length, values.length);
      const picked = values.filter(() => rand() < 0.35).slice(0, max);
      out[item.id] = picked.length ? picked : [values[Math.floor(rand() * values.length)]];
    } else if (item.type === 'scale') {
      const { min, max } = scaleRange(item);
      out[item.id] = min + Math.min(max - min, Math.floor((max - min + 1) * (0.25 + 0.75 * rand())));
    } else if (item.type === 'ranking') {
      const order = [...values].sort(() => rand() - 0.5);
      out[item.id] = order.slice(0, rankCount(item));
    } else if (item.type === 'matrix') {
      const columns = (item.columns ?? []).map((c) => c.value);
      out[item.id] = Object.fromEntries((item.rows ?? []).map((r) => [r.value, columns[Math.floor(rand() * columns.length)]]));
    }
  }
  return out;
}

/**
 * Gives the demo consultation made-up responses (deterministic), population margins for age,
 * region and education, raking on them, and published results, so the results pages show what
 * a running consultation looks like. Only for the demo site; does nothing once responses exist.
 */
export async function seedDemoResponses(deps: Deps, siteId: string): Promise<void> {
  const c = await findConsultationBySlug(deps.db, siteId, DEMO_CONSULTATION);
  if (!c) return;
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(consultationResponses)
    .where(and(eq(consultationResponses.siteId, siteId), eq(consultationResponses.consultationId, c.id)));
  if (n > 0) return;
  const items = await questionnaireOf(deps, c);
  const rand = makeRandom(20_270_509);
  const now = deps.clock.now().getTime();
  const rows = Array.from({ length: DEMO_RESPONSES }, (_, i) => {
    const at = new Date(now - Math.floor(rand() * 13 * 86_400_000));
    return {
      id: newId(),
      siteId,
      consultationId: c.id,
      version: c.currentVersion,
      respondentKey: `demo:${i}`,
      channel: (i % 12 === 0 ? 'paper' : 'online') as 'paper' | 'online',
      status: 'submitted' as const,
      answers: answersFor(items, rand),
      locale: ['en', 'es', 'fr', 'pt', 'uk'][i % 5],
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    };
  });
  await deps.db.insert(consultationResponses).values(rows);
  // Population shares (made up for the demo, in the spirit of Eurostat's age and education tables).
  const shares = (id: string, figures: number[]) => {
    const item = items.find((i) => i.id === id);
    if (!item) return {};
    const total = figures.slice(0, item.options.length).reduce((s, v) => s + v, 0);
    return Object.fromEntries(item.options.map((o, k) => [o.value, (figures[k] ?? 0) / total]));
  };
  let row = await saveMargins(deps, c, {
    margins: { age: shares('age', [13, 23, 25, 16, 23]), region: shares('region', [22, 21, 19, 20, 18]), edu: shares('edu', [25, 45, 30, 10, 10]) },
    source: 'Demo figures',
  });
  row = await saveWeighting(deps, row, { method: 'rake', questions: ['age', 'region', 'edu'] });
  const published = items.filter((i) => ['region', 'topics', 'trust', 'prio', 'views'].includes(i.id)).map((i) => i.id);
  if (published.length) await setPublication(deps, row, { published: true, questions: published });
}

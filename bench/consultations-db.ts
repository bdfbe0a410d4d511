import { and, eq, sql } from 'drizzle-orm';
import { questionnaireOf } from '../src/modules/consultations/commands/take-part.js';
import { createTestContext, signedInClient } from '../src/server/testing.js';
import { computeCrossTab } from '../src/modules/consultations/commands/results.js';
import { saveMargins, saveWeighting } from '../src/modules/consultations/commands/results-settings.js';
import { saveConsultation } from '../src/modules/consultations/commands/save-consultation.js';
import { weightResponses } from '../src/modules/consultations/core/results.js';
import { listCountedResponses, pageResponseRows } from '../src/modules/consultations/store/results.js';
import { findConsultationById } from '../src/modules/consultations/store/consultations.js';
import { consultationQuestionnaires } from '../src/modules/consultations/store/tables.js';
import { itemSchema } from '../src/modules/questionnaires/index.js';
import { ms, report } from './lib.js';

const N = Number(process.env.BENCH_CONSULTATION_RESPONSES ?? 100_000);
const QUESTIONS = 40;

/** A single-choice question `id` with `k` options `<prefix>0..k-1`. */
function choice(id: string, k: number, prefix: string, demographic = false) {
  return itemSchema.parse({
    id,
    type: 'single_choice',
    label: { en: id },
    demographic,
    options: Array.from({ length: k }, (_, i) => ({ value: `${prefix}${i}`, label: { en: `${prefix}${i}` } })),
  });
}

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

/**
 * Issue 13's database figures: 100,000 responses × 40 questions on PostgreSQL (three demographic
 * questions: region 10, age band 20, education 20 = 50 margin cells; 37 five-option questions).
 * A cross-tab (unweighted and raked), raking to the three margins, and the CSV export streamed
 * over HTTP (rows per second).
 */
export async function benchConsultationsDb(): Promise<void> {
  const title = `Consultations on PostgreSQL: ${N.toLocaleString('en')} responses × ${QUESTIONS} questions`;
  if (!process.env.TEST_DATABASE_URL) {
    report(title, [['skipped', 'set TEST_DATABASE_URL to a PostgreSQL server (a fresh database is created and dropped)']]);
    return;
  }
  const t = await createTestContext('postgres');
  try {
    const c0 = await saveConsultation(t.deps, t.site.id, { slug: 'bench', title: { en: 'Bench' }, description: { en: 'Bench' }, status: 'open' });
    const items = [choice('region', 10, 'r', true), choice('age', 20, 'a', true), choice('education', 20, 'e', true)];
    for (let k = items.length; k < QUESTIONS; k++) items.push(choice(`q${k}`, 5, 'o'));
    await t.deps.db
      .update(consultationQuestionnaires)
      .set({ items })
      .where(and(eq(consultationQuestionnaires.siteId, t.site.id), eq(consultationQuestionnaires.consultationId, c0.id)));
    // Skewed answers from a hash of the row number, generated inside PostgreSQL.
    const pick = (key: string, k: number, prefix: string, salt: number) => `'${key}', '${prefix}' || (abs(hashint4(g * ${salt} + ${k})) % ${k})`;
    const fields = items.map((item, i) => pick(item.id, item.options.length, item.options[0].value.replace(/\d+$/, ''), 31 + i));
    const loaded = performance.now();
    await t.deps.db.execute(
      sql.raw(`insert into consultation_responses (id, site_id, consultation_id, version, respondent_key, channel, status, answers, page, locale, submitted_at, created_at, updated_at)
        select gen_random_uuid(), '${t.site.id}', '${c0.id}', 1, 'import:' || g, 'import', 'submitted', jsonb_build_object(${fields.join(', ')}), 0, 'en',
               now() + g * interval '1 millisecond', now(), now()
        from generate_series(1, ${N}) g`),
    );
    await t.deps.db.execute(sql`analyze consultation_responses`);
    const loadTime = performance.now() - loaded;
    const share = (k: number) => Object.fromEntries(Array.from({ length: k }, (_, i) => [`${['r', 'a', 'e'][k === 10 ? 0 : 1]}${i}`, 1 / k]));
    let c = (await findConsultationById(t.deps.db, t.site.id, c0.id))!;
    c = await saveMargins(t.deps, c, {
      margins: {
        region: share(10),
        age: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}`, 1 / 20])),
        education: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`e${i}`, (i + 1) / 210])),
      },
    });
    c = await saveWeighting(t.deps, c, { method: 'rake', questions: ['region', 'age', 'education'] });
    // Baselines on the same table in the same run (the machine may be shared): one full scan, and
    // reading every response's answers as the export does, without coding or writing them.
    const scan = await median(5, () => t.deps.db.execute(sql`select count(*) from consultation_responses where consultation_id = ${c.id}`));
    const readStarted = performance.now();
    let read = 0;
    for await (const page of pageResponseRows(t.deps.db, t.site.id, c.id)) read += page.length;
    const readTime = performance.now() - readStarted;
    const unweighted = await median(5, () => computeCrossTab(t.deps, c, { question: 'q5', by: 'region' }));
    const weighted = await median(5, () => computeCrossTab(t.deps, c, { question: 'q5', by: 'region', weighted: true }));
    const all = await questionnaireOf(t.deps, c);
    const heads = await listCountedResponses(t.deps.db, t.site.id, c.id, { questions: ['region', 'age', 'education'] });
    const raking = await median(5, async () => {
      const w = weightResponses(all, heads, c.margins, c.weighting);
      if (!w.ok) throw new Error(w.error.message);
    });
    const readHeads = await median(3, () => listCountedResponses(t.deps.db, t.site.id, c.id, { questions: ['region', 'age', 'education'] }));
    const editor = await signedInClient(t, 'editor');
    const started = performance.now();
    const res = await editor.get('/consultations/bench/export/responses.csv');
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    const exportTime = performance.now() - started;
    const times = (x: number) => `${ms(x)} (${(x / scan).toFixed(1)}× the count)`;
    const rate = (rows: number, time: number) => Math.round((rows / time) * 1000);
    const exported = lines - 1;
    report(title, [
      ['responses generated in PostgreSQL', ms(loadTime)],
      ['baseline: count the responses, select count(*)', ms(scan)],
      ['cross-tab q5 × region, unweighted (aim < 200 ms)', times(unweighted)],
      ['cross-tab q5 × region, raked to 3 margins, 50 cells (aim < 200 ms)', times(weighted)],
      ['read the 3 demographic answers of every response', ms(readHeads)],
      ['raking to 3 margins (50 cells), in memory (aim < 1 s)', ms(raking)],
      [
        'baseline: read every response page by page, not coded',
        `${read} rows in ${ms(readTime)} = ${rate(read, readTime).toLocaleString('en')} rows/s`,
      ],
      [
        'CSV export streamed over HTTP (aim ≥ 50,000 rows/s)',
        `${exported} rows, ${(bytes / 1e6).toFixed(1)} MB in ${ms(exportTime)} = ${rate(exported, exportTime).toLocaleString('en')} rows/s (${((readTime / exportTime) * 100).toFixed(0)}% of the read)`,
      ],
    ]);
  } finally {
    await t.close();
  }
}

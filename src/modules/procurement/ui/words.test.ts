import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { seedRiskDemo } from '../seed/risk-demo.js';

const ROAD = 'ocds-demo-UA-2025-04-000009';
const LAPTOPS = 'ocds-demo-UA-2025-10-000002';
/** A red flag's code (R018, PZ02...), which a reader should never have to decode. */
const CODE = /\b(R\d{3}|PZ\d{2})\b/;
/** A JSON Pointer into a release, which is no way to name a field to a reader. */
const POINTER = /\/(tender|awards|contracts|parties|bids)\//;

/** The inner HTML of each element opening with `open` (up to its closing `close`). */
function parts(html: string, open: string, close: string): string[] {
  const out: string[] = [];
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) out.push(html.slice(at, html.indexOf(close, at)));
  return out;
}

// Procurement pages in Ukrainian: statuses, change log and red flags in words, fields by their labels.
describe.each(testDatabases())('procurement pages in the reader’s words (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedRiskDemo(t.deps, t.site.id);
  }, 60_000);
  afterAll(() => t?.close());

  const ukrainian = async (role: 'auditor' | null) => {
    const c = role ? await signedInClient(t, role) : createClient(t);
    c.jar.set('polity_locale', 'uk');
    return c;
  };

  it('says a process’s status and method in words, and its change log as labelled fields, never as pointers', async () => {
    const auditor = await ukrainian('auditor');
    const html = await (await auditor.get(`/procurement/processes/${ROAD}`)).text();
    expect(html).toContain('Що змінилося і коли');
    expect(html).toMatch(/<dt>Статус<\/dt><dd>Завершена<\/dd>/);
    expect(html).toMatch(/<dt>Процедура закупівлі<\/dt><dd>Відкриті торги<\/dd>/);
    const log = parts(html, '<ul class="change-log">', '</ul>').join('');
    expect(log).toContain('Статус тендеру: Активна → Завершена');
    expect(log).not.toMatch(POINTER);
    expect(log).not.toContain('<code>');
    // Every line of the log starts with a label in words.
    for (const line of parts(log, '<li>', '</li>')) expect(line).toMatch(/^<li>[А-ЯІЇЄҐ][^:/]*: /);
    expect(html).not.toContain('"active"');
  });

  it('shows red flags by their names in the queue and on profiles, without their codes', async () => {
    const auditor = await ukrainian('auditor');
    const queue = await (await auditor.get('/procurement/risk/queue')).text();
    const cells = parts(queue, '<ul class="flag-names">', '</ul>');
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.join('')).toContain('Відхилено кількох учасників');
    for (const cell of cells) expect(cell).not.toMatch(CODE);

    const supplier = await (await (await ukrainian(null)).get('/procurement/suppliers/UA-EDR-DEMO-102')).text();
    const supplierCells = parts(supplier, '<ul class="flag-names">', '</ul>');
    expect(supplierCells.length).toBeGreaterThan(0);
    for (const cell of supplierCells) expect(cell).not.toMatch(CODE);
    expect(supplier).not.toMatch(/<td>(R\d{3}|PZ\d{2})(, |<)/);
  });

  it('names refused fields by their labels with the reason in Ukrainian', async () => {
    const visitor = await ukrainian(null);
    const feedback = await (await visitor.form(`/procurement/processes/${LAPTOPS}`, { intent: 'feedback', name: '', message: 'ok' })).text();
    expect(feedback).toMatch(/>Ваше ім(&#x27;|')я: Заповніть це поле<\/a>/);
    expect(feedback).toMatch(/Ваш відгук: [^<]*5/);
    expect(feedback).not.toContain('is required');

    const auditor = await ukrainian('auditor');
    const settings = await auditor.form('/procurement/admin/risk-settings', { 'buckets.high': '0.1', 'rules.PZ06.threshold': 'lots' });
    expect(settings.status).toBe(400);
    const html = await settings.text();
    expect(html).toContain('>Високий ризик від оцінки: Має бути більше за поріг середнього ризику</a>');
    expect(html).toMatch(/<p class="error"[^>]*>Введіть число<\/p><input id="field-rules.PZ06.threshold"/);
    expect(html).not.toContain('must be');

    const queue = await (await auditor.get('/procurement/risk/queue?bucket=extreme')).text();
    expect(queue).toContain('>Рівень ризику: ');
    expect(queue).not.toContain('must be');
  });

  it('folds the filters of the lists behind a disclosure, open when a filter is in use', async () => {
    const visitor = await ukrainian(null);
    const list = await (await visitor.get('/procurement/processes')).text();
    expect(list).toMatch(/<details class="filter-panel"><summary>Фільтри<\/summary><form [^>]*action="\/procurement\/processes"/);
    const filtered = await (await visitor.get('/procurement/processes?q=road')).text();
    expect(filtered).toMatch(/<details class="filter-panel" open=""><summary>Фільтри<\/summary>/);
    const auditor = await ukrainian('auditor');
    expect(await (await auditor.get('/procurement/risk/queue')).text()).toMatch(/<details class="filter-panel"><summary>Фільтри<\/summary>/);
    expect(await (await auditor.get('/procurement/risk/queue?indicator=PZ02')).text()).toMatch(/<details class="filter-panel" open="">/);
  });
});

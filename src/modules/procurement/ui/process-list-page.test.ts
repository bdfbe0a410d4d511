import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { seedRiskDemo } from '../seed/risk-demo.js';

const LAPTOPS = 'ocds-demo-UA-2025-10-000002';
/** A message id left in the page instead of its words. */
const RAW_KEY = /\b(procurement|form|nav|error)\.[a-zA-Z]+\.[a-zA-Z_.]+/;

describe.each(testDatabases())('procurement process list page without JavaScript (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedRiskDemo(t.deps, t.site.id);
  }, 60_000);
  afterAll(() => t?.close());

  const page = async (query: string, locale = 'en') => {
    const res = await createClient(t).request(`/procurement/processes${query}`, { headers: { 'accept-language': locale } });
    expect(res.status, query).toBe(200);
    const html = await res.text();
    expect(html, query).not.toMatch(RAW_KEY);
    return html;
  };

  it('lists processes with a labelled GET form, links, money for the locale and statuses in words', async () => {
    const html = await page('');
    expect(html).toMatch(/<form [^>]*action="\/procurement\/processes" method="get"/);
    for (const name of ['q', 'buyer', 'supplier', 'valueMin', 'valueMax', 'dateFrom', 'dateTo', 'status', 'indicator', 'risk'])
      expect(html, name).toMatch(new RegExp(`<label for="field-${name}">[^<]+</label>`));
    expect(html).toContain(`<a href="/procurement/processes/${LAPTOPS}">Laptops for computer classes</a>`);
    expect(html).toMatch(/<td>UAH[\s\u00a0][\d,]+<\/td>/);
    expect(html).toContain('<td>Complete</td>');
    expect(html).toContain('role="region"');
    // In Ukrainian: the same list in its words and number format.
    const uk = await page('', 'uk');
    expect(uk).toContain('Процедури закупівель');
    expect(uk).toContain('<td>Завершена</td>');
    expect(uk).toMatch(/<td>[\d\s\u00a0]+,00[\s\u00a0]грн\.<\/td>|<td>[\d\s\u00a0]+[\s\u00a0](грн\.|₴|UAH)<\/td>/);
  });

  it('filters by words, indicator, risk level and buyer, and says when nothing matches', async () => {
    const byWords = await page('?q=laptops');
    expect(byWords).toContain('Laptops for computer classes');
    expect(byWords).not.toContain('School meals for the autumn term');
    expect(byWords).toContain('value="laptops"');
    const byFlag = await page('?indicator=PZ02');
    expect(byFlag).toContain('Laptops for computer classes');
    expect(byFlag).not.toContain('School meals for the autumn term');
    expect(byFlag).toMatch(/<option value="PZ02" selected="">/);
    const byBuyer = await page('?buyer=Regional+Roads');
    expect(byBuyer).toContain('Resurfacing of the regional road P-01');
    expect(byBuyer).not.toContain('Laptops for computer classes');
    const none = await page('?q=no-such-tender-anywhere');
    expect(none).toContain('No process matches this search.');
    expect(none).not.toContain('<table');
  });

  it('names bad filters by their labels, keeps what was typed and shows no results', async () => {
    const html = await page('?valueMin=lots&dateTo=2025-13-01&valueMax=');
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(/<a href="#field-valueMin">Lowest value( in [A-Z]{3})?: Enter a number<\/a>/);
    expect(html).toMatch(/<a href="#field-dateTo">To date: Enter a date as year-month-day, such as 2026-03-31<\/a>/);
    expect(html).toContain('value="lots"');
    expect(html).not.toContain('<table');
    const order = await page('?dateFrom=2025-05-01&dateTo=2025-01-01');
    expect(order).toMatch(/To date: Must not be before the first date/);
    const link = await page('?cursor=not-a-cursor', 'uk');
    expect(link).toContain('Це посилання на сторінку більше не працює: почніть пошук знову');
    const fr = await page('?valueMin=beaucoup', 'fr');
    expect(fr).toMatch(/Montant minimal( en [A-Z]{3})? : Saisissez un nombre/);
  });

  it('pages with a next link that keeps the filters', async () => {
    const first = await page('?risk=medium&limit=1');
    const next = first.match(/<a href="(\/procurement\/processes\?[^"]+)">Next page<\/a>/)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const params = new URL(`http://x${next}`).searchParams;
    expect(params.get('risk')).toBe('medium');
    expect(params.get('limit')).toBe('1');
    expect(params.get('cursor')).toBeTruthy();
    const second = await page(next!.replace('/procurement/processes', ''));
    const titles = (html: string) => [...html.matchAll(/<a href="\/procurement\/processes\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles(first)).toHaveLength(1);
    expect(titles(second)).toHaveLength(1);
    expect(titles(second)[0]).not.toBe(titles(first)[0]);
  });

  it('shows an audit outcome once an auditor publishes it', async () => {
    const auditor = await signedInClient(t, 'auditor');
    const path = `/procurement/processes/${LAPTOPS}`;
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'assign' })).status);
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'monitoring' })).status);
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'outcome', outcome: 'violation', note: 'Rejections not justified.' })).status);
    expect(await page('?q=laptops')).not.toContain('<td>Violation found');
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'publish' })).status);
    expect(await page('?q=laptops')).toMatch(/<td>Violation found \(Outcome published on [A-Z][a-z]+ \d+, \d{4}\)/);
    expect(await page('?outcome=violation')).toContain('Laptops for computer classes');
  });

  it("shows values in the reference currency next to the original, in the list and in the auditors' queue, and says which were not converted", async () => {
    const auditor = await signedInClient(t, 'auditor', { email: 'rates-auditor@example.org' });
    expect((await auditor.api('PUT', '/procurement/risk/currency', { referenceCurrency: 'EUR' })).status).toBe(200);
    // 45 hryvnias per euro from June 2025: the laptops (October) convert, the road (April) does not.
    const csv = await auditor.request('/api/v1/procurement/risk/exchange-rates', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': auditor.csrf },
      body: 'date,currency,rate\n2025-06-01,UAH,45\n',
    });
    expect(csv.status).toBe(200);
    const list = await page('?q=laptops');
    expect(list).toMatch(/about €[\d,]+/);
    expect(list).toContain('Lowest value in EUR');
    const queue = await (await auditor.get('/procurement/risk/queue')).text();
    expect(queue).not.toMatch(RAW_KEY);
    expect(queue).toMatch(/UAH[\s\u00a0][\d,]+(<!-- -->)?<br\/><span class="muted">€[\d,]+(<!-- -->)? in (<!-- -->)?EUR<\/span>/);
    expect(queue).toMatch(/Not converted: no rate for (<!-- -->)?UAH(<!-- -->)? on (<!-- -->)?[A-Z][a-z]+ \d+, 2025/);
  });
});

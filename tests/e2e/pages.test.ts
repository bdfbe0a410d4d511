import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startPolity, type Polity, VIEWPORTS } from './harness.js';

/** Every page a visitor can open (detail pages by their demo slugs). */
const PUBLIC_PAGES = [
  '/',
  '/library',
  '/library?q=budget&sort=relevance',
  '/library/countries',
  '/library/case-studies/brasil-planos-de-acao-governo-aberto',
  '/library/posts',
  '/library/posts?type=toolkit',
  '/library/posts/lessons-from-participatory-budgeting',
  '/library/calls',
  '/library/calls/public-sector-innovation-2027',
  '/budgeting',
  '/budgeting/green-neighbourhoods-2027',
  '/budgeting/green-neighbourhoods-2027?district=south',
  '/budgeting/green-neighbourhoods-2027/projects/5',
  '/budgeting/green-neighbourhoods-2027/vote',
  '/budgeting/green-neighbourhoods-2027/my-ballot',
  '/budgeting/neighbourhood-budget-2026/results',
  '/budgeting/neighbourhood-budget-2026/results?compare=phragmen',
  '/organisations',
  '/open-data',
  '/developers/api',
  '/sign-in',
  '/sign-up',
  '/terms',
  '/privacy',
  '/forgot-password',
  '/sign-in/link',
  '/conversations',
  '/conversations/city-centre',
  '/conversations/city-centre/embed',
  '/conversations/city-centre/report',
  '/procurement/risk',
  '/procurement/processes',
  '/procurement/processes?indicator=PZ02&valueMin=lots',
  '/procurement/processes/ocds-demo-UA-2025-10-000002',
  '/procurement/buyers/UA-EDR-DEMO-001',
  '/procurement/suppliers/UA-EDR-DEMO-103',
  '/service-requests',
  '/service-requests/new',
  '/service-requests/new?service=POTHOLE',
  '/service-requests/services/POTHOLE',
  '/service-requests/dashboard',
  '/service-requests/alerts',
  '/consultations',
  '/consultations/future-of-europe',
  '/consultations/future-of-europe/events',
  '/consultations/future-of-europe/events?country=PT',
  '/consultations/future-of-europe/survey',
  '/consultations/future-of-europe/print',
  '/consultations/future-of-europe/results?group=region:west',
];

/** The pages of signed-in people and of the administration. */
const ADMIN_PAGES = [
  '/account',
  '/admin',
  '/admin/site',
  '/admin/organisations',
  '/admin/people',
  '/admin/legal',
  '/admin/outbox',
  '/library/admin',
  '/library/admin/case-studies/new',
  '/library/admin/posts/new',
  '/library/admin/calls',
  '/library/admin/calls/new',
  '/library/admin/calls/public-sector-innovation-2027',
  '/library/admin/calls/public-sector-innovation-2027?add=single_choice',
  '/library/admin/submissions',
  '/conversations/new',
  '/conversations/import',
  '/conversations/city-centre/edit',
  '/conversations/city-centre/moderate',
  '/budgeting/admin',
  '/budgeting/admin/processes/new',
  '/budgeting/admin/processes/green-neighbourhoods-2027',
  '/budgeting/green-neighbourhoods-2027/propose',
  '/budgeting/green-neighbourhoods-2027/vote?district=city',
  '/budgeting/green-neighbourhoods-2027/admin',
  '/budgeting/green-neighbourhoods-2027/admin/codes',
  '/budgeting/green-neighbourhoods-2027/admin/paper',
  '/budgeting/green-neighbourhoods-2027/admin/census',
  '/procurement/risk/queue',
  '/procurement/risk/precision',
  '/procurement/risk/feedback',
  '/procurement/admin/ingests',
  '/procurement/admin/sources',
  '/service-requests/inbox',
  '/service-requests/admin/api-keys',
  '/service-requests/admin/catalogue',
  '/service-requests/admin/catalogue?edit=POTHOLE',
  '/consultations/admin',
  '/consultations/admin/new',
  '/consultations/future-of-europe/admin',
  '/consultations/future-of-europe/admin/results',
  '/consultations/future-of-europe/admin/invitations',
  '/consultations/future-of-europe/admin/questionnaire',
  '/consultations/future-of-europe/admin/questionnaire?edit=prio',
  '/consultations/future-of-europe/admin/questionnaire/preview',
  '/consultations/future-of-europe/results',
  '/consultations/future-of-europe/results?group=region:west',
  '/consultations/future-of-europe/events/new',
  '/consultations/future-of-europe/admin/events',
  '/consultations/future-of-europe/admin/events?status=approved',
  '/consultations/future-of-europe/paper',
  '/consultations/future-of-europe/admin/import-lss',
];

describe.each(VIEWPORTS)('every page passes axe-core at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('for a visitor', async () => {
    const page = await p.newPage();
    for (const path of PUBLIC_PAGES) {
      const res = await page.goto(p.url + path);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page, path);
    }
  }, 300_000);

  it('for the site admin, including every admin form', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/sign-in`);
    await page.getByLabel('Email address').first().fill('admin@demo.polity.localhost');
    await page.getByLabel(/^Password/).fill('polity-demo-admin');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    for (const path of ADMIN_PAGES) {
      const res = await page.goto(p.url + path);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page, path);
    }
    // The edit form of an existing case study too.
    await page.goto(`${p.url}/library/admin`);
    await page.locator('a[href^="/library/admin/case-studies/"]:not([href$="/new"])').first().click();
    await page.waitForURL(/\/library\/admin\/case-studies\/[0-9a-f-]{36}/);
    await expectAccessible(page, 'case study edit form');
  }, 300_000);

  it('lets a keyboard user filter the library and read a result', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/library`);
    const tabTo = async (matches: () => boolean, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(matches)) return;
      }
      throw new Error('never reached by Tab');
    };
    // On phones the facets fold behind "Filters" under the search box: open it by keyboard first.
    if (await page.locator('.filter-panel > summary').isVisible()) {
      await tabTo(() => document.activeElement?.matches('.filter-panel > summary') ?? false);
      await page.keyboard.press('Enter');
    }
    await tabTo(() => (document.activeElement as HTMLInputElement | null)?.type === 'checkbox');
    const facet = await page.evaluate(() => (document.activeElement as HTMLInputElement).name);
    await page.keyboard.press('Space');
    await tabTo(() => document.activeElement?.textContent === 'Apply filters');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`[?&]${facet}=`));
    await tabTo(() => !!document.activeElement?.closest('li.card'), 200);
    const title = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/library\/case-studies\//);
    expect(await page.locator('h1').textContent()).toBe(title);
  });

  it('in every language of the demo site', async () => {
    const page = await p.newPage();
    for (const lang of ['es', 'fr', 'pt', 'uk']) {
      await page.goto(`${p.url}/library?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(page, `library in ${lang}`);
    }
  }, 300_000);
});

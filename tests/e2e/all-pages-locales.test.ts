import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/kernel/i18n.js';
import { manifests } from '../../src/server/modules.js';
import { messagesFor } from '../../src/web/messages.js';
import { signIn, startPolity, type Polity } from './harness.js';

/**
 * Every page of every manifest, in every locale of the demo site: no raw message id in what the
 * reader sees, a title in the page's language, and (in the browser) no hydration error, failed island or other
 * console error. Pages are fetched over HTTP in every locale (fast); the browser opens each page in
 * the locales of BROWSER_LOCALES, where server and browser formatting differ most.
 */

/** The shell's own page routes (src/web/routes.ts), then every manifest's. */
const ROUTES = ['', 'developers/api', 'admin', 'open-data', ...manifests.flatMap((m) => (m.pages ?? []).map((p) => p.path))];

/** Routes that are not pages a person reads, with the reason. */
const NOT_PAGES: Record<string, string> = {
  'sign-out': 'an action: signs the person out and redirects',
  'account/data.json': 'a JSON download of the account data',
  'library/admin/submissions/:id': 'the demo seeds no submission to a call (src/modules/library/ui/call-pages.test.ts renders the review page)',
};

/**
 * The demo path of each route with parameters (demo slugs from the seeds), or a listing page whose
 * first link matching `link` gives the path (for ids made at seeding time).
 */
const DEMO: Record<string, string | { from: string; link: RegExp }> = {
  'library/case-studies/:slug': '/library/case-studies/brasil-planos-de-acao-governo-aberto',
  'library/posts/:slug': '/library/posts/lessons-from-participatory-budgeting',
  'library/admin/case-studies/:id': { from: '/library/admin', link: /\/library\/admin\/case-studies\/[0-9a-f-]{36}/ },
  'library/admin/posts/:id': { from: '/library/admin', link: /\/library\/admin\/posts\/[0-9a-f-]{36}/ },
  'library/calls/:slug': '/library/calls/public-sector-innovation-2027',
  'library/calls/:slug/submission': '/library/calls/public-sector-innovation-2027/submission',
  'library/admin/calls/:slug': '/library/admin/calls/public-sector-innovation-2027',
  'conversations/:slug': '/conversations/city-centre',
  'conversations/:slug/embed': '/conversations/city-centre/embed',
  'conversations/:slug/report': '/conversations/city-centre/report',
  'conversations/:slug/moderate': '/conversations/city-centre/moderate',
  'conversations/:slug/edit': '/conversations/city-centre/edit',
  'budgeting/admin/processes/:slug': '/budgeting/admin/processes/green-neighbourhoods-2027',
  'budgeting/:slug': '/budgeting/green-neighbourhoods-2027',
  'budgeting/:slug/projects/:code': '/budgeting/green-neighbourhoods-2027/projects/5',
  'budgeting/:slug/propose': '/budgeting/green-neighbourhoods-2027/propose',
  'budgeting/:slug/vote': '/budgeting/green-neighbourhoods-2027/vote',
  'budgeting/:slug/my-ballot': '/budgeting/green-neighbourhoods-2027/my-ballot',
  'budgeting/:slug/results': '/budgeting/neighbourhood-budget-2026/results',
  'budgeting/:slug/admin': '/budgeting/green-neighbourhoods-2027/admin',
  'budgeting/:slug/admin/codes': '/budgeting/green-neighbourhoods-2027/admin/codes',
  'budgeting/:slug/admin/paper': '/budgeting/green-neighbourhoods-2027/admin/paper',
  'budgeting/:slug/admin/census': '/budgeting/green-neighbourhoods-2027/admin/census',
  'procurement/processes/:ocid': '/procurement/processes/ocds-demo-UA-2025-10-000002',
  'procurement/buyers/:id': '/procurement/buyers/UA-EDR-DEMO-001',
  'procurement/suppliers/:id': '/procurement/suppliers/UA-EDR-DEMO-103',
  'service-requests/reports/:id': { from: '/service-requests', link: /\/service-requests\/reports\/[0-9a-f-]{36}/ },
  'service-requests/services/:code': '/service-requests/services/POTHOLE',
  'service-requests/alerts/:step': '/service-requests/alerts/confirm?done=1',
  'service-requests/inbox/:id': { from: '/service-requests/inbox', link: /\/service-requests\/inbox\/[0-9a-f-]{36}/ },
  'consultations/:slug': '/consultations/future-of-europe',
  'consultations/:slug/admin': '/consultations/future-of-europe/admin',
  'consultations/:slug/results': '/consultations/future-of-europe/results',
  'consultations/:slug/admin/results': '/consultations/future-of-europe/admin/results',
  'consultations/:slug/admin/invitations': '/consultations/future-of-europe/admin/invitations',
  'consultations/:slug/admin/questionnaire': '/consultations/future-of-europe/admin/questionnaire?edit=views',
  'consultations/:slug/admin/questionnaire/preview': '/consultations/future-of-europe/admin/questionnaire/preview',
  'consultations/:slug/events': '/consultations/future-of-europe/events',
  'consultations/:slug/events/new': '/consultations/future-of-europe/events/new',
  'consultations/:slug/events/:id': {
    from: '/consultations/future-of-europe/events',
    link: /\/consultations\/future-of-europe\/events\/[0-9a-f-]{36}/,
  },
  'consultations/:slug/events/:id/edit': {
    from: '/consultations/future-of-europe/admin/events',
    link: /\/consultations\/future-of-europe\/events\/[0-9a-f-]{36}\/edit/,
  },
  'consultations/:slug/admin/events': '/consultations/future-of-europe/admin/events',
  'consultations/:slug/survey': '/consultations/future-of-europe/survey',
  'consultations/:slug/paper': '/consultations/future-of-europe/paper',
  'consultations/:slug/print': '/consultations/future-of-europe/print',
  'consultations/:slug/admin/import-lss': '/consultations/future-of-europe/admin/import-lss',
};

/**
 * Pages whose title may equal the English one in another locale, with the reason. Keys are route
 * patterns (every locale) or `route@locale`.
 */
const SAME_TITLE_ALLOWED: Record<string, string> = {
  'library/case-studies/:slug': "the case study's own title (content, in its original language)",
  'library/posts/:slug': "the post's own title (content)",
  'library/calls/:slug': "the call's own title (content)",
  'conversations/:slug': "the conversation's topic (content)",
  'conversations/:slug/embed': "the conversation's topic (content)",
  'budgeting/:slug': "the process's own title (content)",
  'budgeting/:slug/projects/:code': "the project's own title (content)",
};

/** Pages a signed-in person is sent away from: read as a visitor. */
const VISITOR_ROUTES = new Set(['sign-in', 'sign-up']);

/** Pages that answer with another status than 200 on their demo path, with the reason. */
const STATUS: Record<string, [number, string]> = {
  'service-requests/unsubscribe': [404, 'without a valid token the page says the link does not work, as a 404'],
};

/** Locales the browser opens every page in (the HTTP checks cover all the site's locales). */
const BROWSER_LOCALES = ['uk', 'es'];

const catalogue = messagesFor(manifests, 'en');
/** The first two segments of every message id ("sr.inbox"): a word starting with one is a message id, not a host name. */
const namespaces = new Set(Object.keys(catalogue).map((id) => id.split('.').slice(0, 2).join('.')));
const KEY_LIKE = /\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+)+\b/g;

/** Message ids shown as text: a catalogue id, or an id-shaped word (two dots or more) in a catalogue namespace (a missing id). */
function rawKeysIn(text: string): string[] {
  const found = new Set<string>();
  for (const [word] of text.matchAll(KEY_LIKE)) {
    const dots = word.split('.').length - 1;
    if (word in catalogue || (dots >= 2 && namespaces.has(word.split('.').slice(0, 2).join('.')))) found.add(word);
  }
  return [...found];
}

/** What a reader sees or hears of an HTML page: its text and its labelling attributes, without scripts and styles. */
function readableText(html: string): string {
  const body = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  const attributes = [...body.matchAll(/\s(?:aria-label|placeholder|title|alt|aria-description)="([^"]*)"/g)].map((m) => m[1]);
  return [body.replace(/<[^>]+>/g, ' '), ...attributes].join(' ');
}

function titleOf(html: string): string {
  return (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '').trim();
}

describe('every page in every locale', () => {
  let p: Polity;
  let page: Page;
  let http: APIRequestContext;
  let visitor: APIRequestContext;
  /** Route pattern → demo path. */
  const paths = new Map<string, string>();
  const locales: string[] = [];

  beforeAll(async () => {
    p = await startPolity();
    page = await p.newPage();
    await signIn(p, page, 'admin@demo.polity.localhost', 'polity-demo-admin');
    http = page.context().request;
    visitor = (await p.browser.newContext({ locale: 'en-GB' })).request;
    // The demo site's locales: those its home page answers in.
    for (const l of LOCALES) if ((await (await http.get(`${p.url}/?lang=${l}`)).text()).includes(`<html lang="${l}"`)) locales.push(l);
    for (const route of ROUTES) {
      if (route in NOT_PAGES) continue;
      const demo = route.includes(':') ? DEMO[route] : `/${route}`;
      if (demo === undefined) throw new Error(`No demo path for the page route ${route}: add one to DEMO`);
      if (typeof demo === 'string') {
        paths.set(route, demo);
        continue;
      }
      const listing = await (await http.get(`${p.url}${demo.from}?lang=en`)).text();
      const link = demo.link.exec(listing)?.[0];
      if (!link) throw new Error(`No link like ${demo.link} on ${demo.from} for ${route}`);
      paths.set(route, link);
    }
  }, 240_000);
  afterAll(() => p?.close());

  it('shows no raw message id and a title in the page language, for every locale', async () => {
    expect(locales).toEqual(['en', 'es', 'fr', 'pt', 'uk']);
    const started = Date.now();
    const problems: string[] = [];
    for (const [route, path] of paths) {
      const sep = path.includes('?') ? '&' : '?';
      let english = '';
      for (const locale of locales) {
        const res = await (VISITOR_ROUTES.has(route) ? visitor : http).get(`${p.url}${path}${sep}lang=${locale}`);
        const html = await res.text();
        if (res.status() !== (STATUS[route]?.[0] ?? 200)) {
          problems.push(`${path} [${locale}]: status ${res.status()}`);
          continue;
        }
        const keys = rawKeysIn(readableText(html));
        if (keys.length) problems.push(`${path} [${locale}]: raw message ids ${keys.join(', ')}`);
        const title = titleOf(html);
        if (!title) problems.push(`${path} [${locale}]: no title`);
        if (locale === 'en') english = title;
        else if (title === english && !SAME_TITLE_ALLOWED[route] && !SAME_TITLE_ALLOWED[`${route}@${locale}`])
          problems.push(`${path} [${locale}]: title "${title}" is the English one`);
      }
    }
    console.info(`all-pages-locales: ${paths.size} pages × ${locales.length} locales over HTTP in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('runs every page (hydrated or with its islands) without a console error, in the browser', async () => {
    const started = Date.now();
    const problems: string[] = [];
    // One signed-in browser per locale (its own cookies), the locales side by side.
    const openAll = async (locale: string) => {
      const tab = await p.newPage();
      await signIn(p, tab, 'admin@demo.polity.localhost', 'polity-demo-admin');
      let current = '';
      let currentRoute = '';
      tab.on('console', (m) => {
        if (m.type() === 'warning' && m.text().startsWith('island ')) problems.push(`${current}: ${m.text()}`);
        if (m.type() !== 'error') return;
        // Resources of other hosts (map tiles) cannot load in a machine without internet.
        const where = m.location().url;
        if (m.text().startsWith('Failed to load resource') && where && !where.startsWith(p.url)) return;
        // A page whose demo path answers another status on purpose (STATUS).
        if (m.text().includes(`status of ${STATUS[currentRoute]?.[0]}`) && where.startsWith(`${p.url}${paths.get(currentRoute)}`)) return;
        problems.push(`${current}: console error: ${m.text()}`);
      });
      tab.on('pageerror', (e) => problems.push(`${current}: ${e.message}`));
      for (const [route, path] of paths) {
        current = `${path} [${locale}]`;
        currentRoute = route;
        const sep = path.includes('?') ? '&' : '?';
        await tab.goto(`${p.url}${path}${sep}lang=${locale}`);
        if (await tab.evaluate(() => '__reactRouterContext' in window)) {
          // A page that hydrates (handle.hydrate): React has claimed it once its fiber is on <body>.
          await tab.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber$')));
        } else {
          // A plain page: every island on it has loaded and mounted (a failed one warns and stays unmounted).
          const mounted = () => [...document.querySelectorAll<HTMLElement>('[data-island]')].every((el) => el.dataset.islandMounted === 'yes');
          await tab.waitForFunction(mounted).catch(() => problems.push(`${current}: an island did not mount`));
        }
        // Errors React recovers from, or an island's, are reported right after.
        await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      }
      await tab.context().close();
    };
    await Promise.all(BROWSER_LOCALES.map(openAll));
    console.info(`all-pages-locales: ${paths.size} pages × ${BROWSER_LOCALES.length} locales in the browser in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
  }, 600_000);
});

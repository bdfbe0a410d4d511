import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { saveCaseStudy } from '../commands/save-case-study.js';
import { savePost } from '../commands/save-post.js';
import { caseFixture, signedInClient } from '../test-helpers.js';

describe.each(testDatabases())('library pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await saveCaseStudy(t.deps, t.site.id, caseFixture({ slug: 'lisbon', title: { en: 'Lisbon budget' }, country: 'PT', tags: ['budget'] }));
    await saveCaseStudy(
      t.deps,
      t.site.id,
      caseFixture({
        slug: 'madrid',
        title: { es: 'Madrid decide' },
        summary: { es: 'Resumen' },
        body: { es: 'Texto con <script>alert(1)</script>' },
        originalLocale: 'es',
        country: 'ES',
        level: 'regional',
        links: [{ title: 'Sitio', url: 'https://example.org' }],
      }),
    );
    await savePost(t.deps, t.site.id, {
      type: 'news',
      title: { en: 'Hello' },
      summary: { en: 'S' },
      body: { en: 'B' },
      originalLocale: 'en',
      status: 'published',
    });
  });
  afterAll(() => t.close());

  it('searches with a GET form of facet checkboxes, counts and removable filters', async () => {
    const html = await (await createClient(t).get('/library?level=regional')).text();
    expect(html).toContain('<form role="search" action="/library" method="get">');
    expect(html).toContain('<input type="checkbox" name="level" checked="" value="regional"/>');
    expect(html).toMatch(/Spain<\/span><span class="facet-count">\(<!-- -->1<!-- -->\)/);
    // The active filter links to the same search without it.
    expect(html).toMatch(
      /<a href="\/library" title="Remove filter Regional">Level of government(<!-- -->)?: (<!-- -->)?Regional<span aria-hidden="true"> ✕<\/span>/,
    );
    expect(html).toContain('1 case study');
    expect(html).toContain('href="/library/case-studies/madrid"');
    expect(html).not.toContain('href="/library/case-studies/lisbon"');
  });

  it('answers a search address with unusable values with a 400 page naming each parameter', async () => {
    const res = await createClient(t).get('/library?level=galactic&sort=random');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('The address has values we cannot use');
    expect(html).toMatch(/<li>level: [^<]+<\/li>/);
    expect(html).toMatch(/<li>sort: [^<]+<\/li>/);
  });

  it('shows a case study in its original language with a note, escaping its HTML', async () => {
    const res = await createClient(t).get('/library/case-studies/madrid');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Shown in Español');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Spain');
    expect((await createClient(t).get('/library/case-studies/nope')).status).toBe(404);
  });

  it('lists countries with counts, and posts by type', async () => {
    const countries = await (await createClient(t).get('/library/countries')).text();
    expect(countries).toContain('<figure class="bar-chart"');
    expect(countries).toMatch(/Portugal<\/a><\/th><td>1<\/td>/);
    const posts = await (await createClient(t).get('/library/posts?type=news')).text();
    expect(posts).toContain('href="/library/posts/hello"');
  });

  it('keeps the admin to editors', async () => {
    // Signed out: sent to sign in, and back here afterwards.
    const out = await createClient(t).get('/library/admin');
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/sign-in?next=%2Flibrary%2Fadmin');
    const { client } = await signedInClient(t, []);
    expect((await client.get('/library/admin')).status).toBe(403);
  });

  it('lets an editor create a case study with a form that keeps typed values on errors', async () => {
    const { client } = await signedInClient(t, ['editor']);
    const form = (fields: Record<string, string | string[]>) => {
      const body = new FormData();
      body.set('_csrf', client.csrf);
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return client.request('/library/admin/case-studies/new', { method: 'POST', body });
    };
    const bad = await form({
      'title.en': 'Typed title',
      originalLocale: 'en',
      country: '',
      level: 'local',
      stage: 'pilot',
      yearLaunched: 'soon',
      links: 'Site | not-a-url',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="Typed title"');
    expect(html).toMatch(/id="field-country"/);
    expect(html).toContain('class="field field-error"');
    expect(html).toContain('Line 1 cannot be used: write it as the hint shows');
    const good = await form({
      'title.en': 'Typed title',
      'summary.en': 'A summary',
      'body.en': 'A body',
      originalLocale: 'en',
      country: 'CL',
      level: 'local',
      stage: 'pilot',
      sectors: ['health', 'education'],
      yearLaunched: '2021',
      tags: 'health, schools',
      status: 'published',
    });
    expect(good.status).toBe(302);
    const shown = await (await createClient(t).get('/library/case-studies/typed-title')).text();
    expect(shown).toContain('Chile');
    expect(shown).toContain('href="/library?tag=schools"');
  });

  it('names the refused fields of the case-study form by their labels, in Ukrainian with Ukrainian reasons', async () => {
    const { client } = await signedInClient(t, ['editor']);
    client.jar.set('polity_locale', 'uk');
    const body = new FormData();
    body.set('_csrf', client.csrf);
    for (const [k, v] of Object.entries({
      'title.en': 'Typed title',
      originalLocale: 'en',
      level: 'local',
      stage: 'pilot',
      yearLaunched: 'soon',
      links: 'Site | not-a-url',
    }))
      body.append(k, v);
    const bad = await client.request('/library/admin/case-studies/new', { method: 'POST', body });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const summary = (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    expect(summary).toContain('Виправте, будь ласка, поля нижче');
    expect(summary).toContain('Посилання: Рядок 1 не можна використати');
    expect(summary).toContain('Рік запуску: Введіть число');
    expect(summary).toContain('Країна: Заповніть це поле');
    // A text written per language is named with its language.
    expect(summary).toContain('Короткий опис (English): Заповніть це поле');
    expect(summary).not.toMatch(/yearLaunched|summary\.en|line 1|Invalid/);
    // The same words next to the field.
    expect(html).toMatch(/<p class="error" id="[^"]+">Рядок 1 не можна використати/);
  });
});

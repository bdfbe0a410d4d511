import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/connection.js';
// HTTP tests run the whole server (CONVENTIONS.md: module tests go through the HTTP app).
import { createClient, createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { saveCaseStudy } from './commands/save-case-study.js';
import { savePost } from './commands/save-post.js';
import { caseFixture, signedInClient, xmlProblem } from './test-helpers.js';

type Facets = Record<string, { value: string; count: number }[]>;
const countsOf = (facets: Facets, facet: string) => Object.fromEntries(facets[facet].map((f) => [f.value, f.count]));

describe.each(testDatabases())('library on %s', (kind) => {
  let t: TestContext;
  let other: TestContext['site'];
  beforeAll(async () => {
    t = await createTestContext(kind, { env: { UPLOAD_MAX_BYTES: '200000' } });
    other = await t.addSite('other', 'other.localhost');
    const s = t.site.id;
    // The fixture whose facet counts the tests compute by hand.
    await saveCaseStudy(
      t.deps,
      s,
      caseFixture({
        slug: 'lisbon-pb',
        title: { en: 'Participatory budgeting in Lisbon' },
        body: { en: 'Residents propose projects and vote on the municipal budget.' },
        country: 'PT',
        level: 'local',
        sectors: ['public-finance', 'democracy-participation'],
        stage: 'diffusion',
        yearLaunched: 2008,
        tags: ['budget', 'participation'],
        recognitions: [{ name: 'Best practice award', year: 2010 }],
        publishedAt: new Date('2026-01-01T00:00:00Z'),
      }),
    );
    await saveCaseStudy(
      t.deps,
      s,
      caseFixture({
        slug: 'open-procurement',
        title: { en: 'Open procurement monitoring & alerts' },
        summary: { en: 'Watchdogs follow every tender.' },
        body: { en: 'Civil society reviews tenders <script>alert(1)</script>.' },
        country: 'BR',
        level: 'national',
        sectors: ['procurement'],
        stage: 'implementation',
        yearLaunched: 2015,
        tags: ['open-data'],
        publishedAt: new Date('2026-01-02T00:00:00Z'),
      }),
    );
    await saveCaseStudy(
      t.deps,
      s,
      caseFixture({
        slug: 'madrid-presupuestos',
        title: { es: 'Presupuestos participativos de Madrid' },
        summary: { es: 'Los vecinos deciden una parte del gasto.' },
        body: { es: 'Los vecinos proponen y votan proyectos para el presupuesto municipal.' },
        originalLocale: 'es',
        country: 'ES',
        level: 'local',
        sectors: ['democracy-participation'],
        stage: 'pilot',
        yearLaunched: 2015,
        tags: ['participation'],
        publishedAt: new Date('2026-01-03T00:00:00Z'),
      }),
    );
    await saveCaseStudy(
      t.deps,
      s,
      caseFixture({
        slug: 'digital-identity',
        title: { en: 'Digital identity for public services' },
        summary: { en: 'One login for every service.' },
        body: { en: 'A national login.' },
        country: 'PT',
        level: 'national',
        sectors: ['digital-government'],
        stage: 'pilot',
        yearLaunched: 2019,
        tags: ['open-data'],
        recognitions: [{ name: 'Innovation prize', year: 2020, awardedBy: 'A jury' }],
        publishedAt: new Date('2026-01-04T00:00:00Z'),
      }),
    );
    await saveCaseStudy(
      t.deps,
      s,
      caseFixture({ slug: 'secret-draft', title: { en: 'Budget draft not yet public' }, country: 'FR', status: 'draft' }),
    );
    await saveCaseStudy(t.deps, other.id, caseFixture({ slug: 'other-site-budget', title: { en: 'Budget of the other site' } }));
    await savePost(t.deps, s, {
      type: 'news',
      title: { en: 'New cases & a call' },
      summary: { en: 'Four new case studies.' },
      body: { en: 'Read [them](/library).' },
      originalLocale: 'en',
      status: 'published',
      tags: ['budget'],
    });
    await savePost(t.deps, s, {
      type: 'toolkit',
      title: { en: 'A toolkit' },
      summary: { en: 'How to.' },
      body: { en: 'Steps.' },
      originalLocale: 'en',
      status: 'published',
    });
    await savePost(t.deps, s, { type: 'blog', title: { en: 'Draft post' }, summary: { en: 'x' }, body: { en: 'x' }, originalLocale: 'en' });
  });
  afterAll(() => t.close());

  const search = async (query: string, client = createClient(t)) => {
    const res = await client.api('GET', `/library/case-studies${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: { slug: string }[]; total: number; facets: Facets; nextCursor: string | null };
  };

  it('counts facets over published case studies, each facet applying the other facets’ filters', async () => {
    const all = await search('');
    expect(all.total).toBe(4);
    expect(countsOf(all.facets, 'country')).toEqual({ PT: 2, BR: 1, ES: 1 });
    expect(countsOf(all.facets, 'sector')).toEqual({ 'democracy-participation': 2, 'public-finance': 1, procurement: 1, 'digital-government': 1 });
    expect(countsOf(all.facets, 'year')).toEqual({ '2008': 1, '2015': 2, '2019': 1 });
    expect(countsOf(all.facets, 'recognised')).toEqual({ yes: 2, no: 2 });

    const local = await search('?level=local');
    expect(local.items.map((i) => i.slug).sort()).toEqual(['lisbon-pb', 'madrid-presupuestos']);
    // The level facet ignores its own filter; the others apply it.
    expect(countsOf(local.facets, 'level')).toEqual({ local: 2, national: 2 });
    expect(countsOf(local.facets, 'country')).toEqual({ PT: 1, ES: 1 });
    expect(countsOf(local.facets, 'sector')).toEqual({ 'democracy-participation': 2, 'public-finance': 1 });
    expect(countsOf(local.facets, 'recognised')).toEqual({ yes: 1, no: 1 });
    expect(countsOf(local.facets, 'stage')).toEqual({ diffusion: 1, pilot: 1 });
  });

  it('combines filters: OR within a facet, AND across facets', async () => {
    const either = await search('?country=PT&country=ES');
    expect(either.total).toBe(3);
    const both = await search('?country=PT&country=ES&stage=pilot');
    expect(both.items.map((i) => i.slug).sort()).toEqual(['digital-identity', 'madrid-presupuestos']);
    const awarded = await search('?recognised=yes&level=national');
    expect(awarded.items.map((i) => i.slug)).toEqual(['digital-identity']);
    expect(countsOf(awarded.facets, 'level')).toEqual({ local: 1, national: 1 });
    const tagged = await search('?tag=open-data&year=2015');
    expect(tagged.items.map((i) => i.slug)).toEqual(['open-procurement']);
  });

  it('finds words by their stem in English and Spanish, across the languages of the content', async () => {
    const en = await search('?q=budgets');
    expect(en.items.map((i) => i.slug)).toContain('lisbon-pb');
    expect(en.items.map((i) => i.slug)).not.toContain('secret-draft');
    expect(en.items.map((i) => i.slug)).not.toContain('other-site-budget');
    const es = await search('?q=presupuesto&lang=es');
    expect(es.items.map((i) => i.slug)).toEqual(['madrid-presupuestos']);
    // An English reader finds Spanish content too: the query is also parsed in the document's language.
    const cross = await search('?q=vecinos proponen&lang=en');
    expect(cross.items.map((i) => i.slug)).toEqual(['madrid-presupuestos']);
    const none = await search('?q=submarine');
    expect(none.total).toBe(0);
    const phrase = await search('?q="digital identity" -budget');
    expect(phrase.items.map((i) => i.slug)).toEqual(['digital-identity']);
  });

  it('ranks a title match above a body match', async () => {
    const r = await search('?q=budget&sort=relevance');
    expect(r.items[0].slug).toBe('lisbon-pb');
    const byDate = await search('?sort=date');
    expect(byDate.items.map((i) => i.slug)).toEqual(['digital-identity', 'madrid-presupuestos', 'open-procurement', 'lisbon-pb']);
  });

  it('walks every result with the cursor, without duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await search(`?limit=1&sort=date${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.items.map((i) => i.slug));
      cursor = r.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(['digital-identity', 'madrid-presupuestos', 'open-procurement', 'lisbon-pb']);
    const bad = await createClient(t).api('GET', '/library/case-studies?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['cursor']);
  });

  it('names bad filter values', async () => {
    const res = await createClient(t).api('GET', '/library/case-studies?country=ZZ&level=galactic');
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(['country', 'level']);
  });

  it('hides drafts from the public and other sites, shows them to editors', async () => {
    const anon = createClient(t);
    expect((await anon.api('GET', '/library/case-studies/secret-draft')).status).toBe(404);
    const { client: editor } = await signedInClient(t, ['editor']);
    const draft = await editor.api('GET', '/library/case-studies/secret-draft');
    expect(draft.status).toBe(200);
    expect((await draft.json()).status).toBe('draft');
    const elsewhere = createClient(t, 'other.localhost');
    expect((await elsewhere.api('GET', '/library/case-studies/lisbon-pb')).status).toBe(404);
    const otherList = await (await elsewhere.api('GET', '/library/case-studies')).json();
    expect(otherList.items.map((i: { slug: string }) => i.slug)).toEqual(['other-site-budget']);
    expect((await anon.api('GET', '/library/case-studies/other-site-budget')).status).toBe(404);
  });

  it('shows a case study with sanitised HTML', async () => {
    const res = await createClient(t).api('GET', '/library/case-studies/open-procurement');
    const body = await res.json();
    expect(body.bodyHtml.en).toContain('&lt;script&gt;');
    expect(body.bodyHtml.en).not.toContain('<script>');
  });

  it('lets editors create, update and publish; refuses others', async () => {
    const anon = createClient(t);
    expect((await anon.api('POST', '/library/case-studies', caseFixture())).status).toBe(401);
    const { client: person } = await signedInClient(t, []);
    expect((await person.api('POST', '/library/case-studies', caseFixture())).status).toBe(403);
    const { client: editor } = await signedInClient(t, ['editor']);
    const created = await editor.api(
      'POST',
      '/library/case-studies',
      caseFixture({ title: { en: 'Participatory budget of the city' }, status: 'draft' }),
    );
    expect(created.status).toBe(201);
    const { id, slug } = await created.json();
    expect(slug).toBe('participatory-budget-of-the-city');
    const again = await editor.api(
      'POST',
      '/library/case-studies',
      caseFixture({ title: { en: 'Participatory budget of the city' }, status: 'draft' }),
    );
    expect((await again.json()).slug).toBe('participatory-budget-of-the-city-2');
    const clash = await editor.api('PUT', `/library/case-studies/${id}`, caseFixture({ slug: 'lisbon-pb' }));
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.fields.slug).toBeDefined();
    const updated = await editor.api('PUT', `/library/case-studies/${id}`, caseFixture({ title: { en: 'Renamed' }, status: 'draft' }));
    expect((await updated.json()).slug).toBe(slug);
    expect((await anon.api('GET', `/library/case-studies/${slug}`)).status).toBe(404);
    const published = await editor.api('PATCH', `/library/case-studies/${id}/status`, { status: 'published' });
    expect((await published.json()).status).toBe('published');
    const shown = await (await anon.api('GET', `/library/case-studies/${slug}`)).json();
    expect(shown.publishedAt).toBe(t.clock.now().toISOString());
    await editor.api('PATCH', `/library/case-studies/${id}/status`, { status: 'archived' });
    expect((await anon.api('GET', `/library/case-studies/${slug}`)).status).toBe(404);
  });

  it('names each bad field and writes nothing', async () => {
    const count = async () => Number(rowsOf<{ n: number }>(await t.deps.db.execute(sql`SELECT count(*)::int AS n FROM library_case_studies`))[0].n);
    const before = await count();
    const { client: editor } = await signedInClient(t, ['editor']);
    const res = await editor.api('POST', '/library/case-studies', {
      ...caseFixture(),
      title: {},
      country: 'XX',
      sectors: [],
      yearLaunched: 1200,
      links: [{ title: 'x', url: 'not a url' }],
    });
    expect(res.status).toBe(400);
    const fields = Object.keys((await res.json()).error.fields).sort();
    expect(fields).toEqual(['country', 'links.0.url', 'sectors', 'title', 'yearLaunched']);
    const badImage = await editor.api(
      'POST',
      '/library/case-studies',
      caseFixture({ images: [{ uploadId: '00000000-0000-4000-8000-000000000000', alt: 'A photo' }] }),
    );
    expect(badImage.status).toBe(400);
    expect(Object.keys((await badImage.json()).error.fields)).toEqual(['images.0.uploadId']);
    expect(await count()).toBe(before);
  });

  it('lists posts by type, shows them, and keeps drafts hidden', async () => {
    const anon = createClient(t);
    const all = await (await anon.api('GET', '/library/posts')).json();
    expect(all.total).toBe(2);
    expect(countsOf(all.facets, 'type')).toEqual({ news: 1, toolkit: 1 });
    const news = await (await anon.api('GET', '/library/posts?type=news')).json();
    expect(news.items.map((i: { slug: string }) => i.slug)).toEqual(['new-cases-a-call']);
    const found = await (await anon.api('GET', '/library/posts?q=toolkits')).json();
    expect(found.items.map((i: { slug: string }) => i.slug)).toEqual(['a-toolkit']);
    expect((await anon.api('GET', '/library/posts/draft-post')).status).toBe(404);
    const { client: editor } = await signedInClient(t, ['editor']);
    const made = await editor.api('POST', '/library/posts', {
      type: 'event_report',
      title: { fr: 'Rapport' },
      summary: { fr: 'R' },
      body: { fr: 'R' },
      originalLocale: 'fr',
    });
    expect(made.status).toBe(201);
    const { id } = await made.json();
    await editor.api('PATCH', `/library/posts/${id}/status`, { status: 'published' });
    expect((await anon.api('GET', '/library/posts/rapport')).status).toBe(200);
  });

  it('serves valid Atom feeds of published items', async () => {
    const res = await createClient(t).get('/library/feed.atom');
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('Open procurement monitoring &amp; alerts');
    expect(xml).not.toContain('secret-draft');
    expect((xml.match(/<entry/g) ?? []).length).toBeGreaterThanOrEqual(4);
    const posts = await (await createClient(t).get('/library/posts/feed.atom')).text();
    expect(xmlProblem(posts)).toBeNull();
    expect(posts).toContain('New cases &amp; a call');
    expect(posts).not.toContain('Draft post');
    expect(xmlProblem('<a><b></a></b>')).not.toBeNull();
    expect(xmlProblem('<a>x & y</a>')).not.toBeNull();
  });

  it('exports published case studies as CSV and JSON with the licence', async () => {
    const csvRes = await createClient(t).get('/library/open-data/case-studies.csv');
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csv = await csvRes.text();
    const header = csv.split('\r\n')[0].split(',');
    expect(header).toContain('title_es');
    expect(header[header.length - 1]).toBe('licence');
    // A cell with a comma or quote is quoted, its quotes doubled.
    expect(csv).toContain(',"[{""name"":""Best practice award"",""year"":2010}]",');
    expect(csv).toContain(',Open procurement monitoring & alerts,');
    expect(csv).not.toContain('secret-draft');
    expect(csv).toContain(',CC BY 4.0\r\n');
    const json = await (await createClient(t).get('/library/open-data/case-studies.json')).json();
    expect(json.licence).toBe('CC BY 4.0');
    expect(json.source).toBe('http://test.localhost/library');
    expect(json.generatedAt).toBe(t.clock.now().toISOString());
    expect(json.items.map((i: { slug: string }) => i.slug)).not.toContain('secret-draft');
    expect(json.items.find((i: { slug: string }) => i.slug === 'lisbon-pb').recognitions).toEqual([{ name: 'Best practice award', year: 2010 }]);
  });

  it('lists published items in the sitemap', async () => {
    const xml = await (await createClient(t).get('/sitemap.xml')).text();
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain('<loc>http://test.localhost/library/case-studies/lisbon-pb</loc>');
    expect(xml).not.toContain('secret-draft');
  });

  describe('uploads', () => {
    const upload = (client: ReturnType<typeof createClient>, bytes: Uint8Array, name: string, type = 'image/png') => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return client.request('/api/v1/library/uploads', { method: 'POST', headers: { 'x-csrf-token': client.csrf }, body: form });
    };

    it('refuses visitors', async () => {
      const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } })
        .png()
        .toBuffer();
      expect((await upload(createClient(t), png, 'a.png')).status).toBe(401);
    });

    it('refuses a text file named like an image, naming the field', async () => {
      const { client } = await signedInClient(t, []);
      const res = await upload(client, new TextEncoder().encode('just some text, not a picture'), 'x.png');
      expect(res.status).toBe(415);
      expect(Object.keys((await res.json()).error.fields)).toEqual(['file']);
    });

    it('refuses a file over UPLOAD_MAX_BYTES with 413', async () => {
      const { client } = await signedInClient(t, ['editor']);
      const big = new Uint8Array(300_000);
      big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const res = await upload(client, big, 'big.png');
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('payload_too_large');
    });

    it('re-encodes a JPEG without its EXIF GPS position and serves it with caching', async () => {
      const { client } = await signedInClient(t, ['editor']);
      const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: 'blue' } })
        .jpeg()
        .withMetadata({ exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 42/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '9/1 8/1 0/1' } } })
        .toBuffer();
      expect((await sharp(jpeg).metadata()).exif).toBeDefined();
      const res = await upload(client, jpeg, 'holiday.txt', 'text/plain');
      expect(res.status).toBe(201);
      const saved = await res.json();
      expect(saved).toMatchObject({ contentType: 'image/jpeg', width: 8, height: 6 });
      const file = await createClient(t).get(saved.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      expect(file.headers.get('cache-control')).toContain('immutable');
      const bytes = Buffer.from(await file.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('GPS'))).toBe(false);
      // Another site cannot read it.
      expect((await createClient(t, 'other.localhost').get(saved.url)).status).toBe(404);
      // It can illustrate a case study.
      const made = await client.api(
        'POST',
        '/library/case-studies',
        caseFixture({ title: { en: 'With a photo' }, images: [{ uploadId: saved.id, alt: 'A blue square' }] }),
      );
      expect(made.status).toBe(201);
    });

    it('accepts a PDF and keeps it as a download', async () => {
      const { client } = await signedInClient(t, []);
      const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const res = await upload(client, pdf, 'report.pdf', 'application/pdf');
      expect(res.status).toBe(201);
      const saved = await res.json();
      expect(saved.contentType).toBe('application/pdf');
      const file = await createClient(t).get(saved.url);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    });
  });
});

import type { ApiApp } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import { isUuid } from '../../../kernel/ids.js';
import { notFound } from '../../../kernel/errors.js';
import { markdownToText, renderMarkdown } from '../core/markdown.js';
import { buildAtomFeed } from '../formats/atom.js';
import { caseStudiesCsv, caseStudiesJson } from '../formats/open-data.js';
import { listPublishedCaseStudies } from '../store/case-studies.js';
import { listPublishedPosts } from '../store/posts.js';
import { findUpload } from '../store/uploads.js';

const FEED_SIZE = 50;

/** Files, Atom feeds and open-data exports at the site root. */
export function registerLibraryRoutes(app: ApiApp): void {
  app.get('/library/files/:id', async (c) => {
    const id = c.req.param('id');
    const { site } = c.get('ctx');
    const row = isUuid(id) ? await findUpload(c.get('deps').db, site.id, id) : null;
    if (!row) throw notFound('File');
    const etag = `"${row.id}"`;
    const headers: Record<string, string> = {
      'Content-Type': row.contentType,
      'Content-Length': String(row.size),
      // An upload never changes (a new version is a new id), so caches may keep it for a year.
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
      'Content-Disposition': `${row.isImage ? 'inline' : 'attachment'}; filename="${row.filename.replace(/[^\w.-]/g, '_')}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(row.bytes), 200, headers);
  });

  app.get('/library/feed.atom', async (c) => {
    const deps = c.get('deps');
    const { site, locale, origin } = c.get('ctx');
    const rows = await listPublishedCaseStudies(deps.db, site.id, FEED_SIZE);
    const siteName = pickText(site.name, locale, site.defaultLocale).text;
    const xml = buildAtomFeed({
      id: `${origin}/library`,
      title: `${siteName} · Innovation library`,
      selfUrl: `${origin}/library/feed.atom`,
      alternateUrl: `${origin}/library`,
      author: siteName,
      lang: locale,
      fallbackUpdated: deps.clock.now(),
      entries: rows.map((r) => {
        const title = pickText(r.title, locale, r.originalLocale);
        const body = pickText(r.body, title.locale, r.originalLocale).text;
        return {
          id: `urn:uuid:${r.id}`,
          title: title.text,
          url: `${origin}/library/case-studies/${r.slug}`,
          updated: r.updatedAt,
          published: r.publishedAt,
          summary: pickText(r.summary, title.locale, r.originalLocale).text,
          html: renderMarkdown(body),
          categories: [...r.sectors, ...r.tags],
          lang: title.locale,
        };
      }),
    });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/library/posts/feed.atom', async (c) => {
    const deps = c.get('deps');
    const { site, locale, origin } = c.get('ctx');
    const rows = await listPublishedPosts(deps.db, site.id, FEED_SIZE);
    const siteName = pickText(site.name, locale, site.defaultLocale).text;
    const xml = buildAtomFeed({
      id: `${origin}/library/posts`,
      title: `${siteName} · Innovation library posts`,
      selfUrl: `${origin}/library/posts/feed.atom`,
      alternateUrl: `${origin}/library/posts`,
      author: siteName,
      lang: locale,
      fallbackUpdated: deps.clock.now(),
      entries: rows.map((r) => {
        const title = pickText(r.title, locale, r.originalLocale);
        const body = pickText(r.body, title.locale, r.originalLocale).text;
        return {
          id: `urn:uuid:${r.id}`,
          title: title.text,
          url: `${origin}/library/posts/${r.slug}`,
          updated: r.updatedAt,
          published: r.publishedAt,
          summary: pickText(r.summary, title.locale, r.originalLocale).text || markdownToText(body),
          html: renderMarkdown(body),
          categories: [r.type, ...r.tags],
          lang: title.locale,
        };
      }),
    });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/library/open-data/case-studies.csv', async (c) => {
    const deps = c.get('deps');
    const { site, origin } = c.get('ctx');
    const rows = await listPublishedCaseStudies(deps.db, site.id);
    const locales = [...new Set([...site.locales, ...rows.flatMap((r) => Object.keys(r.title))])];
    return c.body(caseStudiesCsv(rows, locales, origin), 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': 'attachment; filename="case-studies.csv"',
      Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
    });
  });

  app.get('/library/open-data/case-studies.json', async (c) => {
    const deps = c.get('deps');
    const { site, origin } = c.get('ctx');
    const rows = await listPublishedCaseStudies(deps.db, site.id);
    return c.json(caseStudiesJson(rows, origin, deps.clock.now()), 200, { Link: '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' });
  });
}

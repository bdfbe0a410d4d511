import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { searchPosts } from '../commands/search.js';
import { postFilters, postSearchParams } from '../core/query.js';
import { POST_TYPES } from '../core/vocabulary.js';
import { formatDate, pick, Pagination } from './shared.js';
import { readSearchPage } from './search-page.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

const PAGE_SIZE = 10;

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.posts.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { params: p, page, offset, linkParams } = readSearchPage(request, postSearchParams, PAGE_SIZE);
  const r = await searchPosts(deps, ctx.site.id, {
    q: p.q,
    filters: postFilters(p),
    sort: p.sort,
    offset,
    limit: PAGE_SIZE,
    locale: ctx.locale,
  });
  const counts = Object.fromEntries(r.facets.type.map((f) => [f.value, f.count]));
  return {
    q: p.q ?? '',
    types: p.type as string[],
    counts,
    total: r.total,
    page,
    pages: Math.ceil(r.total / PAGE_SIZE),
    params: linkParams,
    items: r.items.map((i) => ({
      slug: i.slug,
      type: i.type,
      title: pick(i.title, ctx.locale, i.originalLocale),
      summary: pick(i.summary, ctx.locale, i.originalLocale),
      publishedAt: i.publishedAt?.toISOString() ?? null,
    })),
  };
}

export default function PostsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <p>
        <a href="/library">{t('library.back')}</a>
      </p>
      <h1>{t('library.posts.title')}</h1>
      <p className="lead">
        {t('library.posts.intro')} <a href="/library/posts/feed.atom">{t('library.feed')}</a>
      </p>
      <form method="get" action="/library/posts" role="search">
        <fieldset>
          <legend>{t('library.facet.type')}</legend>
          {POST_TYPES.map((type) => (
            <label className="choice" key={type}>
              <input type="checkbox" name="type" value={type} defaultChecked={d.types.includes(type)} />
              <span>{t(`library.postType.${type}`)}</span>
              <span className="facet-count">({d.counts[type] ?? 0})</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="posts-q">{t('library.search.label')}</label>
          <input id="posts-q" type="search" name="q" defaultValue={d.q} />
        </div>
        <button type="submit">{t('library.search.submit')}</button>
      </form>
      <p role="status">{t('library.posts.count', { count: d.total })}</p>
      {d.items.map((i) => (
        <article key={i.slug} className="card">
          <h2>
            <a href={`/library/posts/${i.slug}`}>{i.title}</a>
          </h2>
          <p className="muted">
            <span className="badge">{t(`library.postType.${i.type}`)}</span>
            {i.publishedAt && <time dateTime={i.publishedAt}>{formatDate(i.publishedAt, locale)}</time>}
          </p>
          <p>{i.summary}</p>
        </article>
      ))}
      <Pagination page={d.page} pages={d.pages} params={d.params} />
    </>
  );
}

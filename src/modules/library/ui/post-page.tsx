import { data, useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { getPost } from '../commands/get.js';
import { renderMarkdown } from '../core/markdown.js';
import { chooseReadingLanguage } from '../core/search.js';
import { formatDate, LanguageNotice } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { title: string; summary: string } }) {
  const d = args.data;
  return d ? [...pageTitle(args, { text: d.title }), { name: 'description', content: d.summary }] : pageTitle(args, { id: 'library.posts.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const row = await getPost(deps, ctx.site.id, params.slug ?? '', { withDrafts: isAllowed(deps.permissions, ctx.actor, 'library.post.edit') });
  if (!row) throw data('not found', { status: 404 });
  const reading = chooseReadingLanguage(row, ctx.locale, new URL(request.url).searchParams.get('in'));
  return {
    type: row.type,
    status: row.status,
    shown: reading.shown,
    languages: reading.languages,
    fallback: reading.fallback,
    title: reading.title,
    summary: reading.summary,
    bodyHtml: renderMarkdown(reading.body),
    tags: row.tags,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export default function PostPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <article lang={d.shown}>
      <p lang={locale}>
        <a href="/library/posts">{t('library.posts.back')}</a>
      </p>
      <h1>{d.title}</h1>
      <p className="muted" lang={locale}>
        <a className="badge" href={`/library/posts?type=${d.type}`}>
          {t(`library.postType.${d.type}`)}
        </a>
        {d.publishedAt && <time dateTime={d.publishedAt}>{formatDate(d.publishedAt, locale)}</time>}
      </p>
      {d.status !== 'published' && <p className="notice">{t('library.notPublished', { status: t(`library.status.${d.status}`) })}</p>}
      <LanguageNotice shown={d.shown} fallback={d.fallback} languages={d.languages} />
      <p className="lead">{d.summary}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.bodyHtml }} />
      {d.tags.length > 0 && (
        <p>
          {d.tags.map((tag) => (
            <a key={tag} className="badge" href={`/library/posts?tag=${encodeURIComponent(tag)}`}>
              {tag}
            </a>
          ))}
        </p>
      )}
    </article>
  );
}

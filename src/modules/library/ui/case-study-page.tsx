import { data, useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { countryName } from '../../../kernel/countries.js';
import { getCaseStudy } from '../commands/get.js';
import { renderMarkdown } from '../core/markdown.js';
import { chooseReadingLanguage } from '../core/search.js';
import { formatDate, LanguageNotice } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { title: string; summary: string } }) {
  const d = args.data;
  return d ? [...pageTitle(args, { text: d.title }), { name: 'description', content: d.summary }] : pageTitle(args, { id: 'library.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const row = await getCaseStudy(deps, ctx.site.id, params.slug ?? '', {
    withDrafts: isAllowed(deps.permissions, ctx.actor, 'library.case.read_drafts'),
  });
  if (!row) throw data('not found', { status: 404 });
  const reading = chooseReadingLanguage(row, ctx.locale, new URL(request.url).searchParams.get('in'));
  return {
    slug: row.slug,
    status: row.status,
    shown: reading.shown,
    languages: reading.languages,
    fallback: reading.fallback,
    title: reading.title,
    summary: reading.summary,
    bodyHtml: renderMarkdown(reading.body),
    country: row.country,
    countryName: countryName(row.country, ctx.locale),
    level: row.level,
    stage: row.stage,
    sectors: row.sectors,
    tags: row.tags,
    year: row.yearLaunched,
    organisations: row.organisations,
    links: row.links,
    images: row.images,
    recognitions: row.recognitions,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export default function CaseStudyPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <article lang={d.shown}>
      <p>
        <a href="/library">{t('library.back')}</a>
      </p>
      <h1>{d.title}</h1>
      {d.status !== 'published' && <p className="notice">{t('library.notPublished', { status: t(`library.status.${d.status}`) })}</p>}
      <LanguageNotice shown={d.shown} fallback={d.fallback} languages={d.languages} />
      <p className="lead">{d.summary}</p>
      <dl lang={locale}>
        <dt>{t('library.facet.country')}</dt>
        <dd>
          <a href={`/library?country=${d.country}`}>{d.countryName}</a>
        </dd>
        <dt>{t('library.facet.level')}</dt>
        <dd>{t(`library.level.${d.level}`)}</dd>
        <dt>{t('library.facet.stage')}</dt>
        <dd>{t(`library.stage.${d.stage}`)}</dd>
        <dt>{t('library.yearLaunched')}</dt>
        <dd>{d.year}</dd>
        <dt>{t('library.facet.sector')}</dt>
        <dd>
          {d.sectors.map((s) => (
            <a key={s} className="badge" href={`/library?sector=${s}`}>
              {t(`library.sector.${s}`)}
            </a>
          ))}
        </dd>
        {d.tags.length > 0 && (
          <>
            <dt>{t('library.facet.tag')}</dt>
            <dd>
              {d.tags.map((tag) => (
                <a key={tag} className="badge" href={`/library?tag=${encodeURIComponent(tag)}`}>
                  {tag}
                </a>
              ))}
            </dd>
          </>
        )}
        {d.publishedAt && (
          <>
            <dt>{t('library.publishedOn')}</dt>
            <dd>
              <time dateTime={d.publishedAt}>{formatDate(d.publishedAt, locale)}</time>
            </dd>
          </>
        )}
      </dl>
      {d.images.length > 0 && (
        <div className="card-grid">
          {d.images.map((img) => (
            <figure key={img.uploadId}>
              <img src={`/library/files/${img.uploadId}`} alt={img.alt} loading="lazy" style={{ maxWidth: '100%', height: 'auto' }} />
            </figure>
          ))}
        </div>
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.bodyHtml }} />
      {d.organisations.length > 0 && (
        <section lang={locale}>
          <h2>{t('library.organisations')}</h2>
          <ul>
            {d.organisations.map((o, i) => (
              <li key={i}>
                {o.url ? (
                  <a href={o.url} rel="nofollow noopener noreferrer">
                    {o.name}
                  </a>
                ) : (
                  o.name
                )}
                {o.role && <span className="muted"> — {o.role}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.recognitions.length > 0 && (
        <section lang={locale}>
          <h2>{t('library.recognitions')}</h2>
          <ul>
            {d.recognitions.map((r, i) => (
              <li key={i}>
                {r.name} ({r.year}){r.awardedBy && <span className="muted"> — {r.awardedBy}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.links.length > 0 && (
        <section lang={locale}>
          <h2>{t('library.links')}</h2>
          <ul>
            {d.links.map((l, i) => (
              <li key={i}>
                <a href={l.url} rel="nofollow noopener noreferrer">
                  {l.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

import { data, redirect, useLoaderData } from 'react-router';
import { requirePagePermission } from '../../../web/kit/actions.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { CsrfField } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { isAllowed } from '../../../kernel/policy.js';
import { isUuid } from '../../../kernel/ids.js';
import { searchCaseStudies, searchPosts } from '../commands/search.js';
import { setCaseStudyStatus, setPostStatus } from '../commands/set-status.js';
import { CASE_STUDY_STATUSES, POST_STATUSES, type CaseStudyStatus, type PostStatus } from '../core/vocabulary.js';
import { formatDate, pick, Pagination } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

const PAGE_SIZE = 25;

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.admin.title' });
}

function requireEditor(context: LoaderArgs['context'], request: Request) {
  requirePagePermission(context, request, ['library.case.edit', 'library.post.edit']);
}

export async function loader({ context, request }: LoaderArgs) {
  requireEditor(context, request);
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const q = url.searchParams.get('q')?.slice(0, 200) ?? '';
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const statusFilter = url.searchParams.getAll('status').filter((s) => (CASE_STUDY_STATUSES as readonly string[]).includes(s));
  const cases = await searchCaseStudies(deps, ctx.site.id, {
    q,
    sort: 'date',
    locale: ctx.locale,
    statuses: statusFilter.length ? statusFilter : [...CASE_STUDY_STATUSES],
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const posts = await searchPosts(deps, ctx.site.id, { sort: 'date', locale: ctx.locale, statuses: [...POST_STATUSES], limit: 50 });
  const params = new URLSearchParams(url.searchParams);
  params.delete('page');
  return {
    q,
    statusFilter,
    page,
    pages: Math.ceil(cases.total / PAGE_SIZE),
    params: params.toString(),
    total: cases.total,
    cases: cases.items.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: pick(c.title, ctx.locale, c.originalLocale),
      status: c.status,
      updatedAt: c.updatedAt.toISOString(),
    })),
    posts: posts.items.map((p) => ({
      id: p.id,
      slug: p.slug,
      type: p.type,
      title: pick(p.title, ctx.locale, p.originalLocale),
      status: p.status,
      updatedAt: p.updatedAt.toISOString(),
    })),
  };
}

export async function action({ context, request }: ActionArgs) {
  requireEditor(context, request);
  const { deps, ctx } = context;
  const form = await request.formData();
  const id = String(form.get('id') ?? '');
  const status = String(form.get('status') ?? '');
  const kind = String(form.get('kind') ?? '');
  if (!isUuid(id)) throw data('bad request', { status: 400 });
  if (kind === 'post') {
    if (!isAllowed(deps.permissions, ctx.actor, 'library.post.edit')) throw data('forbidden', { status: 403 });
    await setPostStatus(deps, ctx.site.id, id, status as PostStatus);
  } else {
    if (!isAllowed(deps.permissions, ctx.actor, 'library.case.edit')) throw data('forbidden', { status: 403 });
    await setCaseStudyStatus(deps, ctx.site.id, id, status as CaseStudyStatus);
  }
  return redirect(`/library/admin?done=${encodeURIComponent(status)}`);
}

function StatusButtons({ id, kind, status }: { id: string; kind: 'case' | 'post'; status: string }) {
  const t = useT();
  const targets = status === 'published' ? ['archived'] : status === 'archived' ? ['published', 'draft'] : ['published', 'archived'];
  return (
    <>
      {targets.map((s) => (
        <form method="post" className="inline" key={s}>
          <CsrfField />
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="status" value={s} />
          <button type="submit" className="secondary">
            {t(`library.admin.to.${s}`)}
          </button>
        </form>
      ))}
    </>
  );
}

export default function AdminPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <h1>{t('library.admin.title')}</h1>
      <p className="actions">
        <a className="button" href="/library/admin/case-studies/new">
          {t('library.admin.newCase')}
        </a>
        <a className="button secondary" href="/library/admin/posts/new">
          {t('library.admin.newPost')}
        </a>
      </p>
      <h2>{t('library.admin.caseStudies')}</h2>
      <form method="get" action="/library/admin" role="search">
        <div className="field">
          <label htmlFor="admin-q">{t('library.search.label')}</label>
          <input id="admin-q" type="search" name="q" defaultValue={d.q} />
        </div>
        <fieldset>
          <legend>{t('library.admin.status')}</legend>
          {CASE_STUDY_STATUSES.map((s) => (
            <label className="choice" key={s}>
              <input type="checkbox" name="status" value={s} defaultChecked={d.statusFilter.includes(s)} />
              {t(`library.status.${s}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('library.search.submit')}</button>
      </form>
      <p role="status">{t('library.resultCount', { count: d.total })}</p>
      <Table label={t('library.admin.caseStudies')}>
        <thead>
          <tr>
            <th scope="col">{t('library.admin.titleColumn')}</th>
            <th scope="col">{t('library.admin.status')}</th>
            <th scope="col">{t('library.admin.updated')}</th>
            <th scope="col">{t('library.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {d.cases.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`/library/admin/case-studies/${c.id}`}>{c.title}</a> (
                <a href={`/library/case-studies/${c.slug}`}>{t('library.admin.view')}</a>)
              </td>
              <td>{t(`library.status.${c.status}`)}</td>
              <td>{formatDate(c.updatedAt, locale)}</td>
              <td>
                <StatusButtons id={c.id} kind="case" status={c.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={d.page} pages={d.pages} params={d.params} />
      <h2>{t('library.admin.posts')}</h2>
      <Table label={t('library.admin.posts')}>
        <thead>
          <tr>
            <th scope="col">{t('library.admin.titleColumn')}</th>
            <th scope="col">{t('library.facet.type')}</th>
            <th scope="col">{t('library.admin.status')}</th>
            <th scope="col">{t('library.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {d.posts.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/library/admin/posts/${p.id}`}>{p.title}</a>
              </td>
              <td>{t(`library.postType.${p.type}`)}</td>
              <td>{t(`library.status.${p.status}`)}</td>
              <td>
                <StatusButtons id={p.id} kind="post" status={p.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

import { useLoaderData } from 'react-router';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listCalls } from '../store/calls.js';
import { presentCallCard } from './call-helpers.server.js';
import { formatDate } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.calls.admin.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'library.call.manage');
  const { deps, ctx } = context;
  const now = deps.clock.now();
  const rows = await listCalls(deps.db, ctx.site.id, { includeDrafts: true });
  return { calls: rows.map((r) => ({ ...presentCallCard(r, now, ctx.locale, ctx.site.defaultLocale), questions: r.questions.length })) };
}

export default function CallAdminPage() {
  const { calls } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <h1>{t('library.calls.admin.title')}</h1>
      <p className="actions">
        <a className="button" href="/library/admin/calls/new">
          {t('library.calls.admin.new')}
        </a>
        <a href="/library/admin/submissions">{t('library.calls.review.title')}</a>
      </p>
      {calls.length === 0 ? (
        <p>{t('library.calls.none')}</p>
      ) : (
        <Table label={t('library.calls.admin.title')}>
          <caption className="visually-hidden">{t('library.calls.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('library.calls.admin.callTitle')}</th>
              <th scope="col">{t('library.calls.admin.status')}</th>
              <th scope="col">{t('library.calls.admin.deadline')}</th>
              <th scope="col">{t('library.calls.admin.questions')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.slug}>
                <td>
                  <a href={`/library/admin/calls/${c.slug}`}>{c.title}</a>
                </td>
                <td>{t(`library.calls.status.${c.status}`)}</td>
                <td>{formatDate(c.deadline, locale)}</td>
                <td>{c.questions}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

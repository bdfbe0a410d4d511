import { useLoaderData } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { compareCallsForListing } from '../core/call.js';
import { listCalls } from '../store/calls.js';
import { presentCallCard } from './call-helpers.server.js';
import { formatDate } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.calls.title' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  const now = deps.clock.now();
  const rows = await listCalls(deps.db, ctx.site.id);
  const calls = rows
    .map((r) => presentCallCard(r, now, ctx.locale, ctx.site.defaultLocale))
    .sort((a, b) =>
      compareCallsForListing(
        { status: a.status, deadline: new Date(a.deadline), opensAt: new Date(a.opensAt) },
        { status: b.status, deadline: new Date(b.deadline), opensAt: new Date(b.opensAt) },
      ),
    );
  return { calls, canManage: isAllowed(deps.permissions, ctx.actor, 'library.call.manage') };
}

export default function CallsPage() {
  const { calls, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <h1>{t('library.calls.title')}</h1>
      <p className="lead">{t('library.calls.intro')}</p>
      {canManage && (
        <p>
          <a href="/library/admin/calls">{t('library.calls.admin.title')}</a>
        </p>
      )}
      {calls.length === 0 && <p>{t('library.calls.none')}</p>}
      <ul className="card-grid">
        {calls.map((c) => (
          <li key={c.slug} className="card">
            <h2>
              <a href={`/library/calls/${c.slug}`}>{c.title}</a>
            </h2>
            <p>
              <span className={c.status === 'open' ? 'badge badge-accent' : 'badge'}>{t(`library.calls.status.${c.status}`)}</span>
            </p>
            <p>
              {c.status === 'upcoming'
                ? t('library.calls.opens', { date: formatDate(c.opensAt, locale) })
                : t('library.calls.deadline', { date: formatDate(c.deadline, locale) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

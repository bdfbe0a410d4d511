import { useLoaderData } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import { useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listConversations } from '../store/conversations.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'conversations.nav' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  const rows = await listConversations(deps.db, ctx.site.id);
  return {
    canCreate: isAllowed(deps.permissions, ctx.actor, 'conversations.create'),
    items: rows.map((c) => ({ slug: c.slug, topic: c.topic, description: c.description, closed: c.closed })),
  };
}

export default function ConversationsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('conversations.nav')}</h1>
      <p className="lead">{t('conversations.nav.description')}</p>
      {d.canCreate && (
        <p className="actions">
          <a className="button" href="/conversations/new">
            {t('conversations.new.title')}
          </a>
          <a className="button" href="/conversations/import">
            {t('conversations.import.title')}
          </a>
        </p>
      )}
      {d.items.length === 0 ? (
        <p>{t('conversations.list.empty')}</p>
      ) : (
        <ul className="card-grid">
          {d.items.map((c) => (
            <li key={c.slug} className="card">
              <h2>
                <a href={`/conversations/${c.slug}`}>{c.topic}</a>
              </h2>
              {c.description && <p>{c.description}</p>}
              <p>
                <span className="badge">{t(c.closed ? 'conversations.list.closed' : 'conversations.list.open')}</span>{' '}
                <a href={`/conversations/${c.slug}/report`}>{t('conversations.report.link')}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

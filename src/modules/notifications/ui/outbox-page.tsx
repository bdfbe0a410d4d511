import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { useT } from '../../../web/kit/i18n.js';
import { listOutbox } from '../store/outbox.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'outbox.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx } = context;
  requirePagePermission(context, request, 'notifications.outbox.read');
  const before = new URL(request.url).searchParams.get('before');
  const rows = await listOutbox(deps.db, ctx.site.id, 50, before ? new Date(before) : undefined);
  return {
    mails: rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, createdAt: r.createdAt.toISOString() })),
    next: rows.length === 50 ? rows[rows.length - 1].createdAt.toISOString() : null,
  };
}

export default function OutboxPage() {
  const { mails, next } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      {mails.length === 0 && <p>{t('outbox.empty')}</p>}
      {mails.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="muted">
            {t('outbox.to', { to: m.to })} · <time dateTime={m.createdAt}>{m.createdAt.replace('T', ' ').slice(0, 16)}</time>
          </p>
          <pre tabIndex={0}>{m.text}</pre>
        </article>
      ))}
      {next && (
        <p className="pagination">
          <a href={`?before=${encodeURIComponent(next)}`}>{t('pagination.next')}</a>
        </p>
      )}
    </>
  );
}

import { redirect } from 'react-router';
import { useRoot, useT } from '../kit/i18n.js';
import type { LoaderArgs } from '../load-context.js';
import { pageTitle, type TitleArgs } from '../kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'admin.title' });
}

/** The admin area's front page: every admin entry the person may use, from the manifests. */
export function loader({ context, request }: LoaderArgs) {
  if (context.ctx.actor.kind !== 'user') throw redirect(`/sign-in?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  return null;
}

export default function AdminHome() {
  const t = useT();
  const { adminNav } = useRoot();
  return (
    <>
      <h1>{t('admin.title')}</h1>
      {adminNav.length === 0 ? (
        <p>{t('admin.nothing')}</p>
      ) : (
        <ul className="card-grid">
          {adminNav.map((n) => (
            <li key={n.id} className="card">
              <a href={n.href}>{t(n.label)}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

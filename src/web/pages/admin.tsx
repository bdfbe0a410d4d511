import { redirect, useLoaderData } from 'react-router';
import { isAllowed } from '../../kernel/policy.js';
import { useRoot, useT } from '../kit/i18n.js';
import type { LoaderArgs } from '../load-context.js';
import { pageTitle, type TitleArgs } from '../kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'admin.title' });
}

/**
 * The admin area's front page: what waits for the person (each module's `waiting` hook, kept
 * to the items they may act on and that count something), then every admin entry they may use.
 */
export async function loader({ context, request }: LoaderArgs) {
  const { deps, ctx, manifests } = context;
  if (ctx.actor.kind !== 'user') throw redirect(`/sign-in?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  const actor = ctx.actor;
  const lists = await Promise.all(manifests.map((m) => m.waiting?.(deps, ctx.site.id, actor) ?? []));
  const waits = lists
    .flat()
    .filter((w) => w.count > 0 && (!w.permission || isAllowed(deps.permissions, actor, w.permission)))
    .map(({ id, label, count, href, values }) => ({ id, label, count, href, values: values ?? {} }));
  return { waits };
}

export default function AdminHome() {
  const t = useT();
  const { adminNav } = useRoot();
  const { waits } = useLoaderData<typeof loader>();
  if (adminNav.length === 0 && waits.length === 0)
    return (
      <>
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.nothing')}</p>
      </>
    );
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <section aria-labelledby="admin-waits">
        <h2 id="admin-waits">{t('admin.waits.title')}</h2>
        {waits.length === 0 ? (
          <p>{t('admin.waits.none')}</p>
        ) : (
          <ul>
            {waits.map((w) => (
              <li key={w.id}>
                <a href={w.href}>{t(w.label, { ...w.values, count: w.count })}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {adminNav.length > 0 && (
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

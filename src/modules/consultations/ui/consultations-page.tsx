import { useLoaderData } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listConsultations } from '../store/consultations.js';
import { presentConsultationCard } from './shared.server.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.title' });
}

export async function loader({ context }: LoaderArgs) {
  const { deps, ctx } = context;
  const now = deps.clock.now();
  const rows = await listConsultations(deps.db, ctx.site.id);
  return {
    consultations: rows.map((r) => presentConsultationCard(r, now, ctx.locale, ctx.site.defaultLocale)),
    canManage: isAllowed(deps.permissions, ctx.actor, 'consultations.manage'),
  };
}

export default function ConsultationsPage() {
  const { consultations, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <h1>{t('consultations.title')}</h1>
      <p className="lead">{t('consultations.intro')}</p>
      {canManage && (
        <p>
          <a href="/consultations/admin">{t('consultations.admin.title')}</a>
        </p>
      )}
      {consultations.length === 0 && <p>{t('consultations.none')}</p>}
      <ul className="card-grid">
        {consultations.map((c) => (
          <li key={c.slug} className="card">
            <h2>
              <a href={`/consultations/${c.slug}`}>{c.title}</a>
            </h2>
            <p>
              <span className={c.phase === 'open' ? 'badge badge-accent' : 'badge'}>{t(`consultations.phase.${c.phase}`)}</span>
            </p>
            {c.phase === 'upcoming' && c.opensAt && <p>{t('consultations.opens', { date: formatDate(c.opensAt, locale) })}</p>}
            {c.phase === 'open' && c.closesAt && <p>{t('consultations.closes', { date: formatDate(c.closesAt, locale) })}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}

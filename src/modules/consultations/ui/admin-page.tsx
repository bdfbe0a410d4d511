import { useLoaderData } from 'react-router';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { listConsultations } from '../store/consultations.js';
import { presentConsultationCard } from './shared.server.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.admin.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const now = deps.clock.now();
  const rows = await listConsultations(deps.db, ctx.site.id, { includeDrafts: true });
  return { consultations: rows.map((r) => presentConsultationCard(r, now, ctx.locale, ctx.site.defaultLocale)) };
}

export default function ConsultationsAdminPage() {
  const { consultations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('consultations.admin.title')}</h1>
      <p>
        <a className="button" href="/consultations/admin/new">
          {t('consultations.admin.new')}
        </a>
      </p>
      {consultations.length === 0 && <p>{t('consultations.none')}</p>}
      <ul>
        {consultations.map((c) => (
          <li key={c.slug}>
            <a href={`/consultations/${c.slug}/admin`}>{c.title}</a> <span className="badge">{t(`consultations.phase.${c.phase}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

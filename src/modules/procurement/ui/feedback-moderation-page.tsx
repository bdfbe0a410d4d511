import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { FEEDBACK_MODERATE_PERMISSION, listPendingFeedback, moderateFeedback } from '../commands/risk-feedback.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.moderation.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, FEEDBACK_MODERATE_PERMISSION);
  const { deps, ctx } = context;
  const rows = await listPendingFeedback(deps, ctx.site.id, ctx.actor);
  return { items: rows.map((f) => ({ id: f.id, ocid: f.ocid, name: f.authorName, message: f.message, createdAt: f.createdAt.toISOString() })) };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  try {
    await moderateFeedback(deps, ctx.site.id, ctx.actor, String(form.get('id') ?? ''), { status: form.get('status') });
  } catch (e) {
    return formFailure(e, {});
  }
  return redirect('/procurement/risk/feedback');
}

export default function FeedbackModerationPage() {
  const { items } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <h1>{t('procurement.moderation.title')}</h1>
      {failure && !failure.ok && (
        <ErrorSummary {...failure} labels={{ status: `${t('procurement.moderation.publish')} / ${t('procurement.moderation.reject')}` }} />
      )}
      {items.length === 0 ? (
        <p>{t('procurement.moderation.none')}</p>
      ) : (
        <ul className="moderation">
          {items.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{f.name}</strong> ({formatDate(f.createdAt, locale, 'datetime')}) ·{' '}
                <a href={`/procurement/processes/${encodeURIComponent(f.ocid)}`}>{f.ocid}</a>
              </p>
              <blockquote>{f.message}</blockquote>
              <form method="post" className="actions">
                <CsrfField />
                <input type="hidden" name="id" value={f.id} />
                <button type="submit" name="status" value="published">
                  {t('procurement.moderation.publish')}
                </button>{' '}
                <button type="submit" name="status" value="rejected">
                  {t('procurement.moderation.reject')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

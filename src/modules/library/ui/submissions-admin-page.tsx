import { useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../core/submission-status.js';
import { submissionTitle } from '../core/questionnaire.js';
import { listCalls, listSubmissions } from '../store/calls.js';
import { loadCaseStudies } from '../store/case-studies.js';
import { formatDate } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'library.calls.review.title' });
}

const PAGE = 50;

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, 'library.submission.review');
  const { deps, ctx } = context;
  const url = new URL(request.url);
  const asked = url.searchParams.get('status') ?? '';
  const status = (SUBMISSION_STATUSES as readonly string[]).includes(asked) && asked !== 'draft' ? (asked as SubmissionStatus) : undefined;
  const before = url.searchParams.get('before');
  const beforeId = url.searchParams.get('id');
  const after = before && beforeId ? { updatedAt: new Date(before), id: beforeId } : undefined;
  const rows = await listSubmissions(deps.db, ctx.site.id, {
    status,
    limit: PAGE + 1,
    after: after && !isNaN(after.updatedAt.getTime()) ? after : undefined,
  });
  const calls = new Map((await listCalls(deps.db, ctx.site.id, { includeDrafts: true })).map((c) => [c.id, c]));
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const caseIds = page.map((r) => r.caseStudyId).filter((id): id is string => !!id);
  const caseTitles = new Map((await loadCaseStudies(deps.db, ctx.site.id, caseIds)).map((c) => [c.id, c.title]));
  // An accepted submission is named by its case study (which editors may have retitled), others by their title answer.
  const titleOf = (r: (typeof page)[number]): string | null => {
    const caseTitle = r.caseStudyId ? caseTitles.get(r.caseStudyId) : undefined;
    if (caseTitle) return pickText(caseTitle, ctx.locale, r.locale).text;
    return submissionTitle(calls.get(r.callId)?.questions ?? [], r.answers);
  };
  return {
    status: status ?? '',
    items: page.map((r) => ({
      id: r.id,
      title: titleOf(r),
      name: r.name,
      status: r.status,
      call: pickText(calls.get(r.callId)?.title, ctx.locale, ctx.site.defaultLocale).text,
      updatedAt: r.updatedAt.toISOString(),
    })),
    next:
      rows.length > PAGE && last
        ? `?${new URLSearchParams({ ...(status ? { status } : {}), before: last.updatedAt.toISOString(), id: last.id }).toString()}`
        : null,
  };
}

export default function SubmissionsAdminPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  return (
    <>
      <p>
        <a href="/library/admin/calls">{t('library.calls.admin.title')}</a>
      </p>
      <h1>{t('library.calls.review.title')}</h1>
      <form method="get" className="inline">
        <label htmlFor="status-filter">{t('library.calls.review.filter')}</label>{' '}
        <select id="status-filter" name="status" defaultValue={d.status}>
          <option value="">{t('library.calls.review.allStatuses')}</option>
          {SUBMISSION_STATUSES.filter((s) => s !== 'draft').map((s) => (
            <option key={s} value={s}>
              {t(`library.calls.submissionStatus.${s}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('library.calls.review.apply')}</button>
      </form>
      {d.items.length === 0 ? (
        <p>{t('library.calls.review.none')}</p>
      ) : (
        <Table label={t('library.calls.review.title')}>
          <caption className="visually-hidden">{t('library.calls.review.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('library.calls.review.submissionTitle')}</th>
              <th scope="col">{t('library.calls.review.submitter')}</th>
              <th scope="col">{t('library.calls.review.call')}</th>
              <th scope="col">{t('library.calls.admin.status')}</th>
              <th scope="col">{t('library.calls.review.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`/library/admin/submissions/${s.id}`}>{s.title ?? t('library.calls.review.untitled')}</a>
                </td>
                <td>{s.name}</td>
                <td>{s.call}</td>
                <td>{t(`library.calls.submissionStatus.${s.status}`)}</td>
                <td>{formatDate(s.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {d.next && (
        <p className="pagination">
          <a href={d.next}>{t('pagination.next')}</a>
        </p>
      )}
    </>
  );
}

import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues, type FormFailure } from '../../../web/kit/actions.js';
import { shortReference } from '../core/reference.js';
import { canResidentReopen, REOPEN_WINDOW_DAYS } from '../core/status.js';
import { addMeToo, subscribe } from '../commands/create-request.js';
import { answerFix, requireRequest } from '../commands/update-request.js';
import { listPhotoUploadIds, listUpdates } from '../store/requests.js';
import { loadAreas, loadCatalogue, presentCards } from './data.server.js';
import { ReportsMap, StatusLabel, useDate, useReportName } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export const meta = (args: TitleArgs) => pageTitle(args, { id: 'sr.report.title' });

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  let row;
  try {
    row = await requireRequest(deps.db, ctx.site.id, params.id ?? '');
  } catch {
    throw data('not found', { status: 404 });
  }
  const [catalogue, updates, photos, areas] = await Promise.all([
    loadCatalogue(deps, ctx.site, ctx.locale),
    listUpdates(deps.db, ctx.site.id, row.id, false),
    listPhotoUploadIds(deps.db, ctx.site.id, row.id),
    loadAreas(deps, ctx.site.id),
  ]);
  const [card] = presentCards([row], catalogue.services, catalogue.agencyNames);
  const url = new URL(request.url);
  return {
    report: {
      ...card,
      description: row.description,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      reopened: row.reopened,
      attributes: row.attributes,
    },
    service: catalogue.services.find((s) => s.code === row.serviceCode) ?? null,
    updates: updates.map((u) => ({ id: u.id, statusFrom: u.statusFrom, statusTo: u.statusTo, text: u.text, at: u.createdAt.toISOString() })),
    photos,
    areas,
    tiles: mapTilesOf(deps.env),
    canAnswer: canResidentReopen(row.status, row.resolvedAt, deps.clock.now()),
    flash: url.searchParams.get('new')
      ? 'new'
      : url.searchParams.get('metoo')
        ? 'metoo'
        : url.searchParams.get('subscribed')
          ? 'subscribed'
          : url.searchParams.get('answered')
            ? 'answered'
            : null,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? '');
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const email = String(form.get('email') ?? '').trim();
  try {
    const row = await requireRequest(deps.db, ctx.site.id, params.id ?? '');
    if (intent === 'subscribe') {
      await subscribe(deps, ctx.site.id, row.id, { email, userId });
      return redirect(`/service-requests/reports/${row.id}?subscribed=1`);
    }
    if (intent === 'metoo') {
      await addMeToo(deps, ctx.site.id, row.id, { email: email || null, userId });
      return redirect(`/service-requests/reports/${row.id}?metoo=1`);
    }
    if (intent === 'fixed' || intent === 'not_fixed') {
      await answerFix(deps, ctx.site.id, row.id, intent, String(form.get('text') ?? ''), ctx.origin);
      return redirect(`/service-requests/reports/${row.id}?answered=1`);
    }
    throw new AppError('invalid_input', 'Unknown action.', { fields: { intent: 'unknown action' }, reasons: { intent: { reason: 'invalid' } } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw data('not found', { status: 404 });
    return formFailure(err, values);
  }
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const err = useFieldErrors(failed);
  // The summary names each field by its label here; the answer to "is it fixed?" by its question.
  const labels: Record<string, string> = { email: t('sr.new.email'), text: t('sr.report.fixedComment'), answer: t('sr.report.fixedTitle') };
  const date = useDate();
  const reportName = useReportName();
  const r = d.report;
  return (
    <>
      <p>
        <a href="/service-requests">{t('sr.nav.home')}</a>
      </p>
      <h1>{reportName(r)}</h1>
      {d.flash && (
        <p role="status" className="notice">
          {t(`sr.report.flash.${d.flash}`)}
        </p>
      )}
      {failed && <ErrorSummary {...failed} labels={labels} />}
      <dl className="facts">
        <dt>{t('sr.report.status')}</dt>
        <dd>
          <StatusLabel status={r.status} />
          {r.reopened && <> {t('sr.report.reopened')}</>}
        </dd>
        <dt>{t('sr.report.agency')}</dt>
        <dd>{r.agencyName ?? t('sr.report.noAgency')}</dd>
        <dt>{t('sr.report.reference')}</dt>
        <dd>{shortReference(r.id)}</dd>
        <dt>{t('sr.report.reported')}</dt>
        <dd>{date(r.requestedAt)}</dd>
        {r.expectedAt && (
          <>
            <dt>{t('sr.report.expected')}</dt>
            <dd>{date(r.expectedAt)}</dd>
          </>
        )}
        <dt>{t('sr.report.meToo')}</dt>
        <dd>{t('sr.report.meTooCount', { count: r.meTooCount })}</dd>
      </dl>
      {r.description && <p>{r.description}</p>}
      {d.service && Object.keys(r.attributes).length > 0 && (
        <dl className="facts">
          {d.service.attributes
            .filter((a) => r.attributes[a.code] !== undefined)
            .map((a) => {
              const raw = r.attributes[a.code];
              const keys = Array.isArray(raw) ? raw : [String(raw)];
              const shown = a.values?.length
                ? keys.map((k) => a.values?.find((x) => x.key === k)?.name ?? k).join(', ')
                : a.datatype === 'datetime'
                  ? date(String(raw))
                  : String(raw);
              return [<dt key={`${a.code}-t`}>{a.description}</dt>, <dd key={`${a.code}-d`}>{shown}</dd>];
            })}
        </dl>
      )}
      {d.photos.length > 0 && (
        <section aria-labelledby="sr-photos">
          <h2 id="sr-photos">{t('sr.report.photos')}</h2>
          {d.photos.map((p, i) => (
            <img
              key={p}
              src={`/library/files/${p}`}
              alt={t('sr.report.photoAlt', { n: i + 1, service: r.serviceName })}
              style={{ maxWidth: '100%', maxHeight: 360 }}
            />
          ))}
        </section>
      )}
      {(r.lat === null || r.lon === null) && d.service?.locationRequired && r.address && <p className="hint">{t('sr.report.notPlaced')}</p>}
      {r.lat !== null && r.lon !== null && (
        <ReportsMap
          areas={d.areas}
          tiles={d.tiles}
          points={[{ id: r.id, lat: r.lat, lon: r.lon, label: reportName(r) }]}
          label={t('sr.report.mapLabel')}
        />
      )}
      <section aria-labelledby="sr-timeline">
        <h2 id="sr-timeline">{t('sr.report.timeline')}</h2>
        <ol className="timeline">
          {d.updates.map((u) => (
            <li key={u.id}>
              <time dateTime={u.at}>{date(u.at)}</time>:{' '}
              {u.statusTo ? t('sr.report.statusChange', { status: t(`sr.status.${u.statusTo}`) }) : t('sr.report.update')}
              {u.text && <p>{u.text}</p>}
            </li>
          ))}
        </ol>
      </section>
      {d.canAnswer && (
        <section aria-labelledby="sr-fixed">
          <h2 id="sr-fixed">{t('sr.report.fixedTitle')}</h2>
          <form method="post">
            <CsrfField />
            <Field name="text" label={labels.text} error={err('text')}>
              {(p) => <textarea {...p} rows={2} maxLength={2000} />}
            </Field>
            <button type="submit" name="intent" value="fixed">
              {t('sr.report.fixedYes')}
            </button>{' '}
            <button type="submit" name="intent" value="not_fixed" className="secondary">
              {t('sr.report.fixedNo')}
            </button>
          </form>
        </section>
      )}
      {!d.canAnswer && r.status === 'resolved' && (
        <p className="hint">
          {t('sr.report.windowClosed', { days: REOPEN_WINDOW_DAYS })}{' '}
          <a href={`/service-requests/new?service=${encodeURIComponent(r.serviceCode)}`}>{t('sr.report.reportAgain')}</a>
        </p>
      )}
      <section aria-labelledby="sr-follow">
        <h2 id="sr-follow">{t('sr.report.follow')}</h2>
        <form method="post">
          <CsrfField />
          <Field name="email" label={labels.email} error={err('email')}>
            {(p) => <input {...p} type="email" autoComplete="email" />}
          </Field>
          <button type="submit" name="intent" value="subscribe">
            {t('sr.report.subscribe')}
          </button>{' '}
          {r.open && (
            <button type="submit" name="intent" value="metoo" className="secondary">
              {t('sr.new.meToo')}
            </button>
          )}
        </form>
      </section>
    </>
  );
}

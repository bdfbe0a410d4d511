import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { submitFeedback } from '../commands/risk-feedback.js';
import { assignProcess, publishOutcome, recordOutcome, startMonitoring } from '../commands/risk-triage.js';
import { getProcessRiskView } from '../commands/risk-views.js';
import { orNotFound } from './risk-loaders.server.js';
import { BucketBadge, FlagList, formatMoney, useMethodWord, useStatusWord } from './risk-shared.js';
import { ChangeLog, summariseValue, type ShownChange } from './change-log.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { summary: { title: string } } }) {
  return pageTitle(args, args.data?.summary.title ? { text: args.data.summary.title } : null, { id: 'procurement.process.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const view = await orNotFound(() => getProcessRiskView(deps, ctx.site.id, ctx.actor, params.ocid ?? ''));
  const done = new URL(request.url).searchParams.get('done');
  return {
    // Amounts formatted on the server: the browser's currency data may write them differently.
    summary: {
      ...view.summary,
      valueText: formatMoney(view.summary.value, view.summary.currency, ctx.locale),
      awardedValueText: formatMoney(view.summary.awardedValue, view.summary.currency, ctx.locale),
    },
    flags: Object.keys(view.flags).sort(),
    score: view.score,
    bucket: view.bucket,
    canTriage: view.canTriage,
    feedback: view.feedback.map((f) => ({ id: f.id, name: f.authorName, message: f.message, createdAt: f.createdAt.toISOString() })),
    triage: view.triage
      ? {
          status: view.triage.status,
          assigneeName: view.triage.assigneeName,
          outcome: view.triage.outcome,
          note: view.triage.note,
          published: view.triage.publishedAt !== null,
        }
      : null,
    audit: view.publishedAudit
      ? { outcome: view.publishedAudit.outcome, note: view.publishedAudit.note, publishedAt: view.publishedAudit.publishedAt.toISOString() }
      : null,
    events: view.events.map((e) => ({
      kind: e.kind,
      actorName: e.actorName,
      outcome: e.outcome,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    history: view.history.map((h) => ({
      version: h.version,
      releaseDate: h.releaseDate,
      changes: h.changes.slice(0, 20).map((c): ShownChange => ({ path: c.path, before: summariseValue(c.before), after: summariseValue(c.after) })),
      more: Math.max(0, h.changes.length - 20),
    })),
    done,
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const ocid = params.ocid ?? '';
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? '');
  try {
    if (intent === 'feedback') await submitFeedback(deps, ctx.site.id, ctx.actor, ocid, { name: form.get('name'), message: form.get('message') });
    else if (intent === 'assign') await assignProcess(deps, ctx.site.id, ctx.actor, ocid, {});
    else if (intent === 'monitoring') await startMonitoring(deps, ctx.site.id, ctx.actor, ocid);
    else if (intent === 'publish') await publishOutcome(deps, ctx.site.id, ctx.actor, ocid);
    else if (intent === 'outcome')
      await recordOutcome(deps, ctx.site.id, ctx.actor, ocid, { outcome: form.get('outcome') ?? undefined, note: form.get('note') ?? '' });
    else throw new AppError('bad_request', 'Unknown action.');
  } catch (e) {
    return formFailure(e, values, { intent });
  }
  return redirect(`/procurement/processes/${encodeURIComponent(ocid)}?done=${intent}#${intent === 'feedback' ? 'feedback' : 'audit'}`);
}

export default function ProcessPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const statusWord = useStatusWord();
  const methodWord = useMethodWord();
  const failed = failure && !failure.ok ? failure : null;
  // The failure of one form of the page: its summary and its fields' errors, in the reader's language.
  const failureOf = (intent: string) => (failed?.intent === intent ? failed : null);
  const valueOf = (name: string) => {
    const v = failed?.values[name];
    return typeof v === 'string' ? v : '';
  };
  const s = d.summary;
  const fb = useFieldErrors(failureOf('feedback'));
  const oc = useFieldErrors(failureOf('outcome'));
  return (
    <>
      <p className="muted">{t('procurement.process.title')}</p>
      <h1>{s.title}</h1>
      <p>
        <BucketBadge bucket={d.bucket} /> {t('procurement.score', { score: d.score })} · <code>{s.ocid}</code>
      </p>
      <dl className="facts">
        <dt>{t('procurement.process.buyer')}</dt>
        <dd>{s.buyer ? <a href={`/procurement/buyers/${encodeURIComponent(s.buyer.id)}`}>{s.buyer.name}</a> : t('procurement.process.none')}</dd>
        {s.region && (
          <>
            <dt>{t('procurement.process.region')}</dt>
            <dd>{s.region}</dd>
          </>
        )}
        <dt>{t('procurement.process.method')}</dt>
        <dd>{s.method ? methodWord(s.method) : t('procurement.process.none')}</dd>
        <dt>{t('procurement.process.status')}</dt>
        <dd>{s.status ? statusWord(s.status) : t('procurement.process.none')}</dd>
        <dt>{t('procurement.process.value')}</dt>
        <dd>{s.value === null ? t('procurement.process.none') : s.valueText}</dd>
        <dt>{t('procurement.process.awarded')}</dt>
        <dd>{s.awardedValue === null ? t('procurement.process.none') : s.awardedValueText}</dd>
        <dt>{t('procurement.process.suppliers')}</dt>
        <dd>
          {s.suppliers.length === 0
            ? t('procurement.process.none')
            : s.suppliers.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <a href={`/procurement/suppliers/${encodeURIComponent(p.id)}`}>{p.name}</a>
                </span>
              ))}
        </dd>
        <dt>{t('procurement.process.tenderers')}</dt>
        <dd>{s.tenderers.length === 0 ? t('procurement.process.none') : s.tenderers.map((p) => p.name).join(', ')}</dd>
      </dl>

      <h2>{t('procurement.process.flags')}</h2>
      <FlagList flags={d.flags} />
      {d.flags.length > 0 && <p className="muted">{t('procurement.process.flagsNote')}</p>}

      <h2>{t('procurement.process.timeline')}</h2>
      {s.timeline.length === 0 ? (
        <p>{t('procurement.process.none')}</p>
      ) : (
        <ol className="timeline">
          {s.timeline.map((e, i) => (
            <li key={i}>
              <time dateTime={e.date}>{formatDate(e.date, locale)}</time>: {t(`procurement.process.event.${e.kind}`)}
            </li>
          ))}
        </ol>
      )}

      {d.audit && (
        <section aria-labelledby="published-audit">
          <h2 id="published-audit">{t('procurement.audit.title')}</h2>
          <p>
            <strong>{t(`procurement.triage.outcome.${d.audit.outcome}`)}</strong> ·{' '}
            {t('procurement.audit.published', { date: formatDate(d.audit.publishedAt, locale) })}
          </p>
          {d.audit.note && <p>{d.audit.note}</p>}
        </section>
      )}

      {d.canTriage && (
        <section aria-labelledby="audit">
          <h2 id="audit">{t('procurement.triage.title')}</h2>
          {d.done && d.done !== 'feedback' && (
            <p role="status" className="notice">
              {t('procurement.triage.done')}
            </p>
          )}
          <p>
            {t('procurement.triage.state')}: <strong>{t(`procurement.triage.status.${d.triage?.status ?? 'none'}`)}</strong>
            {d.triage?.assigneeName && ` · ${t('procurement.triage.assignee')}: ${d.triage.assigneeName}`}
            {d.triage?.outcome && ` · ${t(`procurement.triage.outcome.${d.triage.outcome}`)}`}
          </p>
          {failed && failed.intent !== 'feedback' && failed.intent !== 'outcome' && <ErrorSummary message={failed.message} reason={failed.reason} />}
          {d.triage?.status !== 'closed' && (
            <div className="actions">
              <form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="assign" />
                <button type="submit">{t('procurement.triage.assignToMe')}</button>
              </form>
              {d.triage?.status !== 'monitoring' && (
                <form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="monitoring" />
                  <button type="submit">{t('procurement.triage.startMonitoring')}</button>
                </form>
              )}
            </div>
          )}
          {d.triage?.status === 'monitoring' && (
            <form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="outcome" />
              {failed?.intent === 'outcome' && (
                <ErrorSummary {...failed} labels={{ outcome: t('procurement.triage.outcome'), note: t('procurement.triage.note') }} />
              )}
              <fieldset id="field-outcome">
                <legend>{t('procurement.triage.outcome')}</legend>
                {oc('outcome') && <p className="error">{oc('outcome')}</p>}
                {(['violation', 'no_violation'] as const).map((o) => (
                  <label key={o} className="choice">
                    <input type="radio" name="outcome" value={o} defaultChecked={valueOf('outcome') === o} /> {t(`procurement.triage.outcome.${o}`)}
                  </label>
                ))}
              </fieldset>
              <Field name="note" label={t('procurement.triage.note')} error={oc('note')} required>
                {(props) => <textarea {...props} rows={4} defaultValue={valueOf('note')} />}
              </Field>
              <button type="submit">{t('procurement.triage.record')}</button>
            </form>
          )}
          {d.triage?.note && d.triage.status === 'closed' && <p>{d.triage.note}</p>}
          {d.triage?.status === 'closed' && !d.triage.published && (
            <form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="publish" />
              <p className="muted">{t('procurement.triage.unpublished')}</p>
              <button type="submit">{t('procurement.triage.publish')}</button>
            </form>
          )}
          <h3>{t('procurement.history.title')}</h3>
          {d.history.length === 0 ? (
            <p>{t('procurement.history.none')}</p>
          ) : (
            d.history.map((h) => (
              <div key={h.version}>
                <h4>
                  {t('procurement.history.version', { version: h.version })}
                  {h.releaseDate && ` · ${formatDate(h.releaseDate, locale)}`}
                </h4>
                <ChangeLog changes={h.changes as ShownChange[]} currency={s.currency} />
                {h.more > 0 && <p className="muted">{t('procurement.history.more', { count: h.more })}</p>}
              </div>
            ))
          )}
          {d.events.length > 0 && (
            <>
              <h3>{t('procurement.triage.history')}</h3>
              <ol>
                {d.events.map((e, i) => (
                  <li key={i}>
                    {formatDate(e.createdAt, locale, 'datetime')}: {t(`procurement.triage.event.${e.kind}`)}
                    {e.actorName && ` (${e.actorName})`}
                    {e.outcome && `: ${t(`procurement.triage.outcome.${e.outcome}`)}`}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="feedback">
        <h2 id="feedback">{t('procurement.feedback.title')}</h2>
        {d.done === 'feedback' && (
          <p role="status" className="notice">
            {t('procurement.feedback.sent')}
          </p>
        )}
        {d.feedback.length === 0 ? (
          <p>{t('procurement.feedback.none')}</p>
        ) : (
          <ul>
            {d.feedback.map((f) => (
              <li key={f.id}>
                <strong>{f.name}</strong> ({formatDate(f.createdAt, locale)}): {f.message}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('procurement.feedback.formTitle')}</h3>
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="feedback" />
          {failed?.intent === 'feedback' && (
            <ErrorSummary {...failed} labels={{ name: t('procurement.feedback.name'), message: t('procurement.feedback.message') }} />
          )}
          <Field name="name" label={t('procurement.feedback.name')} error={fb('name')} required>
            {(props) => <input {...props} type="text" autoComplete="name" defaultValue={valueOf('name')} />}
          </Field>
          <Field name="message" label={t('procurement.feedback.message')} hint={t('procurement.feedback.hint')} error={fb('message')} required>
            {(props) => <textarea {...props} rows={5} defaultValue={valueOf('message')} />}
          </Field>
          <button type="submit">{t('procurement.feedback.send')}</button>
        </form>
      </section>
    </>
  );
}

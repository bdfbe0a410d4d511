import { redirect, useActionData, useLoaderData } from 'react-router';
import { csvLine } from '../../../kernel/csv.js';
import { pickText } from '../../../kernel/i18n.js';
import { formFailure, formText, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, typedValue, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { Table } from '../../../web/kit/table.js';
import { createInvitations, invitationBatches, revokeInvitationBatch } from '../commands/invitations.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.invitations.ofTitle', values: { title: args.data?.title ?? '' } });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const revoked = new URL(request.url).searchParams.get('revoked');
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, ctx.site.defaultLocale).text,
    byInvitation: c.participation === 'invitation',
    revoked: revoked !== null && /^\d+$/.test(revoked) ? Number(revoked) : null,
    batches: (await invitationBatches(deps, c)).map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const values = formValues(form);
  try {
    if (intent === 'revoke') {
      const n = await revokeInvitationBatch(deps, c, formText(form, 'batch'));
      return redirect(`/consultations/${c.slug}/admin/invitations?revoked=${n}#batches`);
    }
    // createInvitations refuses anything but a whole number of codes in its range (an empty box is 0).
    const count = formText(form, 'count');
    const label = formText(form, 'label');
    const codes = await createInvitations(deps, c, /^\d+$/.test(count) ? Number(count) : Number.NaN, label || null);
    // The codes exist only here: the page shows them this once, with the links that carry them.
    const survey = `${new URL(request.url).origin}/consultations/${c.slug}/survey`;
    return { ok: true as const, label, codes: codes.map((code) => ({ code, link: `${survey}?code=${encodeURIComponent(code)}` })) };
  } catch (e) {
    return formFailure(e, values, { intent });
  }
}

export default function InvitationsPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const made = result && result.ok ? result : null;
  const failed = result && !result.ok ? result : null;
  const errorOf = useFieldErrors(failed);
  const labels = { count: t('consultations.invitations.count'), label: t('consultations.invitations.label') };
  const csv = made ? [csvLine(['code', 'link', 'label']), ...made.codes.map((c) => csvLine([c.code, c.link, made.label]))].join('\r\n') + '\r\n' : '';
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}/admin`}>{t('consultations.admin.edit', { title: d.title })}</a>
        {' · '}
        <a href={`/consultations/${d.slug}/admin/results`}>{t('consultations.results.staffTitle')}</a>
      </p>
      <h1>{t('consultations.invitations.ofTitle', { title: d.title })}</h1>
      <p className="lead">{t('consultations.invitations.intro')}</p>
      {!d.byInvitation && <p className="notice">{t('consultations.invitations.notByInvitation')}</p>}
      {failed && <ErrorSummary {...failed} labels={failed.intent === 'revoke' ? { batch: t('consultations.invitations.batches') } : labels} />}

      {made && (
        <section aria-labelledby="made-title" className="notice">
          <h2 id="made-title">{t('consultations.invitations.made', { count: made.codes.length })}</h2>
          <p>{t('consultations.invitations.onlyOnce')}</p>
          <p>
            <a className="button" download={`${d.slug}-invitations.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}>
              {t('consultations.invitations.download')}
            </a>
          </p>
          <Table label={t('consultations.invitations.madeTable')}>
            <thead>
              <tr>
                <th scope="col">{t('consultations.invitations.code')}</th>
                <th scope="col">{t('consultations.invitations.link')}</th>
              </tr>
            </thead>
            <tbody>
              {made.codes.map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <code>{c.code}</code>
                  </th>
                  <td>{c.link}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      )}

      <section aria-labelledby="make-title">
        <h2 id="make-title">{t('consultations.invitations.make')}</h2>
        <form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="make" />
          <Field
            name="count"
            label={labels.count}
            hint={t('consultations.invitations.countHint', { min: 1, max: 1000 })}
            error={errorOf('count')}
            required
          >
            {(p) => <input {...p} type="text" inputMode="numeric" size={6} defaultValue={typedValue(failed, 'count', '')} />}
          </Field>
          <Field name="label" label={labels.label} hint={t('consultations.invitations.labelHint')} error={errorOf('label')}>
            {(p) => <input {...p} type="text" maxLength={200} defaultValue={typedValue(failed, 'label', '')} />}
          </Field>
          <button type="submit" className="button">
            {t('consultations.invitations.makeButton')}
          </button>
        </form>
      </section>

      <section id="batches" aria-labelledby="batches-title">
        <h2 id="batches-title">{t('consultations.invitations.batches')}</h2>
        {d.revoked !== null && (
          <p className="notice" role="status">
            {t('consultations.invitations.revoked', { count: d.revoked })}
          </p>
        )}
        {d.batches.length === 0 ? (
          <p>{t('consultations.invitations.none')}</p>
        ) : (
          <Table label={t('consultations.invitations.batches')}>
            <thead>
              <tr>
                <th scope="col">{t('consultations.invitations.label')}</th>
                <th scope="col">{t('consultations.invitations.madeOn')}</th>
                <th scope="col">{t('consultations.invitations.codes')}</th>
                <th scope="col">{t('consultations.invitations.used')}</th>
                <th scope="col">{t('consultations.invitations.unused')}</th>
              </tr>
            </thead>
            <tbody>
              {d.batches.map((b) => {
                const name = b.label ?? t('consultations.invitations.noLabel');
                const unused = b.count - b.used;
                return (
                  <tr key={`${b.batch}-${b.label ?? ''}`}>
                    <th scope="row">{name}</th>
                    <td>{formatDate(b.createdAt, locale, 'datetime')}</td>
                    <td>{b.count}</td>
                    <td>{b.used}</td>
                    <td>
                      {unused}
                      {unused > 0 && (
                        <form method="post" action="#batches">
                          <CsrfField />
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="batch" value={b.batch} />
                          <button type="submit" className="button secondary">
                            {t('consultations.invitations.revoke', { label: name })}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
        <p className="hint">{t('consultations.invitations.revokeHint')}</p>
      </section>
    </>
  );
}

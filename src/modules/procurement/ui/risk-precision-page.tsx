import { redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { isAllowed } from '../../../kernel/policy.js';
import { formFailure, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { getPrecisionReport } from '../commands/risk-queue.js';
import { TRIAGE_PERMISSION } from '../commands/risk-triage.js';
import { getRiskSettings, saveRiskSettings, SETTINGS_PERMISSION } from '../commands/risk-settings.js';
import { RISK_CODES } from '../core/risk-score.js';
import { formatShare } from './risk-shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.precision.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, TRIAGE_PERMISSION);
  const { deps, ctx } = context;
  const [report, settings] = await Promise.all([getPrecisionReport(deps, ctx.site.id, ctx.actor), getRiskSettings(deps, ctx.site.id)]);
  return {
    report,
    buckets: settings.buckets,
    canEdit: isAllowed(deps.permissions, ctx.actor, SETTINGS_PERMISSION),
    saved: new URL(request.url).searchParams.has('saved'),
  };
}

export async function action({ context, request }: ActionArgs) {
  const { deps, ctx } = context;
  requirePagePermission(context, request, SETTINGS_PERMISSION);
  const form = await request.formData();
  const values = formValues(form);
  const input: Record<string, string> = {};
  for (const code of RISK_CODES) {
    const v = form.get(code);
    if (typeof v === 'string' && v.trim() !== '') input[code] = v.trim();
  }
  try {
    await saveRiskSettings(deps, ctx.site.id, ctx.actor, { weights: input });
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'internal') throw e;
    // The weights are `weights.<code>` in the settings; this form names its fields by code.
    return formFailure(
      withFormFields(e, (k) => k.replace(/^weights\./, '')),
      values,
    );
  }
  return redirect('/procurement/risk/precision?saved=1');
}

export default function RiskPrecisionPage() {
  const { report, buckets, canEdit, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const failed = failure && !failure.ok ? failure : null;
  const fieldError = useFieldErrors(failed);
  const share = (p: number | null) => (p === null ? t('procurement.precision.na') : formatShare(p, locale));
  return (
    <>
      <h1>{t('procurement.precision.title')}</h1>
      <p>{t('procurement.precision.intro')}</p>
      {saved && (
        <p role="status" className="notice">
          {t('procurement.precision.saved')}
        </p>
      )}
      {failed && (
        <ErrorSummary
          {...failed}
          labels={Object.fromEntries(
            RISK_CODES.map((code) => [code, `${t('procurement.precision.weight')}: ${t(`procurement.flag.${code}.title`)}`]),
          )}
        />
      )}
      <form method="post" noValidate>
        <CsrfField />
        <Table label={t('procurement.precision.title')} className="precision">
          <caption>{t('procurement.precision.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.precision.indicator')}</th>
              <th scope="col">{t('procurement.precision.flagged')}</th>
              <th scope="col">{t('procurement.precision.audited')}</th>
              <th scope="col">{t('procurement.precision.confirmed')}</th>
              <th scope="col">{t('procurement.precision.value')}</th>
              <th scope="col">{t('procurement.precision.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {report.indicators.map((i) => {
              const typed = failed?.values[i.code];
              const error = fieldError(i.code);
              return (
                <tr key={i.code} data-code={i.code}>
                  <th scope="row">
                    {i.code}: {t(`procurement.flag.${i.code}.title`)}
                  </th>
                  <td>{i.flagged}</td>
                  <td>{i.audited}</td>
                  <td>{i.confirmed}</td>
                  <td>{share(i.precision)}</td>
                  <td>
                    {canEdit ? (
                      <>
                        <label htmlFor={`field-${i.code}`} className="visually-hidden">
                          {`${t('procurement.precision.weight')}: ${t(`procurement.flag.${i.code}.title`)}`}
                        </label>
                        <input
                          id={`field-${i.code}`}
                          name={i.code}
                          type="number"
                          inputMode="decimal"
                          step="0.05"
                          min="0"
                          max="5"
                          size={5}
                          defaultValue={typeof typed === 'string' ? typed : String(i.weight)}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `error-${i.code}` : undefined}
                        />
                        {error && (
                          <span className="error" id={`error-${i.code}`}>
                            {error}
                          </span>
                        )}
                      </>
                    ) : (
                      i.weight
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('procurement.precision.overall')}</th>
              <td />
              <td>{report.overall.audited}</td>
              <td>{report.overall.confirmed}</td>
              <td>{share(report.overall.precision)}</td>
              <td />
            </tr>
          </tfoot>
        </Table>
        {canEdit && (
          <>
            <p className="hint">{t('procurement.precision.weightsHint', { medium: buckets.medium, high: buckets.high })}</p>
            <button type="submit">{t('procurement.precision.save')}</button>
          </>
        )}
      </form>
    </>
  );
}

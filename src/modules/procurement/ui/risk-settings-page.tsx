import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { getRiskSettingChanges, getRiskSettings, saveRiskSettings, SETTINGS_PERMISSION } from '../commands/risk-settings.js';
import { patchFromForm, readRiskSetting, RISK_SETTING_FIELDS, type RiskSettings } from '../core/risk-settings.js';
import { RISK_CODES } from '../core/risk-score.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

const PATH = '/procurement/admin/risk-settings';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'procurement.settings.title' });
}

export async function loader({ context, request }: LoaderArgs) {
  requirePagePermission(context, request, SETTINGS_PERMISSION);
  const { deps, ctx } = context;
  const params = new URL(request.url).searchParams;
  const cursor = params.get('cursor') ?? undefined;
  const [settings, changes] = await Promise.all([
    getRiskSettings(deps, ctx.site.id),
    getRiskSettingChanges(deps, ctx.site.id, ctx.actor, { cursor, limit: 20 }).catch(() => ({ items: [], nextCursor: null })),
  ]);
  return {
    settings,
    saved: params.has('saved'),
    changes: {
      items: changes.items.map((c) => ({ id: c.id, actorName: c.actorName, changes: c.changes, createdAt: c.createdAt.toISOString() })),
      nextCursor: changes.nextCursor,
    },
  };
}

export async function action({ context, request }: ActionArgs) {
  requirePagePermission(context, request, SETTINGS_PERMISSION);
  const { deps, ctx } = context;
  const form = await request.formData();
  const values = formValues(form);
  const flat: Record<string, string> = {};
  for (const path of RISK_SETTING_FIELDS) {
    const v = form.get(path);
    if (typeof v === 'string') flat[path] = v;
  }
  try {
    await saveRiskSettings(deps, ctx.site.id, ctx.actor, patchFromForm(flat));
  } catch (e) {
    return formFailure(e, values);
  }
  return redirect(`${PATH}?saved=1`);
}

/** The label of a settings field (`weights.R018`, `buckets.high`, `rules.PZ06.threshold`). */
function useFieldLabel(): (path: string) => string {
  const t = useT();
  return (path) => {
    const [group, a, b] = path.split('.');
    if (group === 'weights') return `${a}: ${t(`procurement.flag.${a}.title`)}`;
    if (group === 'buckets') return t(`procurement.settings.bucket.${a}`);
    return `${a}: ${t(`procurement.settings.rule.${a}.${b}`)}`;
  };
}

export default function RiskSettingsPage() {
  const { settings, saved, changes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { locale } = useRoot();
  const label = useFieldLabel();
  const failed = failure && !failure.ok ? failure : null;
  const fieldError = useFieldErrors(failed);
  const input = (path: string, step: string) => {
    const typed = failed?.values[path];
    const current = readRiskSetting(settings as RiskSettings, path);
    return (
      <Field key={path} name={path} label={label(path)} error={fieldError(path)}>
        {(props) => (
          <input
            {...props}
            type="number"
            inputMode="decimal"
            step={step}
            size={10}
            defaultValue={typeof typed === 'string' ? typed : current === undefined ? '' : String(current)}
          />
        )}
      </Field>
    );
  };
  const rulePaths = RISK_SETTING_FIELDS.filter((p) => p.startsWith('rules.'));
  return (
    <>
      <h1>{t('procurement.settings.title')}</h1>
      <p>{t('procurement.settings.intro')}</p>
      {saved && (
        <p role="status" className="notice">
          {t('procurement.settings.saved')}
        </p>
      )}
      {failed && <ErrorSummary {...failed} labels={Object.fromEntries(Object.keys(failed.fields).map((f) => [f, label(f)]))} />}
      <form method="post" noValidate>
        <CsrfField />
        <fieldset>
          <legend>{t('procurement.settings.buckets')}</legend>
          <p className="hint">{t('procurement.settings.bucketsHint')}</p>
          {input('buckets.medium', '0.05')}
          {input('buckets.high', '0.05')}
        </fieldset>
        <fieldset>
          <legend>{t('procurement.settings.rules')}</legend>
          <p className="hint">{t('procurement.settings.rulesHint')}</p>
          {rulePaths.map((p) => input(p, 'any'))}
        </fieldset>
        <fieldset>
          <legend>{t('procurement.precision.weights')}</legend>
          <p className="hint">{t('procurement.settings.weightsHint')}</p>
          {RISK_CODES.map((code) => input(`weights.${code}`, '0.05'))}
        </fieldset>
        <button type="submit">{t('procurement.settings.save')}</button>
      </form>
      <h2>{t('procurement.settings.changes')}</h2>
      {changes.items.length === 0 ? (
        <p>{t('procurement.settings.noChanges')}</p>
      ) : (
        <Table label={t('procurement.settings.changes')} className="setting-changes">
          <caption className="visually-hidden">{t('procurement.settings.changes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.settings.when')}</th>
              <th scope="col">{t('procurement.settings.who')}</th>
              <th scope="col">{t('procurement.settings.what')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.items.map((c) => (
              <tr key={c.id}>
                <td>{formatDate(c.createdAt, locale)}</td>
                <td>{c.actorName ?? t('procurement.settings.system')}</td>
                <td>
                  <ul>
                    {c.changes.map((x) => (
                      <li key={x.field}>{t('procurement.settings.change', { field: label(x.field), before: x.before, after: x.after })}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {changes.nextCursor && (
        <p>
          <a href={`${PATH}?cursor=${encodeURIComponent(changes.nextCursor)}`}>{t('procurement.settings.older')}</a>
        </p>
      )}
    </>
  );
}

import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors, typedValue } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { submitProposal } from '../commands/projects.js';
import { loadProcessView } from './load.server.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'budgeting.propose.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.participate');
  const { view } = await loadProcessView(context, params.slug ?? '');
  return { view };
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.participate');
  const { row } = await loadProcessView(context, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const opt = (k: string) => (typeof values[k] === 'string' && values[k] !== '' ? values[k] : undefined);
  const actor = context.ctx.actor as { userId: string; name: string };
  try {
    const p = await submitProposal(
      context.deps,
      context.ctx.site.id,
      row,
      { userId: actor.userId, name: actor.name },
      {
        title: values.title,
        description: values.description,
        district: values.district,
        category: opt('category'),
        cost: values.cost,
        lat: opt('lat'),
        lng: opt('lng'),
      },
    );
    return redirect(`/budgeting/${row.slug}/projects/${p.code}`);
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function ProposePage() {
  const { view } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const v = (k: string) => typedValue(failed, k);
  const labels: Record<string, string> = {
    title: t('budgeting.propose.titleLabel'),
    description: t('budgeting.propose.description'),
    district: t('budgeting.district'),
    category: t('budgeting.project.category'),
    lat: t('budgeting.propose.lat'),
    lng: t('budgeting.propose.lng'),
    cost: t('budgeting.propose.cost', { currency: view.currency }),
  };
  if (view.phase !== 'proposals')
    return (
      <>
        <h1>{t('budgeting.propose.title')}</h1>
        <p>{t('budgeting.propose.closed')}</p>
        <p>
          <a href={`/budgeting/${view.slug}`}>{view.title}</a>
        </p>
      </>
    );
  return (
    <>
      <p>
        <a href={`/budgeting/${view.slug}`}>{view.title}</a>
      </p>
      <h1>{t('budgeting.propose.title')}</h1>
      <form method="post">
        <CsrfField />
        <ErrorSummary {...failed} labels={labels} />
        <Field name="title" label={labels.title} error={errorOf('title')} required>
          {(p) => <input {...p} defaultValue={v('title')} />}
        </Field>
        <Field name="description" label={labels.description} error={errorOf('description')} required>
          {(p) => <textarea {...p} rows={5} defaultValue={v('description')} />}
        </Field>
        <Field name="district" label={labels.district} error={errorOf('district')} required>
          {(p) => (
            <select {...p} defaultValue={v('district')}>
              <option value="">{t('budgeting.propose.choose')}</option>
              {view.districts.map((d) => (
                <option key={d.slug} value={d.slug}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {view.categories.length > 0 && (
          <Field name="category" label={labels.category} error={errorOf('category')}>
            {(p) => (
              <select {...p} defaultValue={v('category')}>
                <option value="">{t('budgeting.propose.choose')}</option>
                {view.categories.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field name="cost" label={labels.cost} error={errorOf('cost')} required>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v('cost')} />}
        </Field>
        <Field name="lat" label={labels.lat} hint={t('budgeting.propose.locationHint')} error={errorOf('lat')}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v('lat')} />}
        </Field>
        <Field name="lng" label={labels.lng} error={errorOf('lng')}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v('lng')} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.propose.send')}
        </button>
      </form>
    </>
  );
}

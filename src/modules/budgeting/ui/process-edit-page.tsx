import { redirect, useActionData, useLoaderData, data } from 'react-router';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useReasonText } from '../../../web/kit/form.js';
import type { FormFailure } from '../../../web/kit/actions.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { saveProcess } from '../commands/save-process.js';
import { RULES } from '../core/compute.js';
import { BALLOT_TYPES, DISTRICT_VOTING, ELIGIBILITY, PHASES } from '../core/process-types.js';
import { findProcessBySlug, listCategories, listDistricts } from '../store/queries.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { isNew: boolean; values: Record<string, string> } }) {
  const d = args.data;
  return pageTitle(
    args,
    !d || d.isNew ? { id: 'budgeting.manage.newTitle' } : { id: 'budgeting.manage.editTitle', values: { title: d.values.title ?? '' } },
  );
}

const CONSTRAINTS = ['minProjects', 'maxProjects', 'maxPointsPerProject', 'totalPoints', 'rankK'] as const;

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { deps, ctx } = context;
  if (params.slug === 'new') return { isNew: true, values: {} as Record<string, string> };
  const p = await findProcessBySlug(deps.db, ctx.site.id, params.slug ?? '');
  if (!p) throw data('not found', { status: 404 });
  const [districts, categories] = await Promise.all([listDistricts(deps.db, ctx.site.id, p.id), listCategories(deps.db, ctx.site.id, p.id)]);
  const values: Record<string, string> = {
    slug: p.slug,
    title: p.title,
    description: p.description,
    currency: p.currency,
    rule: p.rule.rule,
    satisfaction: p.rule.satisfaction ?? 'cost',
    completion: p.rule.completion ?? 'none',
    threshold: p.rule.threshold ?? '',
    ballotType: p.ballotType,
    districtVoting: p.districtVoting,
    eligibility: p.eligibility,
    districts: districts.map((d) => `${d.slug} | ${d.name} | ${d.budget}${d.cityWide ? ' | city' : ''}`).join('\n'),
    categories: categories.map((c) => `${c.slug} | ${c.name}`).join('\n'),
  };
  for (const ph of PHASES) {
    values[`phase.${ph}.start`] = p.phases[ph].start.slice(0, 10);
    values[`phase.${ph}.end`] = p.phases[ph].end.slice(0, 10);
  }
  for (const c of CONSTRAINTS) values[c] = p.constraints[c] === undefined ? '' : String(p.constraints[c]);
  return { isNew: false, values };
}

/** The form's flat fields as the process input the command validates. */
function toInput(v: Record<string, string | string[]>) {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s(k)) ? `${s(k)}T00:00:00.000Z` : s(k));
  const lines = (k: string) =>
    s(k)
      .split(/\r?\n/)
      .map((l) => l.split('|').map((x) => x.trim()))
      .filter((l) => l.join('') !== '');
  const constraints: Record<string, number> = {};
  for (const c of CONSTRAINTS) if (s(c) !== '') constraints[c] = Number(s(c));
  return {
    slug: s('slug'),
    title: s('title'),
    description: s('description'),
    currency: s('currency') || 'EUR',
    phases: Object.fromEntries(PHASES.map((p) => [p, { start: day(`phase.${p}.start`), end: day(`phase.${p}.end`) }])),
    rule: {
      rule: s('rule'),
      ...(s('rule') === 'mes' ? { satisfaction: s('satisfaction') || 'cost', completion: s('completion') || 'none' } : {}),
      ...(s('threshold') ? { threshold: s('threshold') } : {}),
    },
    ballotType: s('ballotType'),
    constraints,
    districts: lines('districts').map(([slug, name, budget, city]) => ({ slug, name, budget, cityWide: city === 'city' })),
    categories: lines('categories').map(([slug, name]) => ({ slug, name })),
    districtVoting: s('districtVoting') || 'one',
    eligibility: s('eligibility') || 'open',
  };
}

/** A command field name ("phases.voting.end", "districts.0.budget", "rule.threshold") as the form's field name. */
function formFieldOf(k: string): string {
  if (k.startsWith('phases.')) return k.replace(/^phases\./, 'phase.');
  if (k.startsWith('constraints.')) return k.slice('constraints.'.length);
  if (k.startsWith('rule.')) return k === 'rule.rule' ? 'rule' : k.slice('rule.'.length);
  return k.split('.')[0];
}

/**
 * A refused process as errors by form field, in the reader's language: each coded reason worded,
 * and a reason about one line of the districts or categories saying which line (or district) it is.
 */
function useFormErrors(failure: FormFailure | null): Record<string, string> {
  const t = useT();
  const word = useReasonText();
  const out: Record<string, string> = {};
  if (!failure) return out;
  for (const k of new Set([...Object.keys(failure.fields), ...Object.keys(failure.reasons ?? {})])) {
    const name = formFieldOf(k);
    if (out[name]) continue;
    const reason = failure.reasons?.[k];
    const text = reason ? word(reason) : failure.fields[k];
    const row = /^(?:districts|categories)\.([^.]+)\./.exec(k);
    out[name] = !row
      ? text
      : /^\d+$/.test(row[1])
        ? t('budgeting.manage.lineError', { line: Number(row[1]) + 1, error: text })
        : t('budgeting.manage.itemError', { item: row[1], error: text });
  }
  return out;
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.process.manage');
  const { deps, ctx } = context;
  const existing = params.slug === 'new' ? undefined : ((await findProcessBySlug(deps.db, ctx.site.id, params.slug ?? '')) ?? undefined);
  if (params.slug !== 'new' && !existing) throw data('not found', { status: 404 });
  const form = await request.formData();
  const values = formValues(form);
  try {
    const p = await saveProcess(deps, ctx.site.id, toInput(values), existing);
    return redirect(`/budgeting/${p.slug}`);
  } catch (e) {
    return formFailure(e, values);
  }
}

export default function ProcessEditPage() {
  const { isNew, values: saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const fields = useFormErrors(failed);
  const phaseLabel = (ph: string, end: 'start' | 'end') =>
    t(end === 'start' ? 'budgeting.manage.phaseStart' : 'budgeting.manage.phaseEnd', { phase: t(`budgeting.phase.${ph}`) });
  const labels: Record<string, string> = {
    slug: t('budgeting.manage.slug'),
    title: t('budgeting.propose.titleLabel'),
    description: t('budgeting.manage.description'),
    currency: t('budgeting.manage.currency'),
    rule: t('budgeting.manage.rule'),
    satisfaction: t('budgeting.manage.satisfaction'),
    completion: t('budgeting.manage.completion'),
    threshold: t('budgeting.manage.threshold'),
    ballotType: t('budgeting.manage.ballotType'),
    constraints: t('budgeting.manage.constraints'),
    districts: t('budgeting.manage.districts'),
    districtVoting: t('budgeting.manage.districtVoting'),
    eligibility: t('budgeting.manage.eligibility'),
    categories: t('budgeting.manage.categories'),
  };
  for (const ph of PHASES) for (const end of ['start', 'end'] as const) labels[`phase.${ph}.${end}`] = phaseLabel(ph, end);
  for (const c of CONSTRAINTS) labels[c] = t(`budgeting.manage.constraint.${c}`);
  const v = (k: string) => (failure && !failure.ok ? String(failure.values[k] ?? '') : (saved[k] ?? ''));
  return (
    <>
      <p>
        <a href="/budgeting/admin">{t('budgeting.manage.title')}</a>
      </p>
      <h1>{isNew ? t('budgeting.manage.new') : t('budgeting.manage.editTitle', { title: saved.title })}</h1>
      {!isNew && <p>{t('budgeting.manage.fixedNote')}</p>}
      <form method="post">
        <CsrfField />
        <ErrorSummary fields={fields} message={failed?.message} reason={failed?.reason} labels={labels} />
        <Field name="slug" label={labels.slug} hint={t('budgeting.manage.slugHint')} error={fields.slug} required>
          {(p) => <input {...p} defaultValue={v('slug')} />}
        </Field>
        <Field name="title" label={labels.title} error={fields.title} required>
          {(p) => <input {...p} defaultValue={v('title')} />}
        </Field>
        <Field name="description" label={labels.description} error={fields.description}>
          {(p) => <textarea {...p} rows={4} defaultValue={v('description')} />}
        </Field>
        <Field name="currency" label={labels.currency} error={fields.currency}>
          {(p) => <input {...p} defaultValue={v('currency') || 'EUR'} />}
        </Field>
        <fieldset>
          <legend>{t('budgeting.process.phases')}</legend>
          {PHASES.map((ph) => (
            <div key={ph} className="inline">
              <Field name={`phase.${ph}.start`} label={labels[`phase.${ph}.start`]} error={fields[`phase.${ph}.start`]} required>
                {(p) => <input {...p} type="date" defaultValue={v(`phase.${ph}.start`)} />}
              </Field>
              <Field name={`phase.${ph}.end`} label={labels[`phase.${ph}.end`]} error={fields[`phase.${ph}.end`]} required>
                {(p) => <input {...p} type="date" defaultValue={v(`phase.${ph}.end`)} />}
              </Field>
            </div>
          ))}
        </fieldset>
        <Field name="rule" label={labels.rule} error={fields.rule} required>
          {(p) => (
            <select {...p} defaultValue={v('rule') || 'mes'}>
              {RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`budgeting.rule.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="satisfaction" label={labels.satisfaction} error={fields.satisfaction}>
          {(p) => (
            <select {...p} defaultValue={v('satisfaction') || 'cost'}>
              {['cost', 'cardinality', 'points'].map((x) => (
                <option key={x} value={x}>
                  {t(`budgeting.manage.satisfaction.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="completion" label={labels.completion} error={fields.completion}>
          {(p) => (
            <select {...p} defaultValue={v('completion') || 'none'}>
              {['none', 'add1', 'add1-exhaustive', 'add1-exhaustive-greedy'].map((x) => (
                <option key={x} value={x}>
                  {t(`budgeting.manage.completion.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="threshold" label={labels.threshold} error={fields.threshold}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={v('threshold')} />}
        </Field>
        <Field name="ballotType" label={labels.ballotType} error={fields.ballotType} required>
          {(p) => (
            <select {...p} defaultValue={v('ballotType') || 'knapsack'}>
              {BALLOT_TYPES.map((b) => (
                <option key={b} value={b}>
                  {t(`budgeting.ballotType.${b}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset id="field-constraints">
          <legend>{labels.constraints}</legend>
          {fields.constraints && <p className="error">{fields.constraints}</p>}
          {CONSTRAINTS.map((c) => (
            <Field key={c} name={c} label={labels[c]} error={fields[c]}>
              {(p) => <input {...p} inputMode="numeric" defaultValue={v(c)} />}
            </Field>
          ))}
        </fieldset>
        <Field name="districts" label={labels.districts} hint={t('budgeting.manage.districtsHint')} error={fields.districts} required>
          {(p) => <textarea {...p} rows={4} defaultValue={v('districts')} />}
        </Field>
        <Field name="districtVoting" label={labels.districtVoting} error={fields.districtVoting}>
          {(p) => (
            <select {...p} defaultValue={v('districtVoting') || 'one'}>
              {DISTRICT_VOTING.map((d) => (
                <option key={d} value={d}>
                  {t(`budgeting.districtVoting.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="eligibility" label={labels.eligibility} error={fields.eligibility}>
          {(p) => (
            <select {...p} defaultValue={v('eligibility') || 'open'}>
              {ELIGIBILITY.map((e) => (
                <option key={e} value={e}>
                  {t(`budgeting.eligibility.${e}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="categories" label={labels.categories} hint={t('budgeting.manage.categoriesHint')} error={fields.categories}>
          {(p) => <textarea {...p} rows={3} defaultValue={v('categories')} />}
        </Field>
        <button type="submit" className="button">
          {t('budgeting.manage.save')}
        </button>
      </form>
    </>
  );
}

import { redirect, useActionData, useLoaderData } from 'react-router';
import { questionnaireOf } from '../commands/take-part.js';
import { readCsvTable } from '../../../kernel/csv.js';
import { invalidInput } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { formFailure, formText, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, typedValue, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { Table } from '../../../web/kit/table.js';
import { isQuestionType, OTHER_VALUE, type Item } from '../../questionnaires/index.js';
import { computeCrossTab, computeResults } from '../commands/results.js';
import { saveMargins, saveWeighting, setPublication } from '../commands/results-settings.js';
import { categoriesOf } from '../core/results.js';
import { marginsFromRows } from '../core/margins.js';
import type { PopulationMargins } from '../store/tables.js';

import { RepresentativenessView, ResultsView, useNumber } from './results-view.js';
import { presentRepresentativeness, presentResults } from './results.server.js';
import { loadConsultationOr404 } from './shared.server.js';
import { readTypedNumber } from '../../../kernel/typed-number.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.results.staffOfTitle', values: { title: args.data?.title ?? '' } });
}

export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.results.read');
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const fallback = ctx.site.defaultLocale;
  const items = await questionnaireOf(deps, c);
  const results = await computeResults(deps, c, { audience: 'staff' });
  const label = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item?.label ? pickText(item.label, ctx.locale, fallback).text : id;
  };
  const url = new URL(request.url);
  const question = url.searchParams.get('question') ?? '';
  const by = url.searchParams.get('by') ?? '';
  const weighted = url.searchParams.get('weighted') === 'on';
  const saved = url.searchParams.get('saved') ?? '';
  const table = question && by ? await computeCrossTab(deps, c, { question, by, weighted }) : null;
  const nameOf = (id: string, value: string) => {
    if (value === OTHER_VALUE) return null;
    const item = items.find((i) => i.id === id);
    const choice = item?.options.find((o) => o.value === value);
    return choice ? pickText(choice.label, ctx.locale, fallback).text : value;
  };
  const demographic = demographicOf(items);
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, fallback).text,
    byInvitation: c.participation === 'invitation',
    saved: ['margins', 'margins-form', 'weighting', 'publication'].includes(saved),
    respondents: results.respondents,
    weighting: { ...c.weighting, unweightable: results.weighting.unweightable, problem: results.weighting.problem },
    weighted: c.weighting.method !== 'none' && !results.weighting.problem,
    questions: presentResults(results, items, ctx.locale, fallback),
    representativeness: presentRepresentativeness(results, items, ctx.locale, fallback),
    marginsCsv: c.margins
      ? [
          'question,category,population',
          ...Object.entries(c.margins.margins).flatMap(([q, m]) => Object.entries(m).map(([k, v]) => `${q},${k},${v}`)),
        ].join('\n')
      : 'question,category,population\n',
    marginsSource: c.margins?.source ?? '',
    published: c.resultsPublished,
    publishedQuestions: c.publishedQuestions,
    answerable: items.filter((i) => isQuestionType(i.type)).map((i) => ({ id: i.id, label: label(i.id), categories: Boolean(categoriesOf(i)) })),
    demographic: demographic.map((i) => ({
      id: i.id,
      label: label(i.id),
      options: i.options.map((o) => ({
        value: o.value,
        label: pickText(o.label, ctx.locale, fallback).text,
        figure: c.margins?.margins[i.id]?.[o.value]?.toString() ?? '',
      })),
    })),
    crosstab: table
      ? {
          question,
          by,
          weighted,
          rows: table.rows.map((v) => nameOf(question, v)),
          columns: table.columns.map((v) => nameOf(by, v)),
          counts: table.counts,
          columnPercent: table.columnPercent,
          lift: table.lift,
          small: table.small,
          chiSquare: table.chiSquare,
          multipleChoice: table.multipleChoice,
        }
      : { question, by, weighted },
  };
}

/** The demographic single-choice questions, the only ones with population margins. */
const demographicOf = (items: readonly Item[]) => items.filter((i) => i.demographic && i.type === 'single_choice');

/**
 * Margins from the form of figures (`figure.<question>.<option>`, one per option): a question
 * whose figures are all blank has no margin; one with some blank is refused, naming each blank.
 */
function marginsFromForm(form: FormData, items: readonly Item[]): PopulationMargins {
  const margins: Record<string, Record<string, number>> = {};
  const fields: Record<string, string> = {};
  const reasons: Record<string, { reason: string }> = {};
  for (const item of demographicOf(items)) {
    const typed = item.options.map((o) => [o.value, formText(form, `figure.${item.id}.${o.value}`)] as const);
    if (typed.every(([, text]) => text === '')) continue;
    for (const [value, text] of typed) {
      const key = `figure.${item.id}.${value}`;
      const figure = readTypedNumber(text);
      if (text === '') [fields[key], reasons[key]] = ['give a figure for each option', { reason: 'required' }];
      else if (!figure.ok) [fields[key], reasons[key]] = ['a figure is a number', { reason: figure.reason }];
      else (margins[item.id] ??= {})[value] = figure.value;
    }
  }
  if (Object.keys(fields).length) throw invalidInput(fields, undefined, reasons);
  const source = formText(form, 'source');
  return { margins, ...(source ? { source } : {}) };
}

/** The form field a problem with margin `key` (`<question>` or `<question>.<option>`) is shown on. */
function firstFigure(key: string, items: readonly Item[]): string {
  const [question, option] = key.split('.');
  const item = items.find((i) => i.id === question);
  return `figure.${question}.${option ?? item?.options[0]?.value ?? ''}`;
}

export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const values = formValues(form);
  try {
    if (intent === 'margins-form') {
      await saveMargins(deps, c, marginsFromForm(form, await questionnaireOf(deps, c)));
    } else if (intent === 'margins') {
      const table = readCsvTable(formText(form, 'margins'));
      const missing = ['question', 'category', 'population'].filter((col) => !table.columns.includes(col));
      if (missing.length)
        throw invalidInput({ margins: `missing columns: ${missing.join(', ')}` }, undefined, {
          margins: { reason: 'columns_missing', values: { columns: missing.join(', ') } },
        });
      const read = marginsFromRows(table.rows);
      if (!read.ok)
        throw invalidInput({ margins: Object.values(read.error.fields)[0] }, undefined, { margins: Object.values(read.error.reasons)[0] });
      await saveMargins(deps, c, { ...read.value, ...(formText(form, 'source') ? { source: formText(form, 'source') } : {}) });
    } else if (intent === 'weighting') {
      // A bound that is not a number is passed on as NaN, which saveWeighting refuses naming it.
      const num = (name: string) => {
        if (!formText(form, name)) return undefined;
        const read = readTypedNumber(formText(form, name));
        return read.ok ? read.value : Number.NaN;
      };
      const lower = num('trimLower');
      const upper = num('trimUpper');
      await saveWeighting(deps, c, {
        method: formText(form, 'method') as never,
        questions: form.getAll('questions').map(String),
        ...(lower !== undefined || upper !== undefined ? { trim: { lower, upper } } : {}),
      });
    } else if (intent === 'publication') {
      await setPublication(deps, c, { published: form.get('published') === 'on', questions: form.getAll('questions').map(String) });
    }
    return redirect(`/consultations/${c.slug}/admin/results?saved=${intent}#${intent}`);
  } catch (e) {
    // Problems with one margin (`margins.gender.x`) land on the margins field.
    // On the form of figures, a problem with a margin lands on its figures (`figure.<question>.<option>`).
    const items = intent === 'margins-form' ? await questionnaireOf(deps, c) : [];
    const field =
      intent === 'margins-form'
        ? (k: string) => (k.startsWith('margins.') ? firstFigure(k.slice('margins.'.length), items) : k)
        : (k: string) => (k.startsWith('margins.') ? 'margins' : k.startsWith('trim.') ? 'trimUpper' : k);
    return formFailure(withFormFields(e, field), values, { intent });
  }
}

/** A fieldset of questions to tick (the form field `questions`), with the field's error above the boxes. */
function CheckboxFieldset({
  legend,
  idPrefix,
  options,
  checked,
  error,
}: {
  legend: string;
  idPrefix: string;
  options: { id: string; label: string }[];
  checked: readonly string[];
  error?: string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {error && (
        <p className="error" id="field-questions">
          {error}
        </p>
      )}
      {options.map((q) => (
        <div className="choice" key={q.id}>
          <input type="checkbox" id={`${idPrefix}-${q.id}`} name="questions" value={q.id} defaultChecked={checked.includes(q.id)} />
          <label htmlFor={`${idPrefix}-${q.id}`}>{q.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export default function AdminResultsPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const num = useNumber();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const labels: Record<string, string> = {
    margins: t('consultations.results.margins'),
    source: t('consultations.results.marginsSource'),
    method: t('consultations.results.method'),
    questions: failed?.intent === 'publication' ? t('consultations.results.publishedQuestions') : t('consultations.results.weightOn'),
    trimLower: t('consultations.results.trimLower'),
    trimUpper: t('consultations.results.trimUpper'),
    'trim.upper': t('consultations.results.trimUpper'),
    ...Object.fromEntries(d.demographic.flatMap((q) => q.options.map((o) => [`figure.${q.id}.${o.value}`, `${q.label}: ${o.label}`]))),
  };
  const ct = d.crosstab;
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}/admin`}>{t('consultations.admin.edit', { title: d.title })}</a>
        {' · '}
        <a href={`/consultations/${d.slug}/results`}>{t('consultations.results.publicPage')}</a>
        {d.byInvitation && (
          <>
            {' · '}
            <a href={`/consultations/${d.slug}/admin/invitations`}>{t('consultations.invitations.nav')}</a>
          </>
        )}
      </p>
      <h1>{t('consultations.results.staffOfTitle', { title: d.title })}</h1>
      <p className="lead">{t('consultations.results.respondentsTotal', { count: d.respondents })}</p>
      {d.weighting.problem && (
        <p className="error" role="alert">
          {t('consultations.results.weightingFailed', {
            reason: t(`consultations.results.problem.${d.weighting.problem.code}`, {
              margin: d.weighting.problem.margin ?? '',
              category: 'category' in d.weighting.problem ? (d.weighting.problem.category ?? '') : '',
            }),
          })}
        </p>
      )}
      {d.weighting.unweightable > 0 && <p>{t('consultations.results.unweightable', { count: d.weighting.unweightable })}</p>}
      {failed && <ErrorSummary {...failed} labels={labels} />}
      {d.saved && !failed && (
        <p className="notice" role="status">
          {t('consultations.results.saved')}
        </p>
      )}

      <section aria-labelledby="exports-title">
        <h2 id="exports-title">{t('consultations.results.exports')}</h2>
        <ul>
          <li>
            <a href={`/consultations/${d.slug}/export/responses.csv`}>{t('consultations.results.csvCodes')}</a>
          </li>
          <li>
            <a href={`/consultations/${d.slug}/export/responses.csv?labels=1`}>{t('consultations.results.csvLabels')}</a>
          </li>
          <li>
            <a href={`/consultations/${d.slug}/export/responses.sps`}>{t('consultations.results.spss')}</a>
          </li>
          <li>
            <a href={`/consultations/${d.slug}/export/codebook.xml`}>{t('consultations.results.ddi')}</a>
          </li>
        </ul>
      </section>

      <section id="crosstab" aria-labelledby="crosstab-title">
        <h2 id="crosstab-title">{t('consultations.results.crosstab')}</h2>
        <form method="get" action="#crosstab">
          <Field name="question" label={t('consultations.results.crossQuestion')}>
            {(p) => (
              <select {...p} defaultValue={ct.question}>
                {d.answerable
                  .filter((q) => q.categories)
                  .map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field name="by" label={t('consultations.results.crossBy')}>
            {(p) => (
              <select {...p} defaultValue={ct.by}>
                {d.demographic.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="choice">
            <input type="checkbox" id="field-weighted" name="weighted" defaultChecked={ct.weighted} />
            <label htmlFor="field-weighted">{t('consultations.results.crossWeighted')}</label>
          </div>
          <button type="submit" className="button">
            {t('consultations.results.crossShow')}
          </button>
        </form>
        {'counts' in ct && ct.counts && (
          <>
            <Table label={t('consultations.results.crosstab')} className="crosstab">
              <thead>
                <tr>
                  <th scope="col">{t('consultations.results.answer')}</th>
                  {ct.columns.map((col, j) => (
                    <th scope="col" key={j}>
                      {col ?? t('consultations.export.other')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ct.rows.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">{row ?? t('consultations.export.other')}</th>
                    {ct.columns.map((_, j) => (
                      <td key={j}>
                        {t('consultations.results.cell', {
                          count: num(ct.counts[i][j], ct.weighted ? 1 : 0),
                          pct: num(ct.columnPercent[i][j]),
                          lift: Number.isFinite(ct.lift[i][j]) ? num(ct.lift[i][j], 2) : '–',
                        })}
                        {ct.small[i][j] && <> {t('consultations.results.smallCell')}</>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
            <p className="hint">{t('consultations.results.cellHelp')}</p>
            {ct.chiSquare && (
              <p>
                {t('consultations.results.chiSquare', { x2: num(ct.chiSquare.statistic, 2), df: ct.chiSquare.df, p: num(ct.chiSquare.pValue, 4) })}
                {ct.multipleChoice && <> {t('consultations.results.chiSquareIndicative')}</>}
              </p>
            )}
          </>
        )}
      </section>

      <section id="representativeness" aria-labelledby="margins-title">
        <h2 id="margins-title">{t('consultations.results.representativeness')}</h2>
        <RepresentativenessView rows={d.representativeness} />
        <h3 id="margins-form-title">{t('consultations.results.figuresTitle')}</h3>
        <form method="post" action="#margins-form" id="margins-form" aria-labelledby="margins-form-title">
          <CsrfField />
          <input type="hidden" name="intent" value="margins-form" />
          <p className="hint">{t('consultations.results.figuresHint')}</p>
          {d.demographic.map((q) => (
            <fieldset key={q.id}>
              <legend>{q.label}</legend>
              {q.options.map((o) => {
                const name = `figure.${q.id}.${o.value}`;
                const mine = failed?.intent === 'margins-form';
                return (
                  <Field key={o.value} name={name} label={o.label} error={mine ? errorOf(name) : undefined}>
                    {(p) => <input {...p} type="text" inputMode="decimal" size={10} defaultValue={mine ? typedValue(failed, name) : o.figure} />}
                  </Field>
                );
              })}
            </fieldset>
          ))}
          <Field name="source" id="field-figures-source" label={labels.source}>
            {(p) => <input {...p} type="text" defaultValue={failed?.intent === 'margins-form' ? typedValue(failed, 'source') : d.marginsSource} />}
          </Field>
          <button type="submit" className="button">
            {t('consultations.results.saveMargins')}
          </button>
        </form>
        <h3 id="margins-csv">{t('consultations.results.marginsCsvTitle')}</h3>
        <form method="post" action="#margins" id="margins" aria-labelledby="margins-csv">
          <CsrfField />
          <input type="hidden" name="intent" value="margins" />
          <Field
            name="margins"
            label={labels.margins}
            hint={t('consultations.results.marginsHint')}
            error={failed?.intent === 'margins' ? errorOf('margins') : undefined}
          >
            {(p) => <textarea {...p} rows={8} defaultValue={failed?.intent === 'margins' ? String(failed.values.margins ?? '') : d.marginsCsv} />}
          </Field>
          <Field name="source" label={labels.source}>
            {(p) => <input {...p} type="text" defaultValue={d.marginsSource} />}
          </Field>
          <button type="submit" className="button">
            {t('consultations.results.saveMarginsCsv')}
          </button>
        </form>
      </section>

      <section id="weighting" aria-labelledby="weighting-title">
        <h2 id="weighting-title">{t('consultations.results.weighting')}</h2>
        <form method="post" action="#weighting">
          <CsrfField />
          <input type="hidden" name="intent" value="weighting" />
          <Field name="method" label={labels.method} hint={t('consultations.results.methodHint')}>
            {(p) => (
              <select {...p} defaultValue={d.weighting.method}>
                {(['none', 'poststratify', 'rake'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`consultations.results.methods.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <CheckboxFieldset
            legend={t('consultations.results.weightOn')}
            idPrefix="weight"
            options={d.demographic}
            checked={d.weighting.questions}
            error={failed?.intent === 'weighting' ? errorOf('questions') : undefined}
          />
          <Field name="trimLower" label={labels.trimLower} hint={t('consultations.results.trimHint')}>
            {(p) => <input {...p} type="text" inputMode="decimal" size={6} defaultValue={d.weighting.trim?.lower?.toString() ?? ''} />}
          </Field>
          <Field name="trimUpper" label={labels.trimUpper} error={failed?.intent === 'weighting' ? errorOf('trimUpper') : undefined}>
            {(p) => <input {...p} type="text" inputMode="decimal" size={6} defaultValue={d.weighting.trim?.upper?.toString() ?? ''} />}
          </Field>
          <button type="submit" className="button">
            {t('consultations.results.saveWeighting')}
          </button>
        </form>
      </section>

      <section id="publication" aria-labelledby="publication-title">
        <h2 id="publication-title">{t('consultations.results.publication')}</h2>
        <form method="post" action="#publication">
          <CsrfField />
          <input type="hidden" name="intent" value="publication" />
          <CheckboxFieldset
            legend={t('consultations.results.publishedQuestions')}
            idPrefix="publish"
            options={d.answerable}
            checked={d.publishedQuestions}
            error={failed?.intent === 'publication' ? errorOf('questions') : undefined}
          />
          <div className="choice">
            <input type="checkbox" id="field-published" name="published" defaultChecked={d.published} />
            <label htmlFor="field-published">{t('consultations.results.publish')}</label>
          </div>
          <button type="submit" className="button">
            {t('consultations.results.savePublication')}
          </button>
        </form>
      </section>

      <section aria-labelledby="live-title">
        <h2 id="live-title">{t('consultations.results.live')}</h2>
        <ResultsView questions={d.questions} weighted={d.weighted} headingLevel={3} />
      </section>
    </>
  );
}

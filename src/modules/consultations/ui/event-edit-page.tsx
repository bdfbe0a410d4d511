import { redirect, useActionData, useLoaderData } from 'react-router';
import { invalidInput } from '../../../kernel/errors.js';
import { formFailure, formValues, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { recordEventOutcome } from '../commands/record-event-outcome.js';
import { updateEventDetails } from '../commands/update-event.js';
import { BLANK_ITEM_ROWS, checkOutcomeInput, MAX_EVENT_DOCUMENTS, OUTCOME_KINDS } from '../core/events.js';
import { listEvents } from '../store/events.js';
import { EventFields, EVENT_FIELD_LABELS } from './event-form.js';
import {
  consultationOr404,
  documentsFromForm,
  editableEventOrRefusal,
  eventFormChoices,
  eventFormField,
  eventFormValues,
  eventInputFromForm,
  outcomeFormField,
  outcomeItemsFromForm,
  presentConsultation,
} from './events.server.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.events.edit.title' });
}

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  const event = await editableEventOrRefusal(deps, ctx, consultation, params.id);
  const approved = await listEvents(deps.db, ctx.site.id, consultation.id, { status: 'approved' });
  return {
    consultation: presentConsultation(consultation, ctx.locale, ctx.site.defaultLocale),
    id: event.id,
    title: event.title,
    details: eventFormValues(event),
    outcome: {
      summary: event.outcomeSummary ?? '',
      minutes: event.minutes ?? '',
      items: event.outcomeItems,
      documents: event.documents,
    },
    choices: await eventFormChoices(deps, ctx),
    tiles: mapTilesOf(deps.env),
    places: approved.flatMap((e) => (e.lat !== null && e.lon !== null ? [{ name: e.placeName ?? e.title, lat: e.lat, lon: e.lon }] : [])),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  const event = await editableEventOrRefusal(deps, ctx, consultation, params.id);
  const form = await request.formData();
  const values = formValues(form);
  const back = `/consultations/${consultation.slug}/events/${event.id}?saved=1`;
  if (form.get('intent') === 'outcome') {
    const { items, rowOf } = outcomeItemsFromForm(form);
    const outcome = { summary: form.get('summary') ?? '', minutes: form.get('minutes') ?? '', items };
    try {
      // Checked before the files are stored, so a refused form leaves no stray upload behind.
      const checked = checkOutcomeInput(
        outcome,
        consultation.themes.map((t) => t.id),
      );
      if (!checked.ok) throw invalidInput(checked.error.fields, undefined, checked.error.reasons);
      const documents = await documentsFromForm(deps, ctx.site.id, ctx.actor.kind === 'user' ? ctx.actor.userId : null, form, event.documents);
      await recordEventOutcome(deps, ctx.site.id, { consultation, event, outcome, documents });
      return redirect(back);
    } catch (e) {
      return formFailure(withFormFields(e, outcomeFormField(rowOf)), values, { form: 'outcome' as const });
    }
  }
  try {
    await updateEventDetails(deps, ctx.site.id, { event, siteLocale: ctx.site.defaultLocale, details: eventInputFromForm(form) });
    return redirect(back);
  } catch (e) {
    return formFailure(withFormFields(e, eventFormField), values, { form: 'details' as const });
  }
}

/** The rows of the outcome form: the refused form's rows as typed, else the saved items and blank rows to add more. */
function outcomeRows(
  saved: { kind: string; text: string; themes: string[] }[],
  typed: Record<string, string | string[]> | null,
): { kind: string; text: string; themes: string[] }[] {
  if (!typed) return [...saved, ...Array.from({ length: BLANK_ITEM_ROWS }, () => ({ kind: 'recommendation', text: '', themes: [] }))];
  const count = Math.max(-1, ...Object.keys(typed).map((k) => Number(/^item_(?:kind|text|themes)_(\d+)$/.exec(k)?.[1] ?? -1))) + 1;
  const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
  return Array.from({ length: count }, (_, i) => ({
    kind: String(typed[`item_kind_${i}`] ?? 'recommendation'),
    text: String(typed[`item_text_${i}`] ?? ''),
    themes: list(typed[`item_themes_${i}`]),
  }));
}

export default function EventEditPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const detailsFailed = failed?.form === 'details' ? failed : null;
  const outcomeFailed = failed?.form === 'outcome' ? failed : null;
  const detailsErr = useFieldErrors(detailsFailed);
  const outcomeErr = useFieldErrors(outcomeFailed);
  const detailLabels = Object.fromEntries(Object.entries(EVENT_FIELD_LABELS).map(([k, id]) => [k, t(id)]));
  const rows = outcomeRows(d.outcome.items, outcomeFailed?.values ?? null);
  const outcomeLabels: Record<string, string> = {
    summary: t('consultations.events.outcome.summary'),
    minutes: t('consultations.events.outcome.minutes'),
    documents: t('consultations.events.outcome.documentsAdd'),
  };
  rows.forEach((_, i) => {
    outcomeLabels[`item_kind_${i}`] = t('consultations.events.outcome.itemKindOf', { n: i + 1 });
    outcomeLabels[`item_text_${i}`] = t('consultations.events.outcome.itemTextOf', { n: i + 1 });
    outcomeLabels[`item_themes_${i}`] = t('consultations.events.outcome.itemThemesOf', { n: i + 1 });
  });
  const detail = (name: string) => (detailsFailed ? String(detailsFailed.values[name] ?? '') : (d.details[name] ?? ''));
  const typed = (name: string, saved: string) => (outcomeFailed ? String(outcomeFailed.values[name] ?? '') : saved);
  const keptDocuments = outcomeFailed
    ? d.outcome.documents.filter((doc) => [outcomeFailed.values.keep_document ?? []].flat().includes(doc.uploadId))
    : d.outcome.documents;
  return (
    <>
      <p>
        <a href={`/consultations/${d.consultation.slug}/events/${d.id}`}>{d.title}</a>
      </p>
      <h1>{t('consultations.events.edit.title')}</h1>
      <p className="lead">{d.consultation.title}</p>
      <section aria-labelledby="outcome-form-heading">
        <h2 id="outcome-form-heading">{t('consultations.events.outcome.formHeading')}</h2>
        <p>{t('consultations.events.outcome.formIntro')}</p>
        <form method="post" encType="multipart/form-data" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="outcome" />
          {outcomeFailed && <ErrorSummary {...outcomeFailed} labels={outcomeLabels} />}
          <Field name="summary" label={outcomeLabels.summary} error={outcomeErr('summary')} required>
            {(p) => <textarea {...p} rows={5} defaultValue={typed('summary', d.outcome.summary)} />}
          </Field>
          <h3>{t('consultations.events.outcome.itemsHeading')}</h3>
          <p className="hint">{t('consultations.events.outcome.itemsHint')}</p>
          {rows.map((row, i) => (
            <fieldset key={i}>
              <legend>{t('consultations.events.outcome.itemLegend', { n: i + 1 })}</legend>
              <Field name={`item_kind_${i}`} label={t('consultations.events.outcome.itemKind')} error={outcomeErr(`item_kind_${i}`)}>
                {(p) => (
                  <select {...p} defaultValue={row.kind}>
                    {OUTCOME_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`consultations.events.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name={`item_text_${i}`} label={t('consultations.events.outcome.itemText')} error={outcomeErr(`item_text_${i}`)}>
                {(p) => <textarea {...p} rows={2} defaultValue={row.text} />}
              </Field>
              {d.consultation.themes.length > 0 && (
                <fieldset id={`field-item_themes_${i}`} className={outcomeErr(`item_themes_${i}`) ? 'field field-error' : 'field'}>
                  <legend>{t('consultations.events.outcome.itemThemes')}</legend>
                  {outcomeErr(`item_themes_${i}`) && <p className="error">{outcomeErr(`item_themes_${i}`)}</p>}
                  {d.consultation.themes.map((th) => (
                    <label key={th.id} className="choice">
                      <input type="checkbox" name={`item_themes_${i}`} value={th.id} defaultChecked={row.themes.includes(th.id)} /> {th.label}
                    </label>
                  ))}
                </fieldset>
              )}
            </fieldset>
          ))}
          <Field name="minutes" label={outcomeLabels.minutes} hint={t('consultations.events.outcome.minutesHint')} error={outcomeErr('minutes')}>
            {(p) => <textarea {...p} rows={6} defaultValue={typed('minutes', d.outcome.minutes)} />}
          </Field>
          {d.outcome.documents.length > 0 && (
            <fieldset>
              <legend>{t('consultations.events.outcome.documents')}</legend>
              {d.outcome.documents.map((doc) => (
                <label key={doc.uploadId} className="choice">
                  <input
                    type="checkbox"
                    name="keep_document"
                    value={doc.uploadId}
                    defaultChecked={keptDocuments.some((k) => k.uploadId === doc.uploadId)}
                  />{' '}
                  {t('consultations.events.outcome.keep', { name: doc.name })}
                </label>
              ))}
            </fieldset>
          )}
          <Field
            name="documents"
            label={outcomeLabels.documents}
            hint={t('consultations.events.outcome.documentsHint', { max: MAX_EVENT_DOCUMENTS })}
            error={outcomeErr('documents')}
          >
            {(p) => <input {...p} type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp,image/gif" />}
          </Field>
          <p className="actions">
            <button type="submit">{t('consultations.events.outcome.save')}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="details-form-heading">
        <h2 id="details-form-heading">{t('consultations.events.edit.detailsHeading')}</h2>
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="details" />
          {detailsFailed && <ErrorSummary {...detailsFailed} labels={detailLabels} />}
          <EventFields choices={d.choices} value={detail} error={detailsErr} tiles={d.tiles} places={d.places} />
          <p className="actions">
            <button type="submit">{t('consultations.events.edit.saveDetails')}</button>
          </p>
        </form>
      </section>
    </>
  );
}

import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { isLocale, LOCALE_NAMES, pickText } from '../../../kernel/i18n.js';
import { formFailure, formValues, requirePagePermission, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import {
  editorFieldOf,
  editorValuesOf,
  ITEM_TYPES,
  isQuestionType,
  ItemEditorFields,
  useEditorLabels,
  itemFromEditorForm,
  itemSchema,
  useAnswerErrors,
  type Item,
  type ItemInput,
  type ItemType,
} from '../../questionnaires/index.js';

import { questionnaireFingerprint, saveQuestionnaire } from '../commands/save-questionnaire.js';
import { questionnaireOf } from '../commands/take-part.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { countResponsesForVersion } from '../store/responses.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.editor.pageTitle' }, args.data ? { text: args.data.title } : null);
}

const OUTCOMES = ['replaced', 'new_version', 'unchanged'] as const;

/** The `after` of an item added before every other. */
const START = '_start';

const languageName = (code: string) => (isLocale(code) ? LOCALE_NAMES[code] : code);

async function load(context: LoaderArgs['context'], request: Request, slug: string) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await findConsultationBySlug(deps.db, ctx.site.id, slug);
  if (!c) throw data('not found', { status: 404 });
  return { c, items: await questionnaireOf(deps, c) };
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { c, items } = await load(context, request, params.slug ?? '');
  const url = new URL(request.url);
  const lang = ctx.locale;
  const fallback = ctx.site.defaultLocale;
  const text = (t: Record<string, string> | undefined) => pickText(t, lang, fallback).text;
  const editId = url.searchParams.get('edit');
  const addType = url.searchParams.get('add');
  const index = editId ? items.findIndex((i) => i.id === editId) : -1;
  const editingItem = index >= 0 ? items[index] : null;
  const newType = !editingItem && addType && (ITEM_TYPES as readonly string[]).includes(addType) ? (addType as ItemType) : null;
  const after = url.searchParams.get('after') ?? '';
  const position = editingItem ? index : insertionIndex(items, after);
  const editing =
    editingItem || newType
      ? {
          originalId: editingItem?.id ?? '',
          after: editingItem ? '' : after,
          values: editorValuesOf(editingItem, editingItem?.type ?? (newType as ItemType), lang),
          reference:
            editingItem && lang !== fallback
              ? { language: languageName(fallback), values: editorValuesOf(editingItem, editingItem.type, fallback) }
              : null,
          earlier: items
            .slice(0, position)
            .filter((i) => isQuestionType(i.type))
            .map((i) => ({ id: i.id, label: text(i.label), options: i.options.map((o) => o.value) })),
        }
      : null;
  const saved = url.searchParams.get('saved');
  // The language links keep what is being edited.
  const here = new URLSearchParams([...url.searchParams].filter(([k]) => k === 'edit' || k === 'add' || k === 'after'));
  return {
    basedOn: questionnaireFingerprint(items),
    here: here.size ? `${here.toString()}&` : '',
    slug: c.slug,
    title: text(c.title) || c.slug,
    lang,
    languageName: languageName(lang),
    languages: ctx.site.locales.map((code) => ({ code, name: languageName(code) })),
    version: c.currentVersion,
    responses: await countResponsesForVersion(deps.db, ctx.site.id, c.id, c.currentVersion),
    saved: (OUTCOMES as readonly string[]).includes(saved ?? '') ? (saved as (typeof OUTCOMES)[number]) : null,
    items: items.map((i) => ({
      id: i.id,
      type: i.type,
      label: text(i.label),
      required: i.required,
      demographic: !!i.demographic,
      // The site's languages this item's words are not yet written in (its label, or a section's text).
      missing: ctx.site.locales.filter((l) => (i.label || i.body) && !(i.label ?? i.body)?.[l]).map(languageName),
      condition: i.showIf
        ? {
            combine: i.showIf.combine,
            rules: i.showIf.rules.map((r) => ({
              question: text(items.find((x) => x.id === r.question)?.label) || r.question,
              op: r.op,
              value: r.value === undefined ? '' : String(r.value),
            })),
          }
        : null,
    })),
    editing,
    editingLabel: editingItem ? text(editingItem.label) || editingItem.id : null,
    newType,
  };
}

/** Where a new item goes: first (`after` is START), after the item `after`, or at the end. */
function insertionIndex(items: readonly Item[], after: string): number {
  if (after === START) return 0;
  const at = items.findIndex((i) => i.id === after);
  return at >= 0 ? at + 1 : items.length;
}

/** The items with `item` put in place of `originalId`, or where a new item goes. */
function placeItem(items: readonly Item[], item: ItemInput, originalId: string, after: string): ItemInput[] {
  const at = items.findIndex((i) => i.id === originalId);
  if (at >= 0) return items.map((x, i) => (i === at ? item : x));
  const out: ItemInput[] = [...items];
  out.splice(insertionIndex(items, after), 0, item);
  return out;
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const { c, items } = await load(context, request, params.slug ?? '');
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get('intent') ?? '');
  const itemId = String(form.get('itemId') ?? '');
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : undefined;
  let next: ItemInput[] = items;
  let edited: { id: string; index: number; item?: Item } | null = null;
  if (intent === 'item') {
    const originalId = String(form.get('originalId') ?? '');
    const item = itemFromEditorForm(
      form,
      ctx.locale,
      items.find((i) => i.id === originalId),
    );
    next = placeItem(items, item, originalId, String(form.get('after') ?? ''));
    const parsed = itemSchema.safeParse(item);
    edited = { id: item.id, index: next.indexOf(item), item: parsed.success ? parsed.data : undefined };
  } else if (intent === 'remove') {
    next = items.filter((i) => i.id !== itemId);
  } else if (intent === 'up' || intent === 'down') {
    const i = items.findIndex((x) => x.id === itemId);
    const j = intent === 'up' ? i - 1 : i + 1;
    if (i >= 0 && j >= 0 && j < items.length) {
      next = [...items];
      [next[i], next[j]] = [next[j], next[i]];
    }
  }
  try {
    const basedOn = String(form.get('basedOn') ?? '');
    const saved = await saveQuestionnaire(deps, c, next, { actorId, ...(basedOn ? { basedOn } : {}) });
    const anchor = intent === 'remove' ? 'items' : `item-${intent === 'item' ? (edited?.id ?? '') : itemId}`;
    return redirect(`/consultations/${c.slug}/admin/questionnaire?saved=${saved.outcome}#${anchor}`);
  } catch (e) {
    if (!(e instanceof AppError) || !edited) return formFailure(e, values, { intent });
    const target = edited;
    const reasons = e.reasons;
    return formFailure(
      withFormFields(e, (k) => editorFieldOf(k, reasons[k], target, target.item)),
      values,
      { intent },
    );
  }
}

export default function QuestionnaireEditorPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useAnswerErrors(failed);
  const itemFailed = failed?.intent === 'item';
  const editorValues = itemFailed ? failed.values : (d.editing?.values ?? {});
  const fieldError = (name: string) => (itemFailed ? errorOf(name) : undefined);
  const labels: Record<string, string> = { ...useEditorLabels(), ...Object.fromEntries(d.items.map((i) => [`questions.${i.id}`, i.label || i.id])) };
  const base = `/consultations/${d.slug}/admin/questionnaire`;
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}/admin`}>{t('consultations.editor.back', { title: d.title })}</a>
      </p>
      <h1>{t('consultations.editor.heading', { title: d.title })}</h1>
      <p>
        {t('consultations.editor.version', { version: d.version, count: d.responses })}{' '}
        {d.responses > 0 && t('consultations.editor.newVersionNote', { next: d.version + 1 })}
      </p>
      <nav aria-labelledby="languages-title" className="editor-languages">
        <h2 id="languages-title">{t('consultations.editor.languages')}</h2>
        <p className="hint">{t('consultations.editor.languagesHint', { language: d.languageName })}</p>
        <ul>
          {d.languages.map((l) => (
            <li key={l.code} lang={l.code}>
              {l.code === d.lang ? (
                <strong aria-current="page">{l.name}</strong>
              ) : (
                <a href={`${base}?${d.here}lang=${l.code}`}>{t('consultations.editor.writeIn', { language: l.name })}</a>
              )}{' '}
              · <a href={`${base}/preview?lang=${l.code}`}>{t('consultations.editor.previewIn', { language: l.name })}</a>
            </li>
          ))}
        </ul>
      </nav>
      {d.saved && (
        <p role="status" className="notice">
          {t(`consultations.editor.saved.${d.saved}`, { version: d.version })}
        </p>
      )}
      {failed && (
        <ErrorSummary
          message={failed.message}
          reason={failed.reason}
          fields={Object.fromEntries(Object.keys({ ...failed.fields, ...failed.reasons }).map((k) => [k, errorOf(k) ?? '']))}
          labels={labels}
        />
      )}
      {d.editing ? (
        <section id="item-form" aria-labelledby="item-form-title">
          <h2 id="item-form-title">
            {d.editingLabel
              ? t('consultations.editor.editTitle', { label: d.editingLabel })
              : t('consultations.editor.addTitle', { type: t(`questionnaires.type.${d.newType ?? 'short_text'}`) })}
          </h2>
          <p className="hint">{t('consultations.editor.writingIn', { language: d.languageName })}</p>
          <form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="item" />
            <input type="hidden" name="basedOn" value={d.basedOn} />
            <input type="hidden" name="originalId" value={d.editing.originalId} />
            <input type="hidden" name="after" value={d.editing.after} />
            <ItemEditorFields values={editorValues} errorOf={fieldError} earlier={d.editing.earlier} reference={d.editing.reference} />
            <div className="actions">
              <button type="submit" className="button">
                {t('consultations.editor.save')}
              </button>
              <a href={`${base}#items`}>{t('questionnaires.editor.cancel')}</a>
            </div>
          </form>
        </section>
      ) : (
        <>
          <section aria-labelledby="items-title" id="items">
            <h2 id="items-title">{t('consultations.editor.items', { count: d.items.length })}</h2>
            {d.items.length === 0 && <p>{t('consultations.editor.empty')}</p>}
            <ol className="editor-items">
              {d.items.map((x, i) => {
                const name = x.label || x.id;
                return (
                  <li key={x.id} id={`item-${x.id}`} className={x.type === 'page_break' ? 'card editor-page-break' : 'card'}>
                    <p>
                      {/* A refusal about this item (removing what its condition looks at) links here. */}
                      <strong id={`field-questions.${x.id}`} tabIndex={-1}>
                        {name}
                      </strong>{' '}
                      <code>{x.id}</code> · {t(`questionnaires.type.${x.type}`)}
                      {x.required && ` · ${t('consultations.editor.required')}`}
                      {x.demographic && ` · ${t('consultations.editor.demographic')}`}
                    </p>
                    {x.condition && (
                      <p className="hint">
                        {t(x.condition.combine === 'any' ? 'consultations.editor.shownWhenAny' : 'consultations.editor.shownWhenAll')}{' '}
                        {x.condition.rules.map((r, n) => (
                          <span key={n}>
                            {n > 0 && ` · `}
                            {t(`questionnaires.editor.rulePhrase.${r.op}`, { question: r.question, value: r.value })}
                          </span>
                        ))}
                      </p>
                    )}
                    {x.missing.length > 0 && <p className="hint">{t('consultations.editor.missing', { languages: x.missing.join(', ') })}</p>}
                    <div className="actions">
                      <a href={`${base}?edit=${encodeURIComponent(x.id)}#item-form`}>
                        {t('consultations.editor.edit')}
                        <span className="visually-hidden">: {name}</span>
                      </a>
                      {(['up', 'down', 'remove'] as const).map((intent) =>
                        (intent === 'up' && i === 0) || (intent === 'down' && i === d.items.length - 1) ? null : (
                          <form method="post" className="inline" key={intent}>
                            <CsrfField />
                            <input type="hidden" name="intent" value={intent} />
                            <input type="hidden" name="itemId" value={x.id} />
                            <input type="hidden" name="basedOn" value={d.basedOn} />
                            <button type="submit" className="link-button">
                              {t(`consultations.editor.${intent}`)}
                              <span className="visually-hidden">: {name}</span>
                            </button>
                          </form>
                        ),
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
          <section id="add" aria-labelledby="add-title">
            <h2 id="add-title">{t('consultations.editor.add')}</h2>
            <form method="get" action={`${base}#item-form`}>
              <div className="field">
                <label htmlFor="field-add">{t('questionnaires.editor.type')}</label>
                <select id="field-add" name="add" defaultValue="single_choice">
                  {ITEM_TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {t(`questionnaires.type.${ty}`)}
                    </option>
                  ))}
                </select>
              </div>
              {d.items.length > 0 && (
                <div className="field">
                  <label htmlFor="field-after">{t('consultations.editor.position')}</label>
                  <select id="field-after" name="after" defaultValue={d.items[d.items.length - 1].id}>
                    <option value={START}>{t('consultations.editor.atStart')}</option>
                    {d.items.map((x) => (
                      <option key={x.id} value={x.id}>
                        {t('consultations.editor.after', { label: x.label || x.id })}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <button type="submit" className="button">
                {t('consultations.editor.addButton')}
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}

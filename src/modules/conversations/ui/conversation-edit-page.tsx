import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { createConversation, updateConversation } from '../commands/save-conversation.js';
import { DEFAULT_STATEMENT_MAX_LENGTH, MODERATION_MODES, PARTICIPATION_MODES } from '../core/conversation-settings.js';
import { findConversationBySlug, type ConversationRow } from '../store/conversations.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { editing: boolean; topic: string | null } }) {
  const d = args.data;
  return pageTitle(args, d?.editing ? { id: 'conversations.edit.heading', values: { topic: d.topic ?? '' } } : { id: 'conversations.new.title' });
}

/** Questions as the form writes them: one per line, `id | label | option, option, ...`. */
function questionsText(c: ConversationRow | null): string {
  return (c?.questions ?? []).map((q) => `${q.id} | ${q.label} | ${q.options.join(', ')}`).join('\n');
}

function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

async function existing({ context, params, request }: LoaderArgs): Promise<ConversationRow | null> {
  if (!params.slug) {
    requirePagePermission(context, request, 'conversations.create');
    return null;
  }
  const conversation = await findConversationBySlug(context.deps.db, context.ctx.site.id, params.slug);
  if (!conversation) throw data('not found', { status: 404 });
  requirePagePermission(context, request, 'conversations.manage', { ownerId: conversation.ownerId });
  return conversation;
}

export async function loader(args: LoaderArgs) {
  const c = await existing(args);
  return {
    editing: c !== null,
    topic: c?.topic ?? null,
    origin: args.context.ctx.origin,
    values: {
      slug: c?.slug ?? '',
      topic: c?.topic ?? '',
      description: c?.description ?? '',
      seedStatements: '',
      statementMaxLength: String(c?.settings.statementMaxLength ?? DEFAULT_STATEMENT_MAX_LENGTH),
      participantsMayWrite: c ? (c.settings.participantsMayWrite ? 'on' : '') : 'on',
      moderation: c?.settings.moderation ?? 'strict',
      showMap: c ? (c.settings.showMap ? 'on' : '') : 'on',
      participation: c?.settings.participation ?? 'anonymous',
      questions: questionsText(c),
      xidAllowList: (c?.xidAllowList ?? []).join('\n'),
      closed: c?.closed ? 'on' : '',
    } as Record<string, string>,
    saved: new URL(args.request.url).searchParams.has('saved'),
  };
}

export async function action(args: ActionArgs) {
  const { deps, ctx } = args.context;
  const c = await existing(args);
  const form = await args.request.formData();
  const values = formValues(form);
  const allowList = lines(form.get('xidAllowList'));
  const input = {
    slug: String(form.get('slug') ?? '').trim(),
    topic: String(form.get('topic') ?? ''),
    description: String(form.get('description') ?? ''),
    seedStatements: lines(form.get('seedStatements')),
    settings: {
      statementMaxLength: Number(form.get('statementMaxLength')),
      participantsMayWrite: form.get('participantsMayWrite') === 'on',
      moderation: String(form.get('moderation')) as 'strict',
      showMap: form.get('showMap') === 'on',
      participation: String(form.get('participation')) as 'anonymous',
    },
    questions: lines(form.get('questions')).map((line) => {
      const [id = '', label = '', options = ''] = line.split('|').map((p) => p.trim());
      return {
        id,
        label,
        options: options
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      };
    }),
    xidAllowList: allowList.length ? allowList : null,
    closed: form.get('closed') === 'on',
  };
  try {
    const saved = c
      ? await updateConversation(deps, ctx.site.id, c.id, input)
      : await createConversation(deps, ctx.site.id, input, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
    return redirect(`/conversations/${saved.slug}/edit?saved=1`);
  } catch (e) {
    return formFailure(e, values);
  }
}

/** The fields of the form, by the name of the command's input they fill. */
const FORM_FIELDS = {
  topic: 'conversations.edit.topic',
  slug: 'conversations.edit.slug',
  description: 'conversations.edit.description',
  seedStatements: 'conversations.edit.seeds',
  'settings.statementMaxLength': 'conversations.edit.maxLength',
  'settings.moderation': 'conversations.edit.moderation',
  'settings.participation': 'conversations.edit.participation',
  questions: 'conversations.edit.questions',
  xidAllowList: 'conversations.edit.allowList',
} as const;

/**
 * The errors of a field and its parts (`questions.1.id` is line 2 of the questions) in the
 * reader's language, joined for display next to it.
 */
function useFieldAndPartErrors(failure: FormFailure | undefined): (name: string) => string | undefined {
  const t = useT();
  const word = useFieldErrors(failure);
  const names = Object.keys({ ...failure?.fields, ...failure?.reasons });
  return (name) => {
    const found = names.filter((k) => k === name || k.startsWith(`${name}.`));
    if (!found.length) return undefined;
    return found
      .map((k) => {
        const line = /^\d+/.exec(k.slice(name.length + 1))?.[0];
        const error = word(k) ?? '';
        return k === name || line === undefined ? error : t('conversations.edit.onLine', { line: Number(line) + 1, error });
      })
      .join('; ');
  };
}

export default function ConversationEditPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  useRoot();
  const v = { ...d.values, ...(failure?.values ?? {}) } as Record<string, string>;
  const errorOf = useFieldAndPartErrors(failure);
  const setting = (name: string) => errorOf(`settings.${name}`);
  // The summary names each field once (its parts joined), linked to the field's input.
  const summary: Record<string, string> = {};
  const labels: Record<string, string> = {};
  for (const [name, label] of Object.entries(FORM_FIELDS)) {
    const error = errorOf(name);
    const id = name.replace(/^settings\./, '');
    if (error) summary[id] = error;
    labels[id] = t(label);
  }
  const covered = (k: string) => Object.keys(FORM_FIELDS).some((name) => k === name || k.startsWith(`${name}.`));
  const word = useFieldErrors(failure);
  for (const k of Object.keys({ ...failure?.fields, ...failure?.reasons })) if (!covered(k)) summary[k] = word(k) ?? '';
  const snippet = `<iframe src="${d.origin}/conversations/${v.slug}/embed?xid=PARTICIPANT_ID" title="${v.topic.replace(/"/g, '&quot;')}" width="100%" height="720" style="border:0"></iframe>`;
  return (
    <>
      <h1>{d.editing ? t('conversations.edit.heading', { topic: d.topic ?? '' }) : t('conversations.new.title')}</h1>
      {d.saved && !failure && (
        <p role="status" className="notice">
          {t('conversations.edit.saved')} <a href={`/conversations/${v.slug}`}>{t('conversations.edit.open')}</a>
        </p>
      )}
      {failure && <ErrorSummary message={failure.message} reason={failure.reason} fields={summary} labels={labels} />}
      <form method="post">
        <CsrfField />
        <Field name="topic" label={t('conversations.edit.topic')} error={errorOf('topic')} required>
          {(p) => <input {...p} defaultValue={v.topic} />}
        </Field>
        <Field name="slug" label={t('conversations.edit.slug')} hint={t('conversations.edit.slugHint')} error={errorOf('slug')} required>
          {(p) => <input {...p} defaultValue={v.slug} />}
        </Field>
        <Field name="description" label={t('conversations.edit.description')} error={errorOf('description')}>
          {(p) => <textarea {...p} rows={3} defaultValue={v.description} />}
        </Field>
        <Field
          name="seedStatements"
          label={t(d.editing ? 'conversations.edit.addSeeds' : 'conversations.edit.seeds')}
          hint={t('conversations.edit.seedsHint')}
          error={errorOf('seedStatements')}
        >
          {(p) => <textarea {...p} rows={6} defaultValue={v.seedStatements} />}
        </Field>
        <fieldset>
          <legend>{t('conversations.edit.settings')}</legend>
          <Field name="statementMaxLength" label={t('conversations.edit.maxLength')} error={setting('statementMaxLength')}>
            {(p) => <input {...p} type="number" min={20} max={1000} defaultValue={v.statementMaxLength} />}
          </Field>
          <div className="choice">
            <input type="checkbox" id="field-participantsMayWrite" name="participantsMayWrite" defaultChecked={v.participantsMayWrite === 'on'} />
            <label htmlFor="field-participantsMayWrite">{t('conversations.edit.mayWrite')}</label>
          </div>
          <div className="choice">
            <input type="checkbox" id="field-showMap" name="showMap" defaultChecked={v.showMap === 'on'} />
            <label htmlFor="field-showMap">{t('conversations.edit.showMap')}</label>
          </div>
          <fieldset>
            <legend>{t('conversations.edit.moderation')}</legend>
            {setting('moderation') && <p className="error">{setting('moderation')}</p>}
            {MODERATION_MODES.map((m) => (
              <div className="choice" key={m}>
                <input type="radio" id={`moderation-${m}`} name="moderation" value={m} defaultChecked={v.moderation === m} />
                <label htmlFor={`moderation-${m}`}>{t(`conversations.moderate.mode.${m}`)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('conversations.edit.participation')}</legend>
            {setting('participation') && <p className="error">{setting('participation')}</p>}
            {PARTICIPATION_MODES.map((m) => (
              <div className="choice" key={m}>
                <input type="radio" id={`participation-${m}`} name="participation" value={m} defaultChecked={v.participation === m} />
                <label htmlFor={`participation-${m}`}>{t(`conversations.edit.participation.${m}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="choice">
            <input type="checkbox" id="field-closed" name="closed" defaultChecked={v.closed === 'on'} />
            <label htmlFor="field-closed">{t('conversations.edit.closed')}</label>
          </div>
        </fieldset>
        <Field name="questions" label={t('conversations.edit.questions')} hint={t('conversations.edit.questionsHint')} error={errorOf('questions')}>
          {(p) => <textarea {...p} rows={3} defaultValue={v.questions} />}
        </Field>
        <Field
          name="xidAllowList"
          label={t('conversations.edit.allowList')}
          hint={t('conversations.edit.allowListHint')}
          error={errorOf('xidAllowList')}
        >
          {(p) => <textarea {...p} rows={3} defaultValue={v.xidAllowList} />}
        </Field>
        <button type="submit">{t('conversations.edit.save')}</button>
      </form>
      {d.editing && (
        <section aria-labelledby="embed-title">
          <h2 id="embed-title">{t('conversations.edit.embed')}</h2>
          <p>{t('conversations.edit.embedHint')}</p>
          <label htmlFor="embed-snippet">{t('conversations.edit.embedLabel')}</label>
          <textarea id="embed-snippet" readOnly rows={3} value={snippet} />
          <p>
            <a href={`/conversations/${v.slug}/moderate`}>{t('conversations.moderate.link')}</a> ·{' '}
            <a href={`/conversations/${v.slug}/report`}>{t('conversations.report.link')}</a>
          </p>
        </section>
      )}
    </>
  );
}

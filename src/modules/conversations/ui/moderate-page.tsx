import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission, type FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { moderateStatement } from '../commands/moderate-statement.js';
import { findConversationBySlug, listStatements } from '../store/conversations.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { topic: string } }) {
  return pageTitle(args, args.data ? { id: 'conversations.moderate.heading', values: { topic: args.data.topic } } : { id: 'conversations.nav' });
}

async function conversationFor({ context, params, request }: LoaderArgs) {
  const conversation = params.slug ? await findConversationBySlug(context.deps.db, context.ctx.site.id, params.slug) : null;
  if (!conversation) throw data('not found', { status: 404 });
  requirePagePermission(context, request, 'conversations.moderate', { ownerId: conversation.ownerId });
  return conversation;
}

export async function loader(args: LoaderArgs) {
  const { deps, ctx } = args.context;
  const conversation = await conversationFor(args);
  const all = await listStatements(deps.db, ctx.site.id, conversation.id);
  const texts = new Map(all.map((s) => [s.tid, s.body]));
  const present = (s: (typeof all)[number]) => ({
    id: s.tid,
    text: s.body,
    isMeta: s.isMeta,
    isSeed: s.isSeed,
    duplicate:
      s.duplicateOf === null ? null : { id: s.duplicateOf, text: texts.get(s.duplicateOf) ?? '', similarity: Math.round((s.similarity ?? 0) * 100) },
  });
  return {
    slug: conversation.slug,
    topic: conversation.topic,
    mode: conversation.settings.moderation,
    waiting: all.filter((s) => s.moderation === 0).map(present),
    accepted: all.filter((s) => s.moderation === 1 && !s.isSeed).map(present),
    rejected: all.filter((s) => s.moderation === -1).map(present),
    done: new URL(args.request.url).searchParams.get('done'),
  };
}

export async function action(args: ActionArgs) {
  const { deps, ctx } = args.context;
  const conversation = await conversationFor(args);
  const form = await args.request.formData();
  const values = formValues(form);
  try {
    const id = Number(form.get('statementId'));
    await moderateStatement(
      deps,
      conversation,
      Number.isInteger(id) ? id : -1,
      { action: String(form.get('action') ?? '') },
      ctx.actor.kind === 'user' ? ctx.actor.userId : '',
    );
    return redirect(`/conversations/${conversation.slug}/moderate?done=${encodeURIComponent(String(form.get('action')))}`);
  } catch (e) {
    return formFailure(e, values);
  }
}

/** A symbol per decision, so the three buttons differ in shape and text, not in colour alone. */
const DECISION_ICONS = { accept: '✓', reject: '✕', meta: '◆' } as const;

function Decisions({ id, actions }: { id: number; actions: ('accept' | 'reject' | 'meta')[] }) {
  const t = useT();
  return (
    <form method="post" className="actions">
      <CsrfField />
      <input type="hidden" name="statementId" value={id} />
      {actions.map((a) => (
        <button
          key={a}
          type="submit"
          name="action"
          value={a}
          className={`decision decision-${a}`}
          aria-label={t(`conversations.moderate.${a}Statement`, { id })}
        >
          <span aria-hidden="true" className="decision-icon">
            {DECISION_ICONS[a]}
          </span>{' '}
          {t(`conversations.moderate.${a}`)}
        </button>
      ))}
    </form>
  );
}

export default function ModeratePage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  return (
    <>
      <p>
        <a href={`/conversations/${d.slug}`}>{t('conversations.report.back')}</a>
      </p>
      <h1>{t('conversations.moderate.heading', { topic: d.topic })}</h1>
      <p className="lead">{t(`conversations.moderate.mode.${d.mode}`)}</p>
      {failure && (
        <ErrorSummary {...failure} labels={{ statementId: t('conversations.moderate.statement'), action: t('conversations.moderate.decision') }} />
      )}
      {d.done && (
        <p role="status" className="notice">
          {t('conversations.moderate.done')}
        </p>
      )}
      <h2>{t('conversations.moderate.waiting', { count: d.waiting.length })}</h2>
      {d.waiting.length === 0 ? (
        <p>{t('conversations.moderate.empty')}</p>
      ) : (
        <ul className="moderation-queue">
          {d.waiting.map((s) => (
            <li key={s.id} className="card">
              <p>
                <strong>#{s.id}</strong> {s.text}
              </p>
              {s.duplicate && (
                <p className="notice">
                  {t('conversations.moderate.duplicate', { id: s.duplicate.id, text: s.duplicate.text, similarity: s.duplicate.similarity })}
                </p>
              )}
              <Decisions id={s.id} actions={['accept', 'reject', 'meta']} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('conversations.moderate.accepted', { count: d.accepted.length })}</h2>
      <ul>
        {d.accepted.map((s) => (
          <li key={s.id}>
            <strong>#{s.id}</strong> {s.text} {s.isMeta && <span className="badge">{t('conversations.meta')}</span>}
            <Decisions id={s.id} actions={['reject']} />
          </li>
        ))}
      </ul>
      <h2>{t('conversations.moderate.rejected', { count: d.rejected.length })}</h2>
      <ul>
        {d.rejected.map((s) => (
          <li key={s.id}>
            <strong>#{s.id}</strong> {s.text}
            <Decisions id={s.id} actions={['accept']} />
          </li>
        ))}
      </ul>
    </>
  );
}

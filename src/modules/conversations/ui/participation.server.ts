import { data, redirect } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { formFailure, formValues, withFormFields } from '../../../web/kit/actions.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { castVote } from '../commands/cast-vote.js';
import { nextStatementFor, participantView } from '../commands/next-statement.js';
import { anonCookie, anonTokenOf, participantOf } from '../commands/participate.js';
import { submitStatement } from '../commands/submit-statement.js';
import { loadReport } from '../commands/update-analysis.js';
import { canManage, canModerate, canSeeAnalysis, participantSummary } from '../routes/api.js';
import { findConversationBySlug } from '../store/conversations.js';

async function conversationOr404(context: LoaderArgs['context'], slug: string | undefined) {
  const conversation = slug ? await findConversationBySlug(context.deps.db, context.ctx.site.id, slug) : null;
  if (!conversation) throw data('not found', { status: 404 });
  return conversation;
}

function xidOf(request: Request): string | null {
  return new URL(request.url).searchParams.get('xid');
}

/** Where the participation page lives, keeping the embed and its xid. */
function pagePath(slug: string, embed: boolean, xid: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...(xid ? { xid } : {}), ...extra }).toString();
  return `/conversations/${encodeURIComponent(slug)}${embed ? '/embed' : ''}${q ? `?${q}` : ''}`;
}

/** The participation page's data: the next statement, progress, the participant's group and why, and the map when shown. */
export async function loadParticipation({ context, params, request }: LoaderArgs, embed: boolean) {
  const { deps, ctx } = context;
  const conversation = await conversationOr404(context, params.slug);
  const xid = xidOf(request);
  const url = new URL(request.url);
  let participant = null;
  let blocked: string | null = null;
  try {
    participant = (
      await participantOf(deps, conversation, { actor: ctx.actor, xid, anonToken: anonTokenOf(request.headers.get('cookie')) }, { join: false })
    ).participant;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    blocked = e.code === 'unauthenticated' ? 'signIn' : e.code === 'forbidden' ? 'notAllowed' : 'xidRequired';
  }
  const next = await nextStatementFor(deps, conversation, participant);
  const me = await participantSummary(deps, ctx, conversation, participant);
  const report = canSeeAnalysis(deps, ctx, conversation) ? await loadReport(deps, ctx.site.id, conversation.id) : null;
  const view = me.why.length ? await participantView(deps, conversation, null) : null;
  const texts = new Map(view?.shown.map((s) => [s.tid, s.body]) ?? []);
  return {
    slug: conversation.slug,
    topic: conversation.topic,
    description: conversation.description,
    closed: conversation.closed,
    embed,
    xid,
    blocked,
    signInHref: `/sign-in?next=${encodeURIComponent(pagePath(conversation.slug, embed, xid))}`,
    settings: conversation.settings,
    // Asked until answered (every answer is optional).
    questions: !participant || Object.keys(participant.answers).length === 0 ? conversation.questions : [],
    next: { ...next, statement: next.statement ? { id: next.statement.tid, text: next.statement.body } : null },
    me: { ...me, why: me.why.map((id) => ({ id, text: texts.get(id) ?? '' })) },
    map: report
      ? { participants: report.participants, groups: report.groups.map((g) => ({ id: g.id, size: g.size })), computedAt: report.computedAt }
      : null,
    canModerate: canModerate(deps, ctx, conversation),
    canManage: canManage(deps, ctx, conversation),
    written: url.searchParams.get('written'),
    voted: url.searchParams.get('voted'),
  };
}

/** Votes, statements and answers from the participation page's forms (they work without JavaScript). */
export async function actOnParticipation({ context, params, request }: ActionArgs, embed: boolean) {
  const { deps, ctx } = context;
  const conversation = await conversationOr404(context, params.slug);
  const form = await request.formData();
  const values = formValues(form);
  const xid = typeof values.xid === 'string' && values.xid ? values.xid : xidOf(request);
  const intent = form.get('intent');
  try {
    const answers: Record<string, string> = {};
    if (intent === 'answers') for (const q of conversation.questions) answers[q.id] = String(form.get(`answer-${q.id}`) ?? '');
    const { participant, newAnonToken } = await participantOf(
      deps,
      conversation,
      { actor: ctx.actor, xid, anonToken: anonTokenOf(request.headers.get('cookie')) },
      { join: true, answers },
    );
    const headers = newAnonToken ? { 'Set-Cookie': anonCookie(deps.env, newAnonToken) } : undefined;
    if (intent === 'vote') {
      const stored = await castVote(deps, conversation, participant!, {
        statementId: String(form.get('statementId') ?? ''),
        vote: String(form.get('vote') ?? ''),
      });
      return redirect(pagePath(conversation.slug, embed, xid, { voted: stored.vote }), { headers });
    }
    if (intent === 'statement') {
      const statement = await submitStatement(deps, conversation, participant!, { text: String(form.get('text') ?? '') });
      return redirect(pagePath(conversation.slug, embed, xid, { written: statement.moderation === 1 ? 'accepted' : 'waiting' }) + '#write', {
        headers,
      });
    }
    return redirect(pagePath(conversation.slug, embed, xid), { headers });
  } catch (e) {
    // Each answer's select is named `answer-<id>` on the form (`answers.<id>` in the command).
    return formFailure(
      withFormFields(e, (k) => k.replace(/^answers\./, 'answer-')),
      values,
    );
  }
}

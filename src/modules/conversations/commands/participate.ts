import { createHash } from 'node:crypto';
import { parse, serialize } from 'hono/utils/cookie';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import type { Actor } from '../../../kernel/auth.js';
import type { Env } from '../../../kernel/env.js';
import { AppError, type FieldErrors, type FieldReasons } from '../../../kernel/errors.js';
import { newToken } from '../../../kernel/ids.js';
import type { ConversationRow, ParticipantKey, ParticipantRow } from '../store/conversations.js';
import { findParticipant } from '../store/conversations.js';
import { conversationParticipants, conversations } from '../store/tables.js';

/** The cookie that recognises an anonymous participant across a site's conversations. */
export const ANON_COOKIE = 'polity_participant';

/** How a request identifies its participant: the signed-in actor, an `xid` from an embedding site, an anonymous cookie token. */
export interface ParticipantClaim {
  actor: Actor;
  xid?: string | null;
  anonToken?: string | null;
}

/** The stored form of an anonymous token (only its hash is kept). */
export function hashAnonToken(token: string): string {
  return createHash('sha256').update(`conversations:${token}`).digest('hex');
}

/**
 * Which participant a request is, under the conversation's participation mode: `xid` needs an
 * external id (on the allow-list when there is one); `signed_in` needs an account; `anonymous`
 * takes the account when signed in, else an xid when an embedding site passed one, else the
 * anonymous cookie. Null when an anonymous visitor
 * has no cookie yet (the caller issues one).
 */
export function participantKeyOf(conversation: ConversationRow, claim: ParticipantClaim): ParticipantKey | null {
  const mode = conversation.settings.participation;
  if (mode === 'xid') {
    const xid = claim.xid?.trim();
    if (!xid)
      throw new AppError('invalid_input', 'This conversation is taken part in through the site that embeds it.', {
        fields: { xid: 'required: the embedding site passes an external id (xid)' },
        reasons: { xid: { reason: 'required' } },
        reason: { reason: 'xid_required' },
      });
    if (xid.length > 200)
      throw new AppError('invalid_input', 'The external id is too long.', {
        fields: { xid: 'at most 200 characters' },
        reasons: { xid: { reason: 'too_long', values: { max: 200 } } },
      });
    if (conversation.xidAllowList && !conversation.xidAllowList.includes(xid))
      throw new AppError('forbidden', 'This external id may not take part in this conversation.', {
        fields: { xid: 'not on the conversation’s allow-list' },
        reasons: { xid: { reason: 'xid_not_allowed' } },
        reason: { reason: 'xid_not_allowed' },
      });
    return { kind: 'xid', xid };
  }
  if (claim.actor.kind === 'user') return { kind: 'user', userId: claim.actor.userId };
  if (mode === 'signed_in') throw new AppError('unauthenticated', 'Please sign in to take part in this conversation.');
  // An open conversation embedded with an xid: the embedding site's id (third-party frames get no cookies).
  const xid = claim.xid?.trim();
  if (xid) return { kind: 'xid', xid: xid.slice(0, 200) };
  return claim.anonToken ? { kind: 'anon', anonHash: hashAnonToken(claim.anonToken) } : null;
}

/** Checks demographic answers against the conversation's questions; every answer is optional. */
function checkAnswers(conversation: ConversationRow, answers: Record<string, string>): Record<string, string> {
  const fields: FieldErrors = {};
  const reasons: FieldReasons = {};
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === '') continue;
    const q = conversation.questions.find((x) => x.id === id);
    if (!q) {
      fields[`answers.${id}`] = 'this conversation asks no such question';
      reasons[`answers.${id}`] = { reason: 'unknown_field' };
    } else if (!q.options.includes(value)) {
      fields[`answers.${id}`] = `choose one of: ${q.options.join(', ')}`;
      reasons[`answers.${id}`] = { reason: 'invalid_choice' };
    } else out[id] = value;
  }
  if (Object.keys(fields).length > 0)
    throw new AppError('invalid_input', 'Some answers are not valid.', { fields, reasons, reason: { reason: 'answers_invalid' } });
  return out;
}

/** The participant for `key`, joining them (next participant number) when they have not joined yet. */
export async function joinConversation(
  deps: Deps,
  conversation: ConversationRow,
  key: ParticipantKey,
  answers: Record<string, string> = {},
): Promise<ParticipantRow> {
  const checked = checkAnswers(conversation, answers);
  const siteId = conversation.siteId;
  const existing = await findParticipant(deps.db, siteId, conversation.id, key);
  if (existing) {
    if (Object.keys(checked).length === 0) return existing;
    const [row] = await deps.db
      .update(conversationParticipants)
      .set({ answers: { ...existing.answers, ...checked } })
      .where(and(eq(conversationParticipants.conversationId, conversation.id), eq(conversationParticipants.pid, existing.pid)))
      .returning();
    return row;
  }
  if (conversation.closed) throw new AppError('invalid_state', 'This conversation is closed.', { reason: { reason: 'conversation_closed' } });
  try {
    return await inTransaction(deps.db, async (tx) => {
      const [c] = await tx
        .update(conversations)
        .set({ nextParticipant: sql`${conversations.nextParticipant} + 1` })
        .where(and(eq(conversations.siteId, siteId), eq(conversations.id, conversation.id)))
        .returning({ next: conversations.nextParticipant });
      const [row] = await tx
        .insert(conversationParticipants)
        .values({
          siteId,
          conversationId: conversation.id,
          pid: c.next - 1,
          userId: key.kind === 'user' ? key.userId : null,
          xid: key.kind === 'xid' ? key.xid : null,
          anonHash: key.kind === 'anon' ? key.anonHash : null,
          answers: checked,
          createdAt: deps.clock.now(),
        })
        .returning();
      return row;
    });
  } catch (e) {
    // Two first requests of the same person at once: the other one joined them.
    if (isUniqueViolation(e)) {
      const row = await findParticipant(deps.db, siteId, conversation.id, key);
      if (row) return row;
    }
    throw e;
  }
}

/** The Set-Cookie value that remembers an anonymous participant for a year (SameSite=Lax; embeds use xids). */
export function anonCookie(env: Env, token: string): string {
  return serialize(ANON_COOKIE, token, { httpOnly: true, secure: env.COOKIE_SECURE, sameSite: 'Lax', path: '/', maxAge: 365 * 24 * 3600 });
}

/** The anonymous participant token in a Cookie header, if any. */
export function anonTokenOf(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader)[ANON_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/**
 * The participant making a request. With `join`, people who have not joined yet are joined (an
 * anonymous visitor without a cookie gets a new token, returned so the caller sets the cookie);
 * without it, null for them.
 */
export async function participantOf(
  deps: Deps,
  conversation: ConversationRow,
  claim: ParticipantClaim,
  opts: { join: boolean; answers?: Record<string, string> },
): Promise<{ participant: ParticipantRow | null; newAnonToken: string | null }> {
  let key = participantKeyOf(conversation, claim);
  let newAnonToken: string | null = null;
  if (!key) {
    if (!opts.join) return { participant: null, newAnonToken: null };
    newAnonToken = newToken(24);
    key = { kind: 'anon', anonHash: hashAnonToken(newAnonToken) };
  }
  if (!opts.join) return { participant: await findParticipant(deps.db, conversation.siteId, conversation.id, key), newAnonToken: null };
  return { participant: await joinConversation(deps, conversation, key, opts.answers), newAnonToken };
}

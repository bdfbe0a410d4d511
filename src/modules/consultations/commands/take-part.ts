import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { parse, serialize } from 'hono/utils/cookie';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import { claimAttempt, hitRateLimit, settleAttempt, type BackoffPolicy } from '../../../db/rate-limit.js';
import type { Actor } from '../../../kernel/auth.js';
import type { Env } from '../../../kernel/env.js';
import { AppError } from '../../../kernel/errors.js';
import { newId, newToken } from '../../../kernel/ids.js';
import type { Answers, Item } from '../../questionnaires/index.js';
import { consultationPhase } from '../core/consultation.js';
import { carryAnswers, moveThroughSurvey, namedErrors, pageToShow, type SurveyMove } from '../core/survey.js';
import { findQuestionnaireVersion } from '../store/consultations.js';
import { findInvitationByHash, findResponseByKey, findResponseByResumeHash } from '../store/responses.js';
import { consultationInvitations, consultationResponses, type ConsultationRow, type ResponseRow } from '../store/tables.js';

/** The cookie that recognises an anonymous respondent's browser (one response per browser); only its hash is stored. */
export const RESPONDENT_COOKIE = 'polity_respondent';

/** Letters of codes people type: no 0/O, 1/I/L, so a code read aloud or from paper is typed right. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Abuse limits on taking part (see db/rate-limit): new anonymous responses per address, code tries. */
export const SURVEY_LIMITS = {
  newResponsesPerClient: { limit: 30, windowMs: 3_600_000 },
  codeTriesPerClient: { limit: 60, windowMs: 600_000 },
  codeFailures: { free: 10, baseMs: 2_000, maxMs: 600_000, forgetMs: 3_600_000 } satisfies BackoffPolicy,
};

/** A new code for people to type: `length` letters and digits from CODE_ALPHABET, in groups of four. */
export function newCode(length = 12): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A typed code as stored before hashing: upper case, without spaces and dashes. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** The stored form of a secret (browser token, resume or invitation code): a SHA-256 hash with its kind. */
export function hashSecret(kind: 'browser' | 'resume' | 'invitation', secret: string): string {
  const value = kind === 'browser' ? secret : normalizeCode(secret);
  return createHash('sha256').update(`consultations:${kind}:${value}`).digest('hex');
}

/** The name of the cookie that keeps a respondent's resume code for one consultation (invitation and anonymous respondents). */
export function surveyCookieName(consultationId: string): string {
  return `polity_survey_${consultationId.replace(/-/g, '')}`;
}

/** Set-Cookie for a browser token or resume code, kept for a year (HttpOnly, SameSite=Lax). */
export function surveyCookie(env: Env, name: string, value: string): string {
  return serialize(name, value, { httpOnly: true, secure: env.COOKIE_SECURE, sameSite: 'Lax', path: '/', maxAge: 365 * 24 * 3600 });
}

/** The respondent's browser token and this consultation's resume code from a Cookie header. */
export function surveyCookiesOf(
  cookieHeader: string | null | undefined,
  consultationId: string,
): { browserToken: string | null; resumeCode: string | null } {
  if (!cookieHeader) return { browserToken: null, resumeCode: null };
  const jar = parse(cookieHeader);
  const token = jar[RESPONDENT_COOKIE];
  const resume = jar[surveyCookieName(consultationId)];
  return {
    browserToken: token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null,
    resumeCode: resume && /^[A-Z0-9-]{8,40}$/.test(resume) ? resume : null,
  };
}

/** Who is taking part: the actor, their browser's token and resume code (cookies), and what they typed. */
export interface RespondentClaim {
  actor: Actor;
  /** The client's address, for abuse limits. */
  client: string;
  browserToken?: string | null;
  /** A resume code from the cookie or typed by the respondent. */
  resumeCode?: string | null;
  /** An invitation code typed by the respondent (invitation consultations). */
  invitationCode?: string | null;
}

/** A consultation's questionnaire version (its items as stored, already checked when saved). */
export async function questionnaireOf(deps: Deps, c: ConsultationRow, version = c.currentVersion): Promise<Item[]> {
  return ((await findQuestionnaireVersion(deps.db, c.siteId, c.id, version)) ?? []) as Item[];
}

function unknownInvitation(): AppError {
  return new AppError('invalid_input', 'This invitation code is not valid.', {
    fields: { code: 'not an invitation code of this consultation' },
    reasons: { code: { reason: 'consultations_invitation_unknown' } },
    reason: { reason: 'consultations_invitation_unknown' },
  });
}

function rateLimited(seconds: number, field = 'code'): AppError {
  return new AppError('rate_limited', `Too many attempts. Please wait ${seconds} seconds and try again.`, {
    fields: { [field]: 'too many attempts; wait and try again' },
    reasons: { [field]: { reason: 'too_many_tries', values: { seconds } } },
    reason: { reason: 'too_many_tries', values: { seconds } },
    details: { retryAfterSeconds: seconds, reason: 'rate_limited' },
  });
}

async function capped(deps: Deps, key: string, cap: { limit: number; windowMs: number }, field?: string): Promise<void> {
  const hit = await hitRateLimit(deps.db, deps.clock, key, cap.limit, cap.windowMs);
  if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds, field);
}

/** Checks a typed code (resume or invitation) under the back-off of wrong codes per address; gives what it opens, or throws. */
async function checkCode<T>(
  deps: Deps,
  c: ConsultationRow,
  client: string,
  field: string,
  find: () => Promise<T | null>,
  wrong: () => AppError,
): Promise<T> {
  await capped(deps, `consultations.code:${c.siteId}:${c.id}:client:${client}`, SURVEY_LIMITS.codeTriesPerClient, field);
  const failures = `consultations.code-failures:${c.siteId}:client:${client}`;
  const claim = await claimAttempt(deps.db, deps.clock, failures, SURVEY_LIMITS.codeFailures);
  if (!claim.allowed) throw rateLimited(claim.retryAfterSeconds, field);
  const found = await find();
  await settleAttempt(deps.db, deps.clock, failures, found ? 'succeeded' : 'failed');
  if (!found) throw wrong();
  return found;
}

const wrongResumeCode = () =>
  new AppError('not_found', 'No saved response has this resume code.', {
    fields: { resume: 'no saved response has this code' },
    reasons: { resume: { reason: 'consultations_resume_unknown' } },
    reason: { reason: 'consultations_resume_unknown' },
  });

/** Refuses taking part outside the open phase. */
export function requireOpen(c: ConsultationRow, now: Date): void {
  const phase = consultationPhase(c, now);
  if (phase !== 'open')
    throw new AppError('invalid_state', 'This consultation is not open for responses.', {
      reason: { reason: 'consultations_not_open', values: { phase } },
    });
}

/**
 * The respondent's response, if any: the one their resume code opens (cookie or typed), else the
 * signed-in person's, else (anonymous consultations) their browser's. A typed resume code that
 * opens nothing is refused (and counted against the address's back-off).
 */
export async function findMyResponse(
  deps: Deps,
  c: ConsultationRow,
  claim: RespondentClaim,
  opts: { typedResume?: boolean } = {},
): Promise<ResponseRow | null> {
  if (claim.resumeCode) {
    const code = claim.resumeCode;
    const find = () => findResponseByResumeHash(deps.db, c.siteId, c.id, hashSecret('resume', code));
    if (opts.typedResume) return checkCode(deps, c, claim.client, 'resume', find, wrongResumeCode);
    const found = await find();
    if (found) return found;
  }
  if (claim.actor.kind === 'user') return findResponseByKey(deps.db, c.siteId, c.id, `user:${claim.actor.userId}`);
  if (c.participation === 'anonymous' && claim.browserToken)
    return findResponseByKey(deps.db, c.siteId, c.id, `anon:${hashSecret('browser', claim.browserToken)}`);
  return null;
}

/**
 * A draft given for an older questionnaire version, moved to the current one with the answers
 * still valid there, standing on a page that is shown (see carryAnswers). Other responses are
 * given back as they are: a submitted response keeps its version.
 */
export async function bringDraftUpToDate(deps: Deps, c: ConsultationRow, response: ResponseRow): Promise<ResponseRow> {
  if (response.status !== 'draft' || response.version === c.currentVersion) return response;
  const items = await questionnaireOf(deps, c);
  const answers = carryAnswers(items, response.answers);
  const [row] = await deps.db
    .update(consultationResponses)
    .set({ version: c.currentVersion, answers, page: pageToShow(items, response.page, answers), updatedAt: deps.clock.now() })
    .where(and(eq(consultationResponses.siteId, c.siteId), eq(consultationResponses.id, response.id)))
    .returning();
  return row;
}

/** What a respondent sends with one move: the page they were on, its answers (raw, as read from the form) and the move. */
export interface SurveyInput {
  page: number;
  answers: Record<string, unknown>;
  move: SurveyMove;
  /** The respondent's language, and the site's (labels in refusals fall back to it). */
  locale: string;
  fallback: string;
}

/** The outcome of a move: the response as stored, and the cookies a browser should keep (new browser token, resume code). */
export interface SurveyResult {
  response: ResponseRow;
  done: boolean;
  last: boolean;
  /** A new browser token, for the RESPONDENT_COOKIE. */
  newBrowserToken: string | null;
  /** A new resume code, shown once and kept in the consultation's survey cookie. */
  newResumeCode: string | null;
}

/** Who a new response belongs to (its respondent key, user and invitation), or a refusal. */
async function newRespondent(
  deps: Deps,
  c: ConsultationRow,
  claim: RespondentClaim,
): Promise<{ key: string; userId: string | null; invitationId: string | null; newBrowserToken: string | null; resumable: boolean }> {
  if (c.participation === 'invitation') {
    const typed = claim.invitationCode?.trim();
    if (!typed)
      throw new AppError('unauthenticated', 'This survey is answered with an invitation code.', {
        fields: { code: 'type the invitation code you were given' },
        reasons: { code: { reason: 'required' } },
        reason: { reason: 'consultations_invitation_required' },
      });
    const invitation = await checkCode(
      deps,
      c,
      claim.client,
      'code',
      () => findInvitationByHash(deps.db, c.siteId, c.id, hashSecret('invitation', typed)),
      unknownInvitation,
    );
    const key = `invite:${invitation.id}`;
    if (invitation.usedAt || (await findResponseByKey(deps.db, c.siteId, c.id, key)))
      throw new AppError('conflict', 'This invitation code has already been used.', {
        fields: { code: 'already used: a code answers once' },
        reasons: { code: { reason: 'consultations_invitation_used' } },
        reason: { reason: 'consultations_invitation_used' },
      });
    return {
      key,
      userId: claim.actor.kind === 'user' ? claim.actor.userId : null,
      invitationId: invitation.id,
      newBrowserToken: null,
      resumable: true,
    };
  }
  if (claim.actor.kind === 'user')
    return { key: `user:${claim.actor.userId}`, userId: claim.actor.userId, invitationId: null, newBrowserToken: null, resumable: false };
  if (c.participation === 'signed_in')
    throw new AppError('unauthenticated', 'Please sign in to answer this survey.', { reason: { reason: 'consultations_sign_in' } });
  await capped(deps, `consultations.respond:${c.siteId}:${c.id}:client:${claim.client}`, SURVEY_LIMITS.newResponsesPerClient, 'answers');
  const token = claim.browserToken ?? newToken(24);
  return {
    key: `anon:${hashSecret('browser', token)}`,
    userId: null,
    invitationId: null,
    newBrowserToken: claim.browserToken ? null : token,
    resumable: true,
  };
}

const alreadyAnswered = () =>
  new AppError('conflict', 'You have already answered this survey.', { reason: { reason: 'consultations_already_answered' } });

/**
 * One move through the survey (see moveThroughSurvey): finds or starts the respondent's response
 * (one per account, browser or invitation code), moves a draft of an older version to the current
 * one, and stores the answers and page, or the submission. A refusal names each question by its
 * label (fields keyed by question id; `details.page` is the page to show) and stores nothing.
 * Only while the consultation is open.
 */
export async function takeSurveyStep(deps: Deps, c: ConsultationRow, claim: RespondentClaim, input: SurveyInput): Promise<SurveyResult> {
  const now = deps.clock.now();
  requireOpen(c, now);
  // Both reads at once: the questionnaire does not depend on whose response it is.
  const [found, items] = await Promise.all([findMyResponse(deps, c, claim), questionnaireOf(deps, c)]);
  let response = found;
  if (response && response.status !== 'draft') throw alreadyAnswered();
  if (response) response = await bringDraftUpToDate(deps, c, response);
  const stored = (response?.answers ?? {}) as Answers;
  const page = pageToShow(items, input.page, stored);
  const step = moveThroughSurvey(items, stored, page, input.answers, input.move);
  if (!step.ok)
    throw new AppError('invalid_input', 'Some answers are not valid.', {
      fields: namedErrors(items, step.errors, input.locale, input.fallback),
      reasons: step.reasons,
      reason: { reason: 'consultations_answers_invalid' },
      details: { page: step.page },
    });
  const status = step.done ? ('submitted' as const) : ('draft' as const);
  const values = { answers: step.answers, page: step.page, status, locale: input.locale, updatedAt: now, submittedAt: step.done ? now : null };
  // A transaction only when an invitation is used up with the submission: one statement alone
  // needs none (a round trip to the database instead of three).
  const atomically = <T>(uses: boolean, fn: (db: Deps['db']) => Promise<T>) => (uses ? inTransaction(deps.db, fn) : fn(deps.db));
  if (response) {
    const id = response.id;
    const row = await atomically(step.done && response.respondentKey.startsWith('invite:'), async (tx) => {
      const [updated] = await tx
        .update(consultationResponses)
        .set(values)
        .where(and(eq(consultationResponses.siteId, c.siteId), eq(consultationResponses.id, id), eq(consultationResponses.status, 'draft')))
        .returning();
      if (!updated) throw alreadyAnswered();
      if (step.done && updated.respondentKey.startsWith('invite:')) {
        const used = await tx
          .update(consultationInvitations)
          .set({ usedAt: now })
          .where(and(eq(consultationInvitations.siteId, c.siteId), eq(consultationInvitations.id, updated.respondentKey.slice('invite:'.length))))
          .returning({ id: consultationInvitations.id });
        // Its code was revoked while the response was begun (the transaction is undone): it no longer opens the survey.
        if (used.length === 0) throw unknownInvitation();
      }
      return updated;
    });
    return { response: row, done: step.done, last: step.last, newBrowserToken: null, newResumeCode: null };
  }
  const who = await newRespondent(deps, c, claim);
  const resumeCode = who.resumable ? newCode() : null;
  try {
    const row = await atomically(Boolean(step.done && who.invitationId), async (tx) => {
      const [inserted] = await tx
        .insert(consultationResponses)
        .values({
          id: newId(),
          siteId: c.siteId,
          consultationId: c.id,
          version: c.currentVersion,
          respondentKey: who.key,
          userId: who.userId,
          channel: 'online',
          resumeHash: resumeCode ? hashSecret('resume', resumeCode) : null,
          createdAt: now,
          ...values,
        })
        .returning();
      if (step.done && who.invitationId) {
        const used = await tx
          .update(consultationInvitations)
          .set({ usedAt: now })
          .where(
            and(
              eq(consultationInvitations.siteId, c.siteId),
              eq(consultationInvitations.id, who.invitationId),
              isNull(consultationInvitations.usedAt),
            ),
          )
          .returning({ id: consultationInvitations.id });
        if (used.length === 0) throw alreadyAnswered();
      }
      return inserted;
    });
    return { response: row, done: step.done, last: step.last, newBrowserToken: who.newBrowserToken, newResumeCode: resumeCode };
  } catch (e) {
    // The same respondent's other request got there first.
    if (isUniqueViolation(e)) throw alreadyAnswered();
    throw e;
  }
}

/**
 * Opens a saved response by a typed resume code (rate-limited; a wrong code is refused): a
 * draft, moved to the current questionnaire version. A submitted response is refused.
 */
export async function resumeByCode(deps: Deps, c: ConsultationRow, claim: RespondentClaim & { resumeCode: string }): Promise<ResponseRow> {
  requireOpen(c, deps.clock.now());
  const found = await findMyResponse(deps, c, claim, { typedResume: true });
  if (!found) throw wrongResumeCode();
  if (found.status !== 'draft') throw alreadyAnswered();
  return bringDraftUpToDate(deps, c, found);
}

/** Makes `count` invitation codes for a consultation (editors); the codes are given back once, only their hashes kept. */
export async function createInvitations(deps: Deps, c: ConsultationRow, count: number, label?: string | null): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new AppError('invalid_input', 'Ask for 1 to 1000 codes.', {
      fields: { count: 'a whole number from 1 to 1000' },
      reasons: { count: { reason: 'whole_between', values: { min: 1, max: 1000 } } },
    });
  const now = deps.clock.now();
  const codes = Array.from({ length: count }, () => newCode(10));
  await deps.db.insert(consultationInvitations).values(
    codes.map((code) => ({
      id: newId(),
      siteId: c.siteId,
      consultationId: c.id,
      codeHash: hashSecret('invitation', code),
      label: label?.trim().slice(0, 200) || null,
      createdAt: now,
    })),
  );
  return codes;
}

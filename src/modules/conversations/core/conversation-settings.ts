import { z } from 'zod';

/** How people join: an anonymous cookie (or their account when signed in), only signed in, or only with an `xid` from an embedding site. */
export const PARTICIPATION_MODES = ['anonymous', 'signed_in', 'xid'] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

/**
 * Strict: every participant statement waits for a moderator. Permissive: statements are shown at
 * once unless the near-duplicate check flags them (Pol.is's `strict_moderation` setting).
 */
export const MODERATION_MODES = ['strict', 'permissive'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** Pol.is's default statement length limit (characters). */
export const DEFAULT_STATEMENT_MAX_LENGTH = 140;

/** A conversation's settings. */
export const conversationSettings = z.object({
  statementMaxLength: z.number().int().min(20).max(1000).default(DEFAULT_STATEMENT_MAX_LENGTH),
  participantsMayWrite: z.boolean().default(true),
  moderation: z.enum(MODERATION_MODES).default('strict'),
  /** Whether participants see the opinion map and groups (the report page stays with owners and moderators otherwise). */
  showMap: z.boolean().default(true),
  participation: z.enum(PARTICIPATION_MODES).default('anonymous'),
});
export type ConversationSettings = z.infer<typeof conversationSettings>;

/** A demographic question asked when a participant joins; answers are optional. */
export const participantQuestion = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'use 1-40 lower-case letters, digits, - or _'),
  label: z.string().trim().min(1).max(200),
  options: z.array(z.string().trim().min(1).max(100)).min(2).max(20),
});
export type ParticipantQuestion = z.infer<typeof participantQuestion>;

/** What an owner sends to create or edit a conversation. */
export const conversationInput = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'use lower-case letters, digits and hyphens (at most 80)'),
    topic: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).default(''),
    seedStatements: z.array(z.string()).max(500).default([]),
    settings: conversationSettings.default(conversationSettings.parse({})),
    questions: z.array(participantQuestion).max(10).default([]),
    xidAllowList: z.array(z.string().trim().min(1).max(200)).max(100000).nullable().default(null),
    closed: z.boolean().default(false),
  })
  // Runs even when other fields failed (`when`), so one answer names every problem; the input may
  // then be malformed, hence the guards.
  .superRefine(
    (v, ctx) => {
      const ids = new Set<string>();
      (Array.isArray(v.questions) ? v.questions : []).forEach((q, i) => {
        if (typeof q?.id !== 'string') return;
        if (ids.has(q.id))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'id'],
            message: `question id "${q.id}" is used twice`,
            params: { reason: 'in_use' },
          });
        ids.add(q.id);
      });
      const max = typeof v.settings?.statementMaxLength === 'number' ? v.settings.statementMaxLength : DEFAULT_STATEMENT_MAX_LENGTH;
      (Array.isArray(v.seedStatements) ? v.seedStatements : []).forEach((s, i) => {
        const reason = typeof s === 'string' ? checkStatementText(s, max) : null;
        // Said as a length issue, so it carries its coded reason (`required`, `too_long` with `max`).
        if (reason && s.trim() === '')
          ctx.addIssue({ code: 'too_small', origin: 'string', minimum: 1, inclusive: true, path: ['seedStatements', i], message: reason });
        else if (reason)
          ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, path: ['seedStatements', i], message: reason });
      });
    },
    { when: () => true },
  );
export type ConversationInput = z.input<typeof conversationInput>;

/** Why a statement's text cannot be accepted, or null: empty, or longer than the conversation's limit. */
export function checkStatementText(text: string, maxLength: number): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'a statement cannot be empty';
  const length = [...trimmed].length;
  if (length > maxLength) return `a statement can have at most ${maxLength} characters (this one has ${length})`;
  return null;
}

/** The three votes, as the API and forms name them, and their Pol.is internal coding (agree = -1). */
export const VOTE_CODES = { agree: -1, disagree: 1, pass: 0 } as const;
export type VoteName = keyof typeof VOTE_CODES;

/** The name of a vote in Pol.is's internal coding. */
export function nameOfVote(code: number): VoteName {
  return code < 0 ? 'agree' : code > 0 ? 'disagree' : 'pass';
}

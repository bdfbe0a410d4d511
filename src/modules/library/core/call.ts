import { z } from 'zod';
import { localized } from './schemas.js';
import { questionnaireSchema } from './questionnaire.js';

/**
 * Where a call for case studies stands: `draft` until an editor publishes it, then `upcoming`
 * before its opening date, `open` until its deadline, `closed` after.
 */
export const CALL_STATUSES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** The status of a call at `now`, from its published flag and dates. */
export function computeCallStatus(call: { published: boolean; opensAt: Date; deadline: Date }, now: Date): CallStatus {
  if (!call.published) return 'draft';
  if (now.getTime() < call.opensAt.getTime()) return 'upcoming';
  if (now.getTime() >= call.deadline.getTime()) return 'closed';
  return 'open';
}

/** Whether the deadline has passed at `now` (the deadline instant itself is too late). */
export function isPastDeadline(call: { deadline: Date }, now: Date): boolean {
  return now.getTime() >= call.deadline.getTime();
}

/** A call as editors write it (API and admin form). */
export const callInput = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,100}$/, 'lowercase letters, digits and dashes'),
    title: localized(200),
    description: localized(20_000),
    opensAt: z.coerce.date(),
    deadline: z.coerce.date(),
    published: z.boolean().default(false),
    questions: questionnaireSchema.default([]),
  })
  .refine((c) => c.deadline.getTime() > c.opensAt.getTime(), {
    path: ['deadline'],
    message: 'the deadline must be after the opening date',
    params: { reason: 'too_early' },
  });
export type CallInput = z.input<typeof callInput>;
export type CallData = z.output<typeof callInput>;

/** Orders calls for the public list: open ones first (soonest deadline first), then upcoming, then closed (latest first). */
export function compareCallsForListing(
  a: { status: CallStatus; deadline: Date; opensAt: Date },
  b: { status: CallStatus; deadline: Date; opensAt: Date },
): number {
  const rank: Record<CallStatus, number> = { open: 0, upcoming: 1, draft: 2, closed: 3 };
  if (rank[a.status] !== rank[b.status]) return rank[a.status] - rank[b.status];
  if (a.status === 'closed') return b.deadline.getTime() - a.deadline.getTime();
  if (a.status === 'upcoming') return a.opensAt.getTime() - b.opensAt.getTime();
  return a.deadline.getTime() - b.deadline.getTime();
}

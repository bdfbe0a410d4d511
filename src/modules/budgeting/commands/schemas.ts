import { z } from 'zod';
import { COMPLETIONS } from '../core/add1.js';
import { RULES, SATISFACTIONS } from '../core/compute.js';
import { TIE_CRITERIA } from '../core/tie-break.js';
import { BALLOT_TYPES, DISTRICT_VOTING, ELIGIBILITY, PROJECT_STATUSES } from '../core/process-types.js';

/** A decimal amount of money: digits with at most two decimals ("1200", "99.5"); numbers are accepted too. */
export const moneySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,16}(\.\d{1,2})?$/.test(v), {
    message: 'an amount such as 1200 or 99.50 (at most two decimals)',
    params: { reason: 'not_an_amount' },
  });

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens');
/** A process slug: a slug that is not a reserved page name. */
const processSlug = slug.refine((s) => s !== 'admin', { message: 'this name is reserved', params: { reason: 'reserved' } });
const when = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'a date-time such as 2026-05-01T00:00:00Z');
const phase = z.object({ start: when, end: when });

/** A process as editors create or replace it. */
export const processInput = z.object({
  slug: processSlug,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  currency: z.string().trim().min(1).max(8).default('EUR'),
  phases: z.object({ proposals: phase, review: phase, voting: phase, results: phase, implementation: phase }),
  rule: z.object({
    rule: z.enum(RULES as [string, ...string[]]),
    satisfaction: z.enum(SATISFACTIONS as [string, ...string[]]).optional(),
    completion: z.enum(COMPLETIONS as [string, ...string[]]).optional(),
    tieBreak: z.array(z.enum(TIE_CRITERIA as [string, ...string[]])).optional(),
    threshold: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'a number of votes')
      .optional(),
    comparison: z.boolean().optional(),
  }),
  ballotType: z.enum(BALLOT_TYPES),
  constraints: z
    .object({
      minProjects: z.number().int().min(0).max(1000).optional(),
      maxProjects: z.number().int().min(1).max(1000).optional(),
      maxPointsPerProject: z.number().int().min(1).max(1_000_000).optional(),
      totalPoints: z.number().int().min(1).max(1_000_000).optional(),
      rankK: z.number().int().min(1).max(1000).optional(),
    })
    .default({}),
  districts: z
    .array(z.object({ slug, name: z.string().trim().min(1).max(200), budget: moneySchema, cityWide: z.boolean().default(false) }))
    .min(1, 'at least one district or a city-wide pot'),
  categories: z.array(z.object({ slug, name: z.string().trim().min(1).max(200) })).default([]),
  /** One district ballot per resident (a ballot elsewhere replaces it, after confirmation), or one in each district. */
  districtVoting: z.enum(DISTRICT_VOTING).default('one'),
  /** Who may vote with an account: anyone signed in, declared residents, or people on the census. */
  eligibility: z.enum(ELIGIBILITY).default('open'),
});
export type ProcessInput = z.infer<typeof processInput>;

/** A resident's proposal. */
export const proposalInput = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(10).max(10_000),
  district: z.string().min(1, 'choose a district'),
  category: z.string().optional(),
  cost: moneySchema,
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});
export type ProposalInput = z.infer<typeof proposalInput>;

/** A reviewer's decision on a proposal. */
export const reviewInput = z
  .object({
    status: z.enum(PROJECT_STATUSES.filter((s) => s !== 'selected') as [string, ...string[]]),
    cost: moneySchema.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.status !== 'set-aside' || (v.reason ?? '').length >= 5, {
    path: ['reason'],
    message: 'a public reason is required when a project is set aside',
    params: { reason: 'budgeting_set_aside_reason' },
  });
export type ReviewInput = z.infer<typeof reviewInput>;

/** A ballot as sent: one district (or the city-wide pot) and the choices. */
export const ballotInput = z.object({
  district: z.string().min(1, 'choose a district'),
  choices: z.array(z.object({ project: z.string().min(1), points: z.number().int().optional() })).max(1000),
  code: z.string().trim().max(64).optional(),
  /** The voter confirmed that this ballot replaces their ballot in another district. */
  replace: z.boolean().optional(),
});
export type BallotInput = z.infer<typeof ballotInput>;

/** A paper ballot entered by staff. */
export const paperBallotInput = ballotInput.extend({ reference: z.string().trim().min(1, 'the sheet number').max(64) });

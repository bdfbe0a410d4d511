import { z } from 'zod';
import { localizedText } from '../../../kernel/validation.js';

/** Ways of taking part in a consultation's survey. */
export const PARTICIPATION_MODES = ['anonymous', 'signed_in', 'invitation'] as const;
/** Where a consultation stands as editors set it. */
export const CONSULTATION_STATUSES = ['draft', 'open', 'closed'] as const;

/** Where a consultation stands at `now`: `upcoming` before it opens, `closed` once its closing date passed. */
export type ConsultationPhase = 'draft' | 'upcoming' | 'open' | 'closed';

/** The phase of a consultation at `now`, from the status editors set and its dates. */
export function consultationPhase(c: { status: string; opensAt: Date | null; closesAt: Date | null }, now: Date): ConsultationPhase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'closed') return 'closed';
  if (c.opensAt && now.getTime() < c.opensAt.getTime()) return 'upcoming';
  if (c.closesAt && now.getTime() >= c.closesAt.getTime()) return 'closed';
  return 'open';
}

const themeId = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, dashes and underscores, starting with a letter');

/** A consultation as editors write it (API and admin form). */
export const consultationInput = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,100}$/, 'lowercase letters, digits and dashes'),
    title: localizedText(200),
    description: localizedText(20_000),
    status: z.enum(CONSULTATION_STATUSES).default('draft'),
    participation: z.enum(PARTICIPATION_MODES).default('anonymous'),
    opensAt: z.coerce.date().nullable().default(null),
    closesAt: z.coerce.date().nullable().default(null),
    themes: z
      .array(z.object({ id: themeId, label: localizedText(120) }))
      .max(50)
      .default([])
      .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, { message: 'two themes have the same id', params: { reason: 'in_use' } }),
  })
  .refine((c) => !c.opensAt || !c.closesAt || c.closesAt.getTime() > c.opensAt.getTime(), {
    path: ['closesAt'],
    message: 'the closing date must be after the opening date',
    params: { reason: 'too_early' },
  });
export type ConsultationInput = z.input<typeof consultationInput>;
export type ConsultationData = z.output<typeof consultationInput>;

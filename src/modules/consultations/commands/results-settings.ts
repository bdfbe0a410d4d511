import { and, eq } from 'drizzle-orm';
import { questionnaireOf } from './take-part.js';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { parseInput } from '../../../kernel/validation.js';
import { checkMargins } from '../core/margins.js';

import { consultations, type ConsultationRow, type PopulationMargins } from '../store/tables.js';

async function update(deps: Deps, c: ConsultationRow, values: Partial<typeof consultations.$inferInsert>): Promise<ConsultationRow> {
  const [row] = await deps.db
    .update(consultations)
    .set({ ...values, updatedAt: deps.clock.now() })
    .where(and(eq(consultations.siteId, c.siteId), eq(consultations.id, c.id)))
    .returning();
  return row;
}

const marginsInput = z.object({
  margins: z.record(z.string(), z.record(z.string(), z.number())),
  source: z.string().trim().max(500).optional(),
});

/** Saves the population margins staff entered (form, JSON or CSV), checked against the questionnaire. */
export async function saveMargins(deps: Deps, c: ConsultationRow, input: PopulationMargins): Promise<ConsultationRow> {
  const data = parseInput(marginsInput, input);
  const checked = checkMargins(await questionnaireOf(deps, c), data);
  if (!checked.ok) throw invalidInput(checked.error.fields, 'The population figures are not valid.', checked.error.reasons);
  return update(deps, c, { margins: checked.value });
}

const weightingInput = z.object({
  method: z.enum(['none', 'poststratify', 'rake']),
  questions: z.array(z.string()).max(10).default([]),
  trim: z.object({ lower: z.number().positive().optional(), upper: z.number().positive().optional() }).optional(),
});

/** Saves how results are weighted: the method and the demographic questions, each of which needs a margin. */
export async function saveWeighting(deps: Deps, c: ConsultationRow, input: z.input<typeof weightingInput>): Promise<ConsultationRow> {
  const data = parseInput(weightingInput, input);
  if (data.method !== 'none') {
    if (data.questions.length === 0)
      throw invalidInput({ questions: 'choose at least one question to weight on' }, undefined, { questions: { reason: 'required' } });
    const missing = data.questions.filter((q) => !c.margins?.margins[q]);
    if (missing.length)
      throw invalidInput({ questions: `no population figures for ${missing.join(', ')}` }, undefined, {
        questions: { reason: 'margins_missing', values: { questions: missing.join(', ') } },
      });
  }
  if (data.trim?.lower !== undefined && data.trim.upper !== undefined && data.trim.lower > data.trim.upper)
    throw invalidInput({ 'trim.upper': 'the upper bound is below the lower one' }, undefined, { 'trim.upper': { reason: 'range_reversed' } });
  return update(deps, c, {
    weighting: { method: data.method, questions: data.method === 'none' ? [] : data.questions, ...(data.trim ? { trim: data.trim } : {}) },
  });
}

/** Publishes (or withdraws) the results of the chosen questions. */
export async function setPublication(deps: Deps, c: ConsultationRow, input: { published: boolean; questions: string[] }): Promise<ConsultationRow> {
  const data = parseInput(z.object({ published: z.boolean(), questions: z.array(z.string()).max(300) }), input);
  const ids = new Set((await questionnaireOf(deps, c)).map((i) => i.id));
  const unknown = data.questions.filter((q) => !ids.has(q));
  if (unknown.length)
    throw invalidInput({ questions: `not questions of this consultation: ${unknown.join(', ')}` }, undefined, {
      questions: { reason: 'unknown_field' },
    });
  if (data.published && data.questions.length === 0)
    throw new AppError('invalid_input', 'Choose the questions whose results are published.', {
      fields: { questions: 'choose at least one question' },
      reasons: { questions: { reason: 'required' } },
    });
  return update(deps, c, { resultsPublished: data.published, publishedQuestions: data.questions });
}

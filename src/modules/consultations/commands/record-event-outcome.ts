import type { Deps } from '../../../db/context.js';
import { invalidInput, notFound } from '../../../kernel/errors.js';
import { checkOutcomeInput, MAX_EVENT_DOCUMENTS } from '../core/events.js';
import { updateEvent } from '../store/events.js';
import type { ConsultationRow, EventRow } from '../store/tables.js';

/**
 * Records (or corrects) what an event brought out: its summary, its concerns and recommendations
 * each tagged with themes of the consultation, its minutes and documents. `documents` are uploads
 * already stored through the platform's upload pipeline (the library's `saveUpload`); when not
 * given, the event keeps its documents. Bad input, including a theme the consultation does not
 * have, is refused naming the field (`items.2.themes`); nothing is written then.
 */
export async function recordEventOutcome(
  deps: Deps,
  siteId: string,
  input: { consultation: ConsultationRow; event: EventRow; outcome: unknown; documents?: { uploadId: string; name: string }[] },
): Promise<EventRow> {
  const checked = checkOutcomeInput(
    input.outcome,
    input.consultation.themes.map((t) => t.id),
  );
  if (!checked.ok) throw invalidInput(checked.error.fields, undefined, checked.error.reasons);
  const outcome = checked.value;
  if (input.documents && input.documents.length > MAX_EVENT_DOCUMENTS)
    throw invalidInput({ documents: `at most ${MAX_EVENT_DOCUMENTS} documents` }, undefined, {
      documents: { reason: 'too_many', values: { max: MAX_EVENT_DOCUMENTS } },
    });
  const now = deps.clock.now();
  const row = await updateEvent(deps.db, siteId, input.event.id, {
    outcomeSummary: outcome.summary,
    outcomeItems: outcome.items.map((i) => ({ kind: i.kind, text: i.text, themes: [...new Set(i.themes)] })),
    minutes: outcome.minutes ?? null,
    ...(input.documents ? { documents: input.documents } : {}),
    outcomeRecordedAt: input.event.outcomeRecordedAt ?? now,
    updatedAt: now,
  });
  if (!row) throw notFound('Event');
  return row;
}

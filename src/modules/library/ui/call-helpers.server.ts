import { data } from 'react-router';
import type { Deps } from '../../../db/context.js';
import { AppError, type FieldErrors, type FieldReasons } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { saveUpload } from '../commands/save-upload.js';
import { computeCallStatus } from '../core/call.js';
import type { FileAnswer, Question } from '../core/questionnaire.js';
import { answerName, answersFromForm as readAnswers } from '../../questionnaires/index.js';
import type { QuestionView } from './call-fields.js';
import { findCallBySlug } from '../store/calls.js';
import type { CallRow } from '../store/calls-tables.js';

/** The questions of a call in the reader's language. */
export function presentQuestions(questions: Question[], locale: string, fallback: string): QuestionView[] {
  return questions.map((q) => ({
    id: q.id,
    type: q.type,
    label: pickText(q.label, locale, fallback).text,
    help: q.help ? pickText(q.help, locale, fallback).text : '',
    required: q.required,
    options: q.options.map((o) => ({ value: o.value, label: pickText(o.label, locale, fallback).text })),
    maxLength: q.maxLength,
    minYear: q.minYear,
    maxYear: q.maxYear,
    maxFiles: q.maxFiles,
  }));
}

/** A call as list pages show it. */
export function presentCallCard(call: CallRow, now: Date, locale: string, fallback: string) {
  return {
    slug: call.slug,
    title: pickText(call.title, locale, fallback).text,
    opensAt: call.opensAt.toISOString(),
    deadline: call.deadline.toISOString(),
    status: computeCallStatus(call, now),
  };
}

/** A published call (any call for its managers) or a 404 page. */
export async function loadCallOr404(deps: Deps, siteId: string, slug: string, canManage: boolean): Promise<CallRow> {
  const call = await findCallBySlug(deps.db, siteId, slug);
  if (!call || (!call.published && !canManage)) throw data('not found', { status: 404 });
  return call;
}

/**
 * Reads a questionnaire form into answers with the questionnaire engine (`answersFromForm`: text
 * as typed, choices, matrix rows, ranks, places; the engine checks them), and files: those kept
 * from before plus new uploads, stored through `saveUpload` (which checks the content). A refused
 * upload is an error on its question.
 */
export async function answersFromForm(
  deps: Deps,
  siteId: string,
  userId: string,
  questions: Question[],
  form: FormData,
  previous: Record<string, unknown>,
): Promise<{ answers: Record<string, unknown>; uploadErrors: FieldErrors; uploadReasons: FieldReasons; kept: Record<string, FileAnswer[]> }> {
  const answers = readAnswers(questions, form, { previous });
  const uploadErrors: FieldErrors = {};
  const uploadReasons: FieldReasons = {};
  const kept: Record<string, FileAnswer[]> = {};
  for (const q of questions) {
    if (q.type !== 'file') continue;
    const files = [...(answers[q.id] as FileAnswer[])];
    for (const entry of form.getAll(answerName(q.id))) {
      if (typeof entry === 'string' || entry.size === 0) continue;
      try {
        const saved = await saveUpload(deps, siteId, { bytes: new Uint8Array(await entry.arrayBuffer()), filename: entry.name, userId });
        files.push({ uploadId: saved.id, name: entry.name.slice(0, 200) || 'file' });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        uploadErrors[q.id] = `${entry.name}: ${e.fields.file ?? e.message}`;
        uploadReasons[q.id] = e.reasons.file ?? { reason: 'file_unreadable' };
      }
    }
    answers[q.id] = files;
    kept[q.id] = files;
  }
  return { answers, uploadErrors, uploadReasons, kept };
}

/** Field errors (or their coded reasons) keyed `answers.<id>` by the commands, keyed by question id for the form. */
export function questionErrors<V>(fields: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.startsWith('answers.') ? k.slice('answers.'.length) : k, v]));
}

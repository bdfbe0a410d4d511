import type { Contribution, ContributionPlace } from '../../../kernel/contributions.js';
import { isBlankAnswer, OTHER_VALUE, readChoices, type Item } from '../../questionnaires/index.js';

/** A submitted response, as its contributions are drawn from it. */
export interface ResponseForContributions {
  id: string;
  channel: string;
  /** The language of the pages the response was given on. */
  locale: string;
  answers: Record<string, unknown>;
  submittedAt: Date;
}

/** The texts an answer holds: a short or long text, or the "other, please say" words of a choice. */
function textOf(item: Item, answer: unknown): string | null {
  if (item.type === 'short_text' || item.type === 'long_text') return typeof answer === 'string' && answer.trim() ? answer.trim() : null;
  if (item.type === 'single_choice' || item.type === 'multiple_choice') {
    const other = readChoices(answer).other?.trim();
    return other ? other : null;
  }
  return null;
}

/** A demographic answer as a category (or categories): option values ("other" as `_other`), numbers and codes as text. */
function categoryOf(item: Item, answer: unknown): string | string[] | null {
  if (isBlankAnswer(answer)) return null;
  if (typeof answer === 'string' || typeof answer === 'number') return String(answer);
  if (item.type === 'single_choice' || item.type === 'multiple_choice') {
    const { values, other } = readChoices(answer);
    const all = other !== null ? [...values.filter((v) => v !== OTHER_VALUE), OTHER_VALUE] : values;
    return item.type === 'single_choice' ? (all[0] ?? null) : all;
  }
  return null;
}

/** The first place the response gives (a `place` question's point and words), if any. */
function placeOf(items: readonly Item[], answers: Record<string, unknown>): ContributionPlace | null {
  for (const item of items) {
    if (item.type !== 'place') continue;
    const a = answers[item.id] as { lat?: unknown; lon?: unknown; text?: unknown } | undefined;
    if (!a || typeof a !== 'object') continue;
    const place: ContributionPlace = {};
    if (typeof a.lat === 'number' && typeof a.lon === 'number') Object.assign(place, { lat: a.lat, lon: a.lon });
    if (typeof a.text === 'string' && a.text.trim()) place.text = a.text.trim();
    if (Object.keys(place).length) return place;
  }
  return null;
}

/**
 * The contributions of one submitted response, read with the questionnaire version it was given
 * for: one per open-text answer (short and long texts, "other, please say" words), in question
 * order, with the respondent's demographic answers and the first place they gave. Only online
 * responses record the respondent's language (the language of the survey pages they answered
 * in); paper and imported responses carry the staff's, so their language is left unknown.
 */
export function contributionsOfResponse(consultationId: string, items: readonly Item[], response: ResponseForContributions): Contribution[] {
  const texts = items.flatMap((item) => {
    const text = textOf(item, response.answers[item.id]);
    return text === null ? [] : [{ item, text }];
  });
  if (texts.length === 0) return [];
  const demographics: Record<string, string | string[]> = {};
  for (const item of items) {
    if (!item.demographic) continue;
    const category = categoryOf(item, response.answers[item.id]);
    if (category !== null) demographics[item.id] = category;
  }
  const place = placeOf(items, response.answers);
  const time = response.submittedAt.toISOString();
  return texts.map(({ item, text }) => ({
    id: `${response.id}:${item.id}`,
    module: 'consultations',
    project: { kind: 'consultation', id: consultationId },
    text,
    language: response.channel === 'online' ? response.locale : null,
    time,
    place,
    demographics,
    tags: [item.id],
    reactions: {},
  }));
}

import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { MAX_ITEMS, type Item } from '../../questionnaires/index.js';
import { findSiteById } from '../../sites/index.js';
import { parseLss } from '../formats/lss.js';
import { lssToQuestionnaire, type LssUnsupported, type LssWords } from '../formats/lss-to-items.js';
import type { ConsultationRow } from '../store/tables.js';
import { catalogueWords } from './catalogue-words.js';
import { saveQuestionnaire } from './save-questionnaire.js';

/** The fixed answers of LimeSurvey's Y, G, C, E and O questions in each site language (English where a catalogue has none). */
export function lssWordsFor(languages: readonly string[]): LssWords {
  const word = (key: keyof LssWords): LocalizedText => catalogueWords(`consultations.lss.word.${key}`, ['en', ...languages]);
  return {
    yes: word('yes'),
    no: word('no'),
    female: word('female'),
    male: word('male'),
    uncertain: word('uncertain'),
    increase: word('increase'),
    same: word('same'),
    decrease: word('decrease'),
    comment: word('comment'),
  };
}

/** What an import did: the saved version and what of the file was not carried over. */
export interface ImportedLss {
  version: number;
  outcome: 'unchanged' | 'replaced' | 'new_version';
  items: Item[];
  unsupported: LssUnsupported[];
  /** File language → site language, for the languages carried over. */
  languages: Record<string, string>;
}

/**
 * Replaces a consultation's questionnaire with a LimeSurvey structure (`.lss`): parsed (a
 * malformed file is refused naming the element, field `file`), mapped to the engine's items in
 * the site's languages, and saved through saveQuestionnaire, all or nothing (a new version once
 * responses exist). Texts are carried in the site's languages (`siteLanguages`, by default the
 * consultation's site's). Returns the elements that were not carried over.
 */
export async function importLss(
  deps: Deps,
  consultation: ConsultationRow,
  lssText: string,
  opts: { actorId?: string; siteLanguages?: readonly string[] } = {},
): Promise<ImportedLss> {
  const siteLanguages = opts.siteLanguages ?? (await findSiteById(deps.db, consultation.siteId))?.locales ?? [];
  const parsed = parseLss(lssText);
  if (!parsed.ok) {
    const p = parsed.error;
    const values = { element: p.element ?? '<document>', line: p.line === null ? 'none' : String(p.line) };
    throw new AppError('invalid_input', `The LimeSurvey file cannot be read: ${p.message}`, {
      fields: { file: p.message },
      reasons: { file: { reason: 'lss_malformed', values } },
      reason: { reason: 'lss_malformed', values },
      details: { lss: { reason: p.reason, element: p.element, line: p.line, params: p.params } },
    });
  }
  const survey = parsed.value;
  const mapping = lssToQuestionnaire(survey, siteLanguages, lssWordsFor(siteLanguages));
  if (Object.keys(mapping.languages).length === 0) {
    const languages = survey.languages.join(', ');
    throw new AppError('invalid_input', `The file's languages (${languages}) are not languages of this site.`, {
      fields: { file: `none of the file's languages (${languages}) is a language of this site (${siteLanguages.join(', ')})` },
      reasons: { file: { reason: 'lss_no_site_language', values: { languages } } },
      reason: { reason: 'lss_no_site_language', values: { languages } },
    });
  }
  if (mapping.items.length > MAX_ITEMS)
    throw new AppError('invalid_input', `The file makes ${mapping.items.length} items; a questionnaire holds at most ${MAX_ITEMS}.`, {
      fields: { file: `${mapping.items.length} items, at most ${MAX_ITEMS}` },
      reasons: { file: { reason: 'too_many', values: { max: MAX_ITEMS } } },
    });
  try {
    const saved = await saveQuestionnaire(deps, consultation, mapping.items, { actorId: opts.actorId });
    return { ...saved, unsupported: mapping.unsupported, languages: mapping.languages };
  } catch (e) {
    // What the mapping made is checked again when saved: a refusal there is about the file.
    if (!(e instanceof AppError) || e.reason?.reason !== 'questionnaire_invalid') throw e;
    const [key] = Object.keys(e.fields);
    throw new AppError('invalid_input', `The file makes a questionnaire that is not valid (${key}: ${e.fields[key]}).`, {
      fields: { file: `${key}: ${e.fields[key]}` },
      reasons: { file: e.reasons[key] ?? { reason: 'invalid' } },
      details: { questionnaire: { fields: e.fields, reasons: e.reasons } },
    });
  }
}

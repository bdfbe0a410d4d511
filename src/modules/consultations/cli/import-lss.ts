import { readFileSync } from 'node:fs';
import { AppError } from '../../../kernel/errors.js';
import { decodeUtf8Strict, describeUtf8Problem, Utf8DecodeError } from '../../../kernel/utf8.js';
import { isConditionalQuestion, LSS_QUESTION_TYPES, parseLss, type LssSurvey, type LssWarning } from '../formats/lss.js';

/** One top-level question as `polity consultations import-lss --json` prints it (issue 13's shape). */
export interface LssQuestionSummary {
  code: string;
  type: string;
  subquestions: number;
  answerOptions: number;
  conditional: boolean;
  mandatory: boolean;
}

/** What `polity consultations import-lss --json` prints: what was understood of the file. */
export interface LssImportReport {
  surveyId: number;
  title: string;
  dbVersion: number;
  languages: string[];
  baseLanguage: string;
  groups: number;
  questions: LssQuestionSummary[];
  conditions: number;
  quotas: number;
  warnings: LssWarning[];
}

/** Reads an `.lss` file (strict UTF-8) and parses it; a refusal is an `invalid_input` AppError naming the file, element and reason. */
export function readLssFile(path: string): LssSurvey {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppError('not_found', `${path} could not be read.`, { fields: { file: 'could not be read' } });
  }
  let text: string;
  try {
    text = decodeUtf8Strict(bytes);
  } catch (error) {
    if (!(error instanceof Utf8DecodeError)) throw error;
    const reason = describeUtf8Problem(error.problem);
    throw new AppError('invalid_input', `Malformed LimeSurvey file: ${path}: ${reason}`, { fields: { file: reason }, details: { ...error.problem } });
  }
  const parsed = parseLss(text);
  if (!parsed.ok)
    throw new AppError('invalid_input', `Malformed LimeSurvey file: ${path}, ${parsed.error.message}`, {
      fields: { file: parsed.error.message },
      details: { ...parsed.error },
    });
  return parsed.value;
}

/** The report of a parsed survey: counts of distinct subquestions and answer options, top-level questions in survey order. */
export function summarizeLssSurvey(s: LssSurvey): LssImportReport {
  return {
    surveyId: s.surveyId,
    title: s.titles[s.baseLanguage] ?? Object.values(s.titles)[0] ?? '',
    dbVersion: s.dbVersion,
    languages: s.languages,
    baseLanguage: s.baseLanguage,
    groups: s.groups.length,
    questions: s.questions.map((q) => ({
      code: q.code,
      type: q.type,
      subquestions: q.subquestions.length,
      answerOptions: q.answerOptions.length,
      conditional: isConditionalQuestion(q),
      mandatory: q.mandatory === 'Y',
    })),
    conditions: s.conditions.length,
    quotas: s.quotas.length,
    warnings: s.warnings,
  };
}

const plural = (n: number, one: string, other = `${one}s`) => `${n} ${n === 1 ? one : other}`;

/** The readable summary printed without `--json`: the survey, its groups and questions, then the warnings. */
export function presentLssSurvey(s: LssSurvey): string {
  const r = summarizeLssSurvey(s);
  const subquestions = s.questions.reduce((n, q) => n + q.subquestions.length, 0);
  const options = s.questions.reduce((n, q) => n + q.answerOptions.length, 0);
  const lines = [
    `Survey ${r.surveyId} "${r.title}" (LimeSurvey DBVersion ${r.dbVersion})`,
    `Languages: ${r.languages.join(', ')} (base ${r.baseLanguage})`,
    `${plural(r.groups, 'group')}, ${plural(r.questions.length, 'question')}, ${plural(subquestions, 'subquestion')}, ` +
      `${plural(options, 'answer option')}, ${plural(r.conditions, 'condition')}, ${plural(r.quotas, 'quota')}`,
  ];
  for (const g of s.groups) {
    const name = g.names[s.baseLanguage] ?? Object.values(g.names)[0] ?? '';
    lines.push('', `Group ${g.gid} "${name}"${g.relevance.trim() && g.relevance.trim() !== '1' ? ` (shown when ${g.relevance.trim()})` : ''}`);
    for (const q of s.questions.filter((x) => x.gid === g.gid)) {
      const notes = [
        q.subquestions.length ? plural(q.subquestions.length, 'subquestion') : null,
        q.answerOptions.length ? plural(q.answerOptions.length, 'answer option') : null,
        q.mandatory === 'Y' ? 'mandatory' : null,
        isConditionalQuestion(q) ? 'conditional' : null,
      ].filter(Boolean);
      lines.push(`  ${q.code} [${q.type}] ${LSS_QUESTION_TYPES[q.type].name}${notes.length ? `: ${notes.join(', ')}` : ''}`);
    }
  }
  lines.push('', r.warnings.length ? `Not imported as it is (${r.warnings.length}):` : 'Everything was understood.');
  for (const w of r.warnings) lines.push(`  - ${w.element}: ${w.message}`);
  return lines.join('\n') + '\n';
}

import { useT } from '../../../web/kit/i18n.js';
import { isQuestionType } from '../../questionnaires/index.js';
import { QUESTION_TYPES } from '../core/questionnaire.js';
import type { QuestionView } from './call-fields.js';

/** The words of a kind of answer: the library's for the editor's first kinds, the questionnaire engine's for the others. */
const answerTypeId = (type: string) =>
  (QUESTION_TYPES as readonly string[]).includes(type) ? `library.calls.preview.type.${type}` : `questionnaires.answerType.${type}`;

/**
 * A call's questions to read before signing in: each label with whether it needs an answer, its
 * help, the kind of answer asked, and the options of choice questions. Nothing to fill in.
 */
export function QuestionnairePreview({ questions }: { questions: QuestionView[] }) {
  const t = useT();
  return (
    <ol className="questionnaire-preview">
      {questions
        .filter((q) => isQuestionType(q.type))
        .map((q) => (
          <li key={q.id} id={`question-${q.id}`}>
            <p>
              <strong>{q.label}</strong>{' '}
              {q.required ? <span>{t('library.calls.preview.required')}</span> : <span className="muted">{t('library.calls.form.optional')}</span>}
            </p>
            {q.help && <p className="hint">{q.help}</p>}
            <p className="hint">
              {t(answerTypeId(q.type))}
              {q.type === 'year' && <> {t('library.calls.form.yearRange', { min: String(q.minYear ?? 1900), max: String(q.maxYear ?? 2100) })}</>}
            </p>
            {q.options.length > 0 && (
              <ul>
                {q.options.map((o) => (
                  <li key={o.value}>{o.label}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
    </ol>
  );
}

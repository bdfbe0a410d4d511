import { countryName } from '../../../kernel/countries.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { FileAnswer } from '../core/questionnaire.js';
import { isQuestionType, readChoices } from '../../questionnaires/index.js';
import type { QuestionView } from './call-fields.js';

/** One event of a submission's history as pages show it. */
export interface EventView {
  kind: string;
  authorName: string | null;
  message: string | null;
  createdAt: string;
}

/** The answers of a submission, question by question, read-only. */
export function AnswersList({ questions, answers }: { questions: QuestionView[]; answers: Record<string, unknown> }) {
  const t = useT();
  const { locale } = useRoot();
  const show = (q: QuestionView, v: unknown): React.ReactNode => {
    if (v === undefined) return <span className="muted">{t('library.calls.noAnswer')}</span>;
    const optionLabel = (value: string) => q.options.find((o) => o.value === value)?.label ?? value;
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice': {
        const { values, other } = readChoices(v);
        return [...values.map(optionLabel), ...(other !== null ? [other] : [])].join(', ');
      }
      case 'ranking':
        return Array.isArray(v) ? v.map((x) => optionLabel(String(x))).join(' › ') : JSON.stringify(v);
      case 'country':
        return countryName(String(v), locale);
      case 'url':
        return (
          <a href={String(v)} rel="nofollow noopener noreferrer ugc">
            {String(v)}
          </a>
        );
      case 'file':
        return (
          <ul>
            {(v as FileAnswer[]).map((f) => (
              <li key={f.uploadId}>
                <a href={`/library/files/${f.uploadId}`}>{f.name}</a>
              </li>
            ))}
          </ul>
        );
      case 'long_text':
        return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
      default:
        return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    }
  };
  return (
    <dl>
      {questions
        .filter((q) => isQuestionType(q.type))
        .map((q) => (
          // The id lets an error summary about this answer (`answers.<id>`) link to it.
          <div key={q.id} id={`field-answers.${q.id}`}>
            <dt>{q.label}</dt>
            <dd>{show(q, answers[q.id])}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The history of a submission: submissions, comments, requests, decisions. */
export function EventsList({ events }: { events: EventView[] }) {
  const t = useT();
  const { locale } = useRoot();
  if (events.length === 0) return <p>{t('library.calls.noHistory')}</p>;
  return (
    <ol className="events">
      {events.map((e, i) => (
        <li key={i} className="card">
          <p>
            <strong>{t(`library.calls.event.${e.kind}`, { name: e.authorName ?? '' })}</strong> ·{' '}
            <time dateTime={e.createdAt}>{formatDate(e.createdAt, locale, 'datetime')}</time>
          </p>
          {e.message && <p style={{ whiteSpace: 'pre-wrap' }}>{e.message}</p>}
        </li>
      ))}
    </ol>
  );
}

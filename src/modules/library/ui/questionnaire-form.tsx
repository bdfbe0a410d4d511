import { useT } from '../../../web/kit/i18n.js';
import type { FileAnswer } from '../core/questionnaire.js';
import { answerField, keepField, type QuestionView } from './call-fields.js';

interface Props {
  questions: QuestionView[];
  /** Form values keyed by field name (`q_<id>`), as typed or as saved. */
  values: Record<string, string | string[]>;
  /** Files already attached, per question id. */
  files: Record<string, FileAnswer[]>;
  /** Reasons per question id. */
  errors: Record<string, string>;
  /** The countries to choose from, named and sorted by the server (kernel/countries countryOptions). */
  countries: { code: string; name: string }[];
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function asText(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/**
 * The inputs of a call's questionnaire, one per question, accessible without JavaScript: choices
 * are fieldsets with a legend, every input has its label, hint and error tied to it.
 */
export function QuestionnaireFields({ questions, values, files, errors, countries }: Props) {
  const t = useT();
  return (
    <>
      {questions.map((q) => {
        const name = answerField(q.id);
        const id = `field-${name}`;
        const hintId = q.help ? `${id}-hint` : undefined;
        const errorId = errors[q.id] ? `${id}-error` : undefined;
        const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
        const invalid = errors[q.id] ? true : undefined;
        const marker = q.required ? <span aria-hidden="true"> *</span> : <span className="muted"> {t('library.calls.form.optional')}</span>;
        const hint = q.help && (
          <p className="hint" id={hintId}>
            {q.help}
          </p>
        );
        const error = errors[q.id] && (
          <p className="error" id={errorId}>
            {errors[q.id]}
          </p>
        );
        const className = errors[q.id] ? 'field field-error' : 'field';
        if (q.type === 'single_choice' || q.type === 'multiple_choice') {
          const chosen = new Set(asList(values[name]));
          return (
            <fieldset key={q.id} className={className} id={id} aria-describedby={describedBy} aria-invalid={invalid}>
              <legend>
                {q.label}
                {marker}
              </legend>
              {hint}
              {error}
              {q.options.map((o) => (
                <div className="choice" key={o.value}>
                  <input
                    type={q.type === 'single_choice' ? 'radio' : 'checkbox'}
                    id={`${id}-${o.value}`}
                    name={name}
                    value={o.value}
                    defaultChecked={chosen.has(o.value)}
                  />
                  <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        if (q.type === 'file') {
          const max = q.maxFiles ?? 1;
          const attached = files[q.id] ?? [];
          return (
            <fieldset key={q.id} className={className} aria-describedby={describedBy} aria-invalid={invalid}>
              <legend>
                {q.label}
                {marker}
              </legend>
              {hint}
              {error}
              {attached.map((f) => (
                <div className="choice" key={f.uploadId}>
                  <input type="checkbox" id={`${id}-keep-${f.uploadId}`} name={keepField(q.id)} value={f.uploadId} defaultChecked />
                  <label htmlFor={`${id}-keep-${f.uploadId}`}>{t('library.calls.form.keepFile', { name: f.name })}</label>
                </div>
              ))}
              <label htmlFor={id}>{t('library.calls.form.addFiles', { max })}</label>
              <input
                type="file"
                id={id}
                name={name}
                multiple={max > 1}
                accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
                aria-describedby={describedBy}
              />
            </fieldset>
          );
        }
        const label = (
          <label htmlFor={id}>
            {q.label}
            {marker}
          </label>
        );
        const common = { id, name, 'aria-describedby': describedBy, 'aria-invalid': invalid, defaultValue: asText(values[name]) };
        let input;
        switch (q.type) {
          case 'long_text':
            input = <textarea {...common} rows={6} maxLength={q.maxLength} />;
            break;
          case 'country':
            input = (
              <select {...common} defaultValue={asText(values[name]).toUpperCase()}>
                <option value="">{t('library.calls.form.chooseCountry')}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            );
            break;
          case 'year':
            input = <input {...common} type="text" inputMode="numeric" autoComplete="off" size={6} />;
            break;
          case 'url':
            input = <input {...common} type="url" inputMode="url" placeholder="https://" maxLength={q.maxLength} />;
            break;
          default:
            input = <input {...common} type="text" maxLength={q.maxLength} />;
        }
        return (
          <div key={q.id} className={className}>
            {label}
            {hint}
            {error}
            {input}
            {q.type === 'year' && (
              <p className="hint">{t('library.calls.form.yearRange', { min: String(q.minYear ?? 1900), max: String(q.maxYear ?? 2100) })}</p>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * A call's questions to read before signing in: each label with whether it needs an answer, its
 * help, the kind of answer asked, and the options of choice questions. Nothing to fill in.
 */
export function QuestionnairePreview({ questions }: { questions: QuestionView[] }) {
  const t = useT();
  return (
    <ol className="questionnaire-preview">
      {questions.map((q) => (
        <li key={q.id} id={`question-${q.id}`}>
          <p>
            <strong>{q.label}</strong>{' '}
            {q.required ? <span>{t('library.calls.preview.required')}</span> : <span className="muted">{t('library.calls.form.optional')}</span>}
          </p>
          {q.help && <p className="hint">{q.help}</p>}
          <p className="hint">
            {t(`library.calls.preview.type.${q.type}`)}
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

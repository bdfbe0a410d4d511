import type { ReactNode } from 'react';
import type { FormErrors } from '../../../web/kit/form.js';
import { useReasonText } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { SiteMap, type MapArea, type MapPlace, type MapTiles } from '../../../web/kit/map.js';
import { pickText, type LocalizedText } from '../../../kernel/i18n.js';
import { visibleIds, pagesOf } from '../core/conditions.js';
import { DEFAULT_LIMITS, isQuestionType, OTHER_VALUE, rankCount, scaleRange, type Answers, type FileAnswer, type Item } from '../core/items.js';
import { answerName, answersOfValues, DEFAULT_PREFIX, type FormValues } from './form-names.js';

/** What `QuestionnaireFields` draws a questionnaire with. */
export interface QuestionnaireFieldsProps {
  /** The whole questionnaire (conditions may look at questions of earlier pages). */
  items: readonly Item[];
  /** The reader's language, and the site's (the fallback when a text is not written in the reader's). */
  locale: string;
  fallback: string;
  /** What the form shows: as typed (a refused form's values) or saved (see formValuesOf). */
  values: FormValues;
  /** The error to show next to each question, worded, keyed by question id (see useAnswerErrors). */
  errors?: Record<string, string | undefined>;
  /** Draw only this page (see pagesOf); default: every page. */
  page?: number;
  /** The answers display conditions read; default: the values, checked as a draft. */
  answers?: Answers;
  /** Files already attached, per question id. */
  files?: Record<string, FileAnswer[]>;
  /** The countries to choose from, named and sorted by the server (kernel/countries countryOptions). */
  countries?: { code: string; name: string }[];
  /** The site's map, to pin places on; without it a place is given by words and coordinates. */
  map?: { tiles: MapTiles; areas: readonly MapArea[]; places?: readonly MapPlace[] };
  /** Field name prefix (default `q_`; see form-names). */
  prefix?: string;
  /** The heading level of page titles and sections (default 3). */
  headingLevel?: 2 | 3 | 4;
  /**
   * Also draw the items a display condition hides, `hidden` (a fieldset also disabled), so the
   * live conditions island can show them as people answer; default: hidden items are not drawn.
   */
  drawHidden?: boolean;
}

/**
 * Words each question's coded reason in the reader's language: `questionnaires.error.<reason>`,
 * else the kit's `error.field.<reason>`, else the English text the command gave. Keys are the
 * refused form's keys (question ids, or `answers.<id>` from the commands).
 */
export function useAnswerErrors(failure: FormErrors | null | undefined): (key: string) => string | undefined {
  const word = useReasonText();
  return (key) => {
    const reason = failure?.reasons?.[key];
    return reason ? word(reason, 'questionnaires.error') : failure?.fields?.[key];
  };
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function asText(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** Plain text in paragraphs (blank lines part them). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p.trim()}</p>
        ))}
    </>
  );
}

function Heading({ level, children }: { level: number; children: ReactNode }) {
  if (level === 2) return <h2>{children}</h2>;
  if (level === 4) return <h4>{children}</h4>;
  return <h3>{children}</h3>;
}

/**
 * The inputs of a questionnaire (one page, or all), in the reader's language, usable without
 * JavaScript and on a 320 px phone: every input has its label; choices, scales, matrices,
 * rankings and places are fieldsets with a legend; each question's hint and error are tied to it
 * with aria-describedby. Items hidden by a display condition (given the answers so far) are not
 * drawn; those drawn carry `data-question`, `data-type` and, when conditional, `data-show-if`
 * (the condition as JSON) for a script that would show and hide them as people answer.
 */
export function QuestionnaireFields(props: QuestionnaireFieldsProps) {
  const t = useT();
  const { items, locale, fallback, values, errors = {}, files = {}, prefix = DEFAULT_PREFIX } = props;
  const level = props.headingLevel ?? 3;
  const say = (text: LocalizedText | undefined) => (text ? pickText(text, locale, fallback).text : '');
  const shown = visibleIds(items, props.answers ?? answersOfValues(items, values, prefix));
  const drawn = props.page === undefined ? items : (pagesOf(items)[props.page]?.items ?? []);

  const question = (q: Item): ReactNode => {
    const name = answerName(q.id, prefix);
    const id = `field-${name}`;
    const error = errors[q.id];
    const hintId = q.help ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    const extraHintId = `${id}-limits`;
    const describe = (extra?: boolean) => [hintId, extra ? extraHintId : undefined, errorId].filter(Boolean).join(' ') || undefined;
    const invalid = error ? true : undefined;
    const marker = q.required ? <span aria-hidden="true"> *</span> : <span className="muted"> {t('questionnaires.optional')}</span>;
    const label = say(q.label);
    const hint = q.help && (
      <p className="hint" id={hintId}>
        {say(q.help)}
      </p>
    );
    const errorText = error && (
      <p className="error" id={errorId}>
        {error}
      </p>
    );
    const extra = (text: string) => (
      <p className="hint" id={extraHintId}>
        {text}
      </p>
    );
    const className = error ? 'field field-error' : 'field';
    // Drawn hidden only with `drawHidden` (see the render below).
    const hidden = shown.has(q.id) ? undefined : true;
    const data = { 'data-question': q.id, 'data-type': q.type, ...(q.showIf ? { 'data-show-if': JSON.stringify(q.showIf) } : {}), hidden };
    const group = (children: ReactNode, limits?: string) => (
      <fieldset key={q.id} className={className} id={id} aria-describedby={describe(!!limits)} aria-invalid={invalid} disabled={hidden} {...data}>
        <legend>
          {label}
          {marker}
        </legend>
        {hint}
        {limits && extra(limits)}
        {errorText}
        {children}
      </fieldset>
    );
    const otherBox = () =>
      q.allowOther && (
        <div className="choice-other">
          <label htmlFor={`${id}.other`}>{t('questionnaires.otherSpecify')}</label>
          <input
            type="text"
            id={`${id}.other`}
            name={`${name}.other`}
            maxLength={DEFAULT_LIMITS.otherText}
            defaultValue={asText(values[`${name}.other`])}
          />
        </div>
      );

    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice': {
        const chosen = new Set(asList(values[name]));
        if (q.type === 'single_choice' && q.display === 'list') {
          return (
            <div key={q.id} className={className} {...data}>
              <label htmlFor={id}>
                {label}
                {marker}
              </label>
              {hint}
              {errorText}
              <select id={id} name={name} defaultValue={asText(values[name])} aria-describedby={describe()} aria-invalid={invalid}>
                <option value="">{t('questionnaires.chooseOne')}</option>
                {q.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {say(o.label)}
                  </option>
                ))}
                {q.allowOther && <option value={OTHER_VALUE}>{t('questionnaires.other')}</option>}
              </select>
              {otherBox()}
            </div>
          );
        }
        const type = q.type === 'single_choice' ? 'radio' : 'checkbox';
        const limits =
          q.type === 'multiple_choice' && (q.minChoices !== undefined || q.maxChoices !== undefined)
            ? q.minChoices !== undefined && q.maxChoices !== undefined
              ? t('questionnaires.choicesBetween', { min: q.minChoices, max: q.maxChoices })
              : q.minChoices !== undefined
                ? t('questionnaires.choicesAtLeast', { min: q.minChoices })
                : t('questionnaires.choicesAtMost', { max: q.maxChoices ?? 0 })
            : undefined;
        return group(
          <>
            {q.options.map((o) => (
              <div className="choice" key={o.value}>
                <input type={type} id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={chosen.has(o.value)} />
                <label htmlFor={`${id}-${o.value}`}>{say(o.label)}</label>
              </div>
            ))}
            {q.allowOther && (
              <div className="choice">
                <input type={type} id={`${id}-${OTHER_VALUE}`} name={name} value={OTHER_VALUE} defaultChecked={chosen.has(OTHER_VALUE)} />
                <label htmlFor={`${id}-${OTHER_VALUE}`}>{t('questionnaires.other')}</label>
              </div>
            )}
            {otherBox()}
          </>,
          limits,
        );
      }
      case 'scale': {
        const { min, max } = scaleRange(q);
        const chosen = asText(values[name]);
        const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
        return group(
          <div className="scale">
            {points.map((p) => (
              <div className="scale-point" key={p}>
                <input type="radio" id={`${id}-${p}`} name={name} value={String(p)} defaultChecked={chosen === String(p)} />
                <label htmlFor={`${id}-${p}`}>
                  {p}
                  {p === min && q.minLabel && <span className="scale-end">{` ${say(q.minLabel)}`}</span>}
                  {p === max && q.maxLabel && <span className="scale-end">{` ${say(q.maxLabel)}`}</span>}
                </label>
              </div>
            ))}
          </div>,
        );
      }
      case 'matrix': {
        const columns = q.columns ?? [];
        const type = q.multiple ? 'checkbox' : 'radio';
        return group(
          <table className="matrix">
            <thead>
              <tr>
                <td />
                {columns.map((c) => (
                  <th scope="col" key={c.value}>
                    {say(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(q.rows ?? []).map((r) => {
                const rowName = `${name}.${r.value}`;
                const chosen = new Set(asList(values[rowName]));
                const rowLabel = say(r.label);
                return (
                  <tr key={r.value} id={`field-${rowName}`}>
                    <th scope="row">{rowLabel}</th>
                    {columns.map((c) => {
                      const cellId = `field-${rowName}-${c.value}`;
                      return (
                        <td key={c.value} data-label={say(c.label)}>
                          <input type={type} id={cellId} name={rowName} value={c.value} defaultChecked={chosen.has(c.value)} />
                          <label htmlFor={cellId}>
                            <span className="visually-hidden">{t('questionnaires.matrixCell', { row: rowLabel, column: say(c.label) })}</span>
                            <span className="matrix-column" aria-hidden="true">
                              {say(c.label)}
                            </span>
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>,
        );
      }
      case 'ranking': {
        const count = rankCount(q);
        const ranks = Array.from({ length: count }, (_, i) => i + 1);
        return group(
          q.options.map((o) => {
            const rankName = `${name}.rank.${o.value}`;
            return (
              <div className="field rank" key={o.value}>
                <label htmlFor={`field-${rankName}`}>{say(o.label)}</label>
                <select id={`field-${rankName}`} name={rankName} defaultValue={asText(values[rankName])}>
                  <option value="">{t('questionnaires.notRanked')}</option>
                  {ranks.map((r) => (
                    <option key={r} value={String(r)}>
                      {t('questionnaires.rank', { rank: r })}
                    </option>
                  ))}
                </select>
              </div>
            );
          }),
          count < q.options.length ? t('questionnaires.rankTop', { count }) : t('questionnaires.rankAll', { count }),
        );
      }
      case 'place': {
        const lat = asText(values[`${name}.lat`]);
        const lon = asText(values[`${name}.lon`]);
        const pin = lat && lon && Number.isFinite(Number(lat)) && Number.isFinite(Number(lon)) ? { lat: Number(lat), lon: Number(lon) } : null;
        return group(
          <>
            <div className="field">
              <label htmlFor={`field-${name}.text`}>{t('questionnaires.placeText')}</label>
              <input
                type="text"
                id={`field-${name}.text`}
                name={`${name}.text`}
                maxLength={DEFAULT_LIMITS.placeText}
                defaultValue={asText(values[`${name}.text`])}
                autoComplete="off"
              />
            </div>
            <details open={pin ? true : undefined}>
              <summary>{t('questionnaires.placeCoordinates')}</summary>
              <div className="field">
                <label htmlFor={`field-${name}.lat`}>{t('questionnaires.placeLat')}</label>
                <input
                  type="text"
                  inputMode="decimal"
                  id={`field-${name}.lat`}
                  name={`${name}.lat`}
                  defaultValue={lat}
                  size={12}
                  autoComplete="off"
                />
              </div>
              <div className="field">
                <label htmlFor={`field-${name}.lon`}>{t('questionnaires.placeLon')}</label>
                <input
                  type="text"
                  inputMode="decimal"
                  id={`field-${name}.lon`}
                  name={`${name}.lon`}
                  defaultValue={lon}
                  size={12}
                  autoComplete="off"
                />
              </div>
            </details>
            {props.map && (
              <SiteMap
                label={t('questionnaires.placeMap', { question: label })}
                tiles={props.map.tiles}
                areas={props.map.areas}
                places={props.map.places}
                pick={{ latField: `${name}.lat`, lonField: `${name}.lon`, initial: pin }}
              >
                {t('questionnaires.placeMapHint')}
              </SiteMap>
            )}
          </>,
        );
      }
      case 'file': {
        const max = q.maxFiles ?? DEFAULT_LIMITS.maxFiles;
        const attached = files[q.id] ?? [];
        return group(
          <>
            {attached.map((f) => (
              <div className="choice" key={f.uploadId}>
                <input type="checkbox" id={`${id}-keep-${f.uploadId}`} name={`${name}.keep`} value={f.uploadId} defaultChecked />
                <label htmlFor={`${id}-keep-${f.uploadId}`}>{t('questionnaires.keepFile', { name: f.name })}</label>
              </div>
            ))}
            <label htmlFor={`${id}-upload`}>{t('questionnaires.addFiles', { max })}</label>
            <input
              type="file"
              id={`${id}-upload`}
              name={name}
              multiple={max > 1}
              accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
              aria-describedby={describe()}
            />
          </>,
        );
      }
      default:
        break;
    }
    // One input with its label.
    const common = { id, name, 'aria-describedby': describe(), 'aria-invalid': invalid, defaultValue: asText(values[name]) };
    let input: ReactNode;
    let limits: string | undefined;
    switch (q.type) {
      case 'long_text':
        input = <textarea {...common} rows={6} maxLength={q.maxLength} />;
        break;
      case 'country':
        input = props.countries ? (
          <select {...common} defaultValue={asText(values[name]).toUpperCase()}>
            <option value="">{t('questionnaires.chooseCountry')}</option>
            {props.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type="text" size={4} maxLength={2} autoComplete="country" />
        );
        break;
      case 'year':
        limits = t('questionnaires.yearRange', {
          min: String(q.minYear ?? DEFAULT_LIMITS.minYear),
          max: String(q.maxYear ?? DEFAULT_LIMITS.maxYear),
        });
        input = <input {...common} aria-describedby={describe(true)} type="text" inputMode="numeric" autoComplete="off" size={6} />;
        break;
      case 'number':
        if (q.min !== undefined && q.max !== undefined) limits = t('questionnaires.numberBetween', { min: q.min, max: q.max });
        else if (q.min !== undefined) limits = t('questionnaires.numberAtLeast', { min: q.min });
        else if (q.max !== undefined) limits = t('questionnaires.numberAtMost', { max: q.max });
        input = (
          <input
            {...common}
            aria-describedby={describe(!!limits)}
            type="text"
            inputMode={q.integer || Number.isInteger(q.step ?? 0.5) ? 'numeric' : 'decimal'}
            autoComplete="off"
            size={10}
          />
        );
        break;
      case 'date':
        if (q.minDate || q.maxDate) limits = t('questionnaires.dateRange', { min: q.minDate ?? '…', max: q.maxDate ?? '…' });
        input = <input {...common} aria-describedby={describe(!!limits)} type="date" min={q.minDate} max={q.maxDate} />;
        break;
      case 'url':
        input = <input {...common} type="url" inputMode="url" placeholder="https://" maxLength={q.maxLength} />;
        break;
      default:
        input = <input {...common} type="text" maxLength={q.maxLength} />;
    }
    return (
      <div key={q.id} className={className} {...data}>
        <label htmlFor={id}>
          {label}
          {marker}
        </label>
        {hint}
        {limits && extra(limits)}
        {errorText}
        {input}
      </div>
    );
  };

  return (
    <>
      {drawn.map((item) => {
        const hidden = !shown.has(item.id) || undefined;
        if (hidden && !props.drawHidden) return null;
        const showIf = item.showIf ? { 'data-show-if': JSON.stringify(item.showIf) } : {};
        if (item.type === 'page_break')
          return item.label ? (
            <div key={item.id} className="questionnaire-page-title" data-question={item.id} data-type={item.type} hidden={hidden} {...showIf}>
              <Heading level={level}>{say(item.label)}</Heading>
              {item.help && <p className="hint">{say(item.help)}</p>}
            </div>
          ) : props.drawHidden && item.showIf ? (
            <div key={item.id} data-question={item.id} data-type={item.type} hidden={hidden} {...showIf} />
          ) : null;
        if (item.type === 'section')
          return (
            <div key={item.id} className="questionnaire-section" data-question={item.id} data-type={item.type} hidden={hidden} {...showIf}>
              {item.label && <Heading level={level}>{say(item.label)}</Heading>}
              {item.body && <Paragraphs text={say(item.body)} />}
            </div>
          );
        return isQuestionType(item.type) ? question(item) : null;
      })}
    </>
  );
}

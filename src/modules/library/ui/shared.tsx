import { countryName } from '../../../kernel/countries.js';
import { LOCALE_NAMES, pickText, type LocalizedText } from '../../../kernel/i18n.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { Field } from '../../../web/kit/form.js';
import type { FormValues } from '../core/forms.js';

export type T = ReturnType<typeof useT>;

/** The label of a facet value in the reader's language. */
export function facetLabel(t: T, locale: string, facet: string, value: string): string {
  switch (facet) {
    case 'country':
      return countryName(value, locale);
    case 'level':
      return t(`library.level.${value}`);
    case 'sector':
      return t(`library.sector.${value}`);
    case 'stage':
      return t(`library.stage.${value}`);
    case 'type':
      return t(`library.postType.${value}`);
    case 'recognised':
      return t(`library.recognised.${value}`);
    default:
      return value;
  }
}

/** The name of a language in its own language (or the code). */
export function languageName(code: string): string {
  if (code in LOCALE_NAMES) return LOCALE_NAMES[code as keyof typeof LOCALE_NAMES];
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Text in the reader's language, falling back to the original. */
export function pick(text: LocalizedText, locale: string, original: string): string {
  return pickText(text, locale, original).text;
}

export { formatDate } from '../../../web/kit/format.js';

/** Page links (previous, numbered, next) that keep the other query parameters. */
export function Pagination({ page, pages, params }: { page: number; pages: number; params: string }) {
  const t = useT();
  if (pages <= 1) return null;
  const href = (p: number) => {
    const sp = new URLSearchParams(params);
    if (p > 1) sp.set('page', String(p));
    else sp.delete('page');
    const s = sp.toString();
    return s ? `?${s}` : '?';
  };
  const shown = [...Array(pages).keys()].map((i) => i + 1).filter((p) => p === 1 || p === pages || Math.abs(p - page) <= 2);
  return (
    <nav className="pagination" aria-label={t('library.pagination.label')}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {t('library.pagination.previous')}
        </a>
      )}
      {shown.map((p, i) => (
        <span key={p}>
          {i > 0 && shown[i - 1] !== p - 1 && <span aria-hidden="true">… </span>}
          {p === page ? (
            <strong aria-current="page">{p}</strong>
          ) : (
            <a href={href(p)} aria-label={t('library.pagination.page', { page: p })}>
              {p}
            </a>
          )}
        </span>
      ))}
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {t('library.pagination.next')}
        </a>
      )}
    </nav>
  );
}

/** The first value of a re-filled form field. */
export function formValue(v: FormValues, k: string): string {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

/**
 * The original-language choice and, per language, the title, summary and Markdown body fields
 * that case studies and posts share; the original language's fields are required.
 */
export function MultilingualTextFields({
  locales,
  original,
  values,
  errors,
}: {
  locales: string[];
  original: string;
  values: FormValues;
  errors: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <>
      <Field name="originalLocale" label={t('library.form.originalLocale')} error={errors.originalLocale} required>
        {(p) => (
          <select {...p} defaultValue={original}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {locales.map((l) => (
        <fieldset key={l} lang={l}>
          <legend>{t('library.form.textIn', { language: languageName(l) })}</legend>
          <Field name={`title.${l}`} label={t('library.form.title')} error={errors[`title.${l}`]} required={l === original}>
            {(p) => <input {...p} defaultValue={formValue(values, `title.${l}`)} maxLength={200} />}
          </Field>
          <Field name={`summary.${l}`} label={t('library.form.summary')} error={errors[`summary.${l}`]} required={l === original}>
            {(p) => <textarea {...p} rows={3} defaultValue={formValue(values, `summary.${l}`)} maxLength={600} />}
          </Field>
          <Field
            name={`body.${l}`}
            label={t('library.form.body')}
            hint={t('library.form.bodyHint')}
            error={errors[`body.${l}`]}
            required={l === original}
          >
            {(p) => <textarea {...p} rows={10} defaultValue={formValue(values, `body.${l}`)} />}
          </Field>
        </fieldset>
      ))}
    </>
  );
}

/**
 * The notice above a text shown in another language than the reader's, with links to the
 * other languages it is written in (`?in=` keeps the interface language).
 */
export function LanguageNotice({ shown, fallback, languages }: { shown: string; fallback: boolean; languages: string[] }) {
  const t = useT();
  const { locale } = useRoot();
  if (!fallback && languages.length <= 1) return null;
  return (
    <div className="notice" lang={locale}>
      {fallback && <p>{t('library.shownIn', { language: languageName(shown) })}</p>}
      {languages.length > 1 && (
        <p>
          {t('library.otherLanguages')}{' '}
          {languages
            .filter((l) => l !== shown)
            .map((l, i) => (
              <span key={l}>
                {i > 0 && ', '}
                <a href={`?in=${l}`} hrefLang={l} lang={l}>
                  {languageName(l)}
                </a>
              </span>
            ))}
        </p>
      )}
    </div>
  );
}

/**
 * The visible label of each field of the editors' post and case-study forms, for the error
 * summary: a text field written per language is named with its language.
 */
export function useEditorLabels(locales: string[]): Record<string, string> {
  const t = useT();
  const labels: Record<string, string> = {
    type: t('library.facet.type'),
    originalLocale: t('library.form.originalLocale'),
    slug: t('library.form.slug'),
    tags: t('library.facet.tag'),
    status: t('library.admin.status'),
    country: t('library.facet.country'),
    level: t('library.facet.level'),
    stage: t('library.facet.stage'),
    sectors: t('library.facet.sector'),
    yearLaunched: t('library.yearLaunched'),
    organisations: t('library.organisations'),
    links: t('library.links'),
    recognitions: t('library.recognitions'),
    images: t('library.form.images'),
    newImage: t('library.form.newImage'),
    newImageAlt: t('library.form.newImageAlt'),
  };
  const perLanguage = { title: t('library.form.title'), summary: t('library.form.summary'), body: t('library.form.body') };
  Object.assign(labels, perLanguage);
  for (const l of locales)
    for (const [name, field] of Object.entries(perLanguage)) labels[`${name}.${l}`] = t('library.form.fieldIn', { field, language: languageName(l) });
  return labels;
}

import { data, useLoaderData } from 'react-router';
import { isLocale, LOCALE_NAMES, pickText } from '../../../kernel/i18n.js';
import { requirePagePermission } from '../../../web/kit/actions.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { pagesOf, QuestionnaireFields } from '../../questionnaires/index.js';
import { questionnaireOf } from '../commands/take-part.js';
import { findConsultationBySlug } from '../store/consultations.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.editor.previewTitle' }, args.data ? { text: args.data.title } : null);
}

/**
 * The questionnaire as respondents see it in the page's language (`?lang=` picks it), every page
 * one after the other and every item shown, whatever its condition. Nothing is sent from here.
 */
export async function loader({ context, params, request }: LoaderArgs) {
  requirePagePermission(context, request, 'consultations.manage');
  const { deps, ctx } = context;
  const c = await findConsultationBySlug(deps.db, ctx.site.id, params.slug ?? '');
  if (!c) throw data('not found', { status: 404 });
  const items = await questionnaireOf(deps, c);
  const fallback = ctx.site.defaultLocale;
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, fallback).text || c.slug,
    locale: ctx.locale,
    languageName: isLocale(ctx.locale) ? LOCALE_NAMES[ctx.locale] : ctx.locale,
    fallback,
    version: c.currentVersion,
    // Conditions are set aside so that every item can be read; the editor's list says when each is shown.
    items: items.map((i) => ({ ...i, showIf: undefined })),
    conditional: items.filter((i) => i.showIf).length,
  };
}

export default function QuestionnairePreviewPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const pages = pagesOf(d.items);
  return (
    <>
      <p>
        <a href={`/consultations/${d.slug}/admin/questionnaire`}>{t('consultations.editor.backToEditor')}</a>
      </p>
      <h1>{t('consultations.editor.previewHeading', { title: d.title, language: d.languageName })}</h1>
      <p className="hint">
        {t('consultations.editor.previewHint', { version: d.version, pages: pages.length })}{' '}
        {d.conditional > 0 && t('consultations.editor.previewConditions', { count: d.conditional })}
      </p>
      {d.items.length === 0 ? (
        <p>{t('consultations.editor.empty')}</p>
      ) : (
        <form aria-label={t('consultations.editor.previewForm')} onSubmit={(e) => e.preventDefault()}>
          <QuestionnaireFields items={d.items} locale={d.locale} fallback={d.fallback} values={{}} headingLevel={2} />
        </form>
      )}
    </>
  );
}

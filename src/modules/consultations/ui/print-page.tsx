import { useLoaderData } from 'react-router';
import { pickText, type LocalizedText } from '../../../kernel/i18n.js';
import { useT } from '../../../web/kit/i18n.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { pagesOf, rankCount, scaleRange, type Item } from '../../questionnaires/index.js';
import { questionnaireOf } from '../commands/take-part.js';
import { loadConsultationOr404 } from './shared.server.js';

export function meta(args: TitleArgs & { data?: { title: string } }) {
  return pageTitle(args, { id: 'consultations.paper.printTitle' }, args.data ? { text: args.data.title } : null);
}

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const c = await loadConsultationOr404(deps, ctx, params.slug ?? '');
  return {
    slug: c.slug,
    title: pickText(c.title, ctx.locale, ctx.site.defaultLocale).text,
    locale: ctx.locale,
    fallback: ctx.site.defaultLocale,
    items: await questionnaireOf(deps, c),
  };
}

const BOX = '☐';

/**
 * The questionnaire as a paper form: every question (conditional ones marked "answer only if it
 * applies"), with boxes to tick and lines to write on; the kit's print button and print styles.
 */
export default function PrintPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const say = (text: LocalizedText | undefined) => (text ? pickText(text, d.locale, d.fallback).text : '');
  let n = 0;
  const question = (q: Item) => {
    n += 1;
    const title = (
      <p className="print-question">
        <strong>
          {n}. {say(q.label)}
        </strong>
        {q.required ? <span aria-hidden="true"> *</span> : null}
      </p>
    );
    const note = q.showIf ? <p className="hint">{t('consultations.paper.onlyIf')}</p> : null;
    let body;
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice':
        body = (
          <>
            {q.type === 'multiple_choice' && (
              <p className="hint">{q.maxChoices ? t('consultations.paper.tickUpTo', { max: q.maxChoices }) : t('consultations.paper.tickAll')}</p>
            )}
            <ul className="print-boxes">
              {q.options.map((o) => (
                <li key={o.value}>
                  {BOX} {say(o.label)}
                </li>
              ))}
              {q.allowOther && (
                <li>
                  {BOX} {t('consultations.paper.otherWrite')} <span className="print-line" />
                </li>
              )}
            </ul>
          </>
        );
        break;
      case 'ranking':
        body = (
          <>
            <p className="hint">{t('consultations.paper.rankHint', { count: rankCount(q) })}</p>
            <ul className="print-boxes">
              {q.options.map((o) => (
                <li key={o.value}>[ &nbsp; ] {say(o.label)}</li>
              ))}
            </ul>
          </>
        );
        break;
      case 'scale': {
        const { min, max } = scaleRange(q);
        body = (
          <p className="print-scale">
            {say(q.minLabel)}{' '}
            {Array.from({ length: max - min + 1 }, (_, i) => (
              <span key={i}>
                {BOX}
                {min + i}{' '}
              </span>
            ))}
            {say(q.maxLabel)}
          </p>
        );
        break;
      }
      case 'matrix':
        body = (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <td />
                  {(q.columns ?? []).map((col) => (
                    <th key={col.value} scope="col">
                      {say(col.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(q.rows ?? []).map((row) => (
                  <tr key={row.value}>
                    <th scope="row">{say(row.label)}</th>
                    {(q.columns ?? []).map((col) => (
                      <td key={col.value}>{BOX}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
        break;
      case 'long_text':
        body = (
          <div className="print-lines">
            {Array.from({ length: 5 }, (_, i) => (
              <span key={i} className="print-line" />
            ))}
          </div>
        );
        break;
      default:
        body = (
          <div className="print-lines">
            <span className="print-line" />
          </div>
        );
    }
    return (
      <div key={q.id} className="print-item">
        {title}
        {note}
        {body}
      </div>
    );
  };
  return (
    <article className="print-form">
      <p className="no-print">
        <a href={`/consultations/${d.slug}`}>{d.title}</a>{' '}
        <button type="button" className="link-button" data-island="print" hidden>
          {t('consultations.paper.print')}
        </button>
      </p>
      <h1>
        {d.title} — {t('consultations.paper.printTitle')}
      </h1>
      <p>{t('consultations.paper.printIntro')}</p>
      {pagesOf(d.items).map((p) => (
        <section key={p.index}>
          {p.title && <h2>{say(p.title)}</h2>}
          {p.pageBreak?.showIf && <p className="hint">{t('consultations.paper.onlyIf')}</p>}
          {p.items
            .filter((i) => i.type === 'section')
            .map((s) => (
              <div key={s.id}>
                <h3>{say(s.label)}</h3>
                <p>{say(s.body)}</p>
              </div>
            ))}
          {p.items.filter((i) => i.type !== 'section' && i.type !== 'page_break').map(question)}
        </section>
      ))}
    </article>
  );
}

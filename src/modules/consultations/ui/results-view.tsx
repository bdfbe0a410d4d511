import { BarChart } from '../../../web/kit/bar-chart.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { Table } from '../../../web/kit/table.js';
import type { PercentView, QuestionResultView } from './results.server.js';

/** A number in the reader's locale with `digits` decimals. */
export function useNumber(): (n: number, digits?: number) => string {
  const { locale } = useRoot();
  return (n, digits = 1) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/**
 * Each question's results: a bar chart of the shares (weighted when the results are) and a table
 * with respondents, the unweighted share and the weighted one, each ± its standard error.
 */
export function ResultsView({ questions, weighted, headingLevel = 2 }: { questions: QuestionResultView[]; weighted: boolean; headingLevel?: 2 | 3 }) {
  const t = useT();
  const num = useNumber();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const show = (v: PercentView | null) => (v ? t('consultations.results.pctSe', { pct: num(v.pct), se: num(v.se) }) : '–');
  return (
    <>
      {questions.map((q) => (
        <section key={q.key} className="result" aria-labelledby={`result-${q.key}`}>
          <H id={`result-${q.key}`}>{q.label}</H>
          <p className="hint">{t('consultations.results.answered', { count: q.answered })}</p>
          {q.rows.length > 0 && (
            <>
              <BarChart
                title={q.label}
                rows={q.rows.map((r) => {
                  const v = (weighted ? r.weighted : null) ?? r.share;
                  return { label: r.label ?? t('consultations.export.other'), value: v?.pct ?? 0, display: v ? `${num(v.pct)} %` : '–' };
                })}
              />
              <Table label={q.label}>
                <thead>
                  <tr>
                    <th scope="col">{t('consultations.results.answer')}</th>
                    <th scope="col">{t('consultations.results.respondents')}</th>
                    <th scope="col">{t('consultations.results.share')}</th>
                    {weighted && <th scope="col">{t('consultations.results.weightedShare')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {q.rows.map((r) => (
                    <tr key={r.label ?? ''}>
                      <th scope="row">{r.label ?? t('consultations.export.other')}</th>
                      <td>{r.count}</td>
                      <td>{show(r.share)}</td>
                      {weighted && <td>{show(r.weighted)}</td>}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
          {q.mean && (
            <p>
              {t('consultations.results.mean', { mean: num(q.mean.unweighted.value, 2), se: num(q.mean.unweighted.se, 2) })}
              {weighted && q.mean.weighted && (
                <> · {t('consultations.results.weightedMean', { mean: num(q.mean.weighted.value, 2), se: num(q.mean.weighted.se, 2) })}</>
              )}
            </p>
          )}
        </section>
      ))}
    </>
  );
}

/** How far respondents are from the population on each demographic question. */
export function RepresentativenessView({
  rows,
}: {
  rows: {
    question: string;
    label: string;
    answered: number;
    distance: number;
    rows: { label: string | null; respondents: number; sample: number; population: number; gap: number }[];
  }[];
}) {
  const t = useT();
  const num = useNumber();
  return (
    <>
      {rows.map((r) => (
        // Not a named region: the same question is also a region of the figures beside it.
        <div key={r.question} className="representativeness">
          <h3 id={`rep-${r.question}`}>{r.label}</h3>
          <p className="hint">{t('consultations.results.distance', { distance: num(r.distance) })}</p>
          <Table label={t('consultations.results.representativenessOf', { question: r.label })}>
            <thead>
              <tr>
                <th scope="col">{t('consultations.results.answer')}</th>
                <th scope="col">{t('consultations.results.respondents')}</th>
                <th scope="col">{t('consultations.results.sampleShare')}</th>
                <th scope="col">{t('consultations.results.populationShare')}</th>
                <th scope="col">{t('consultations.results.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={x.label ?? ''}>
                  <th scope="row">{x.label ?? t('consultations.export.other')}</th>
                  <td>{x.respondents}</td>
                  <td>{num(x.sample)} %</td>
                  <td>{num(x.population)} %</td>
                  <td>{t('consultations.results.points', { gap: (x.gap > 0 ? '+' : '') + num(x.gap) })}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ))}
    </>
  );
}

import { useRoot, useT } from '../../../web/kit/i18n.js';
import { BarChart } from '../../../web/kit/bar-chart.js';
import { Table } from '../../../web/kit/table.js';
import { formatDate, formatMoney } from '../../../web/kit/format.js';
import { SiteMap, type MapTiles } from '../../../web/kit/map.js';
import { PHASES, type PhaseName } from '../core/process-types.js';

/** A money formatter bound to the page's locale. */
export function useMoney(currency: string): (amount: string | number) => string {
  const { locale } = useRoot();
  return (amount) => formatMoney(amount, currency, locale);
}

/** The phases of a process as an ordered list, the current one marked. */
export function PhaseList({ phases, current }: { phases: Record<PhaseName, { start: string; end: string }>; current: string }) {
  const t = useT();
  const { locale } = useRoot();
  return (
    <ol className="phases">
      {PHASES.map((p) => (
        <li key={p} aria-current={p === current ? 'step' : undefined}>
          <strong>{t(`budgeting.phase.${p}`)}</strong>
          {p === current && <span className="badge badge-accent"> {t('budgeting.phase.now')}</span>}{' '}
          <span className="muted">
            {formatDate(phases[p].start, locale)} – {formatDate(phases[p].end, locale)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The knapsack budget bar: how much of the budget the chosen projects use. Its text is a polite live
 * region, so screen readers hear the new total after each change; over the budget it says by how much.
 */
export function BudgetBar({ total, budget, currency }: { total: number; budget: number; currency: string }) {
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(currency);
  const over = total > budget;
  const share = budget > 0 ? Math.min(1, total / budget) : 1;
  // The `budget-total` island redraws the bar as choices change, from the sentence templates below.
  const placeholders = { total: '{total}', budget: '{budget}', left: '{left}', over: '{over}' };
  return (
    <div
      className="budget-bar"
      data-island="budget-total"
      data-budget={budget}
      data-currency={currency}
      data-locale={locale}
      data-used-text={t('budgeting.vote.used', placeholders)}
      data-over-text={t('budgeting.vote.over', placeholders)}
    >
      <svg width="100%" height="18" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="6" fill="#e6e6e6" />
        <rect x="0" y="0" width={share * 100} height="6" fill={over ? '#b3261e' : '#1f6f43'} data-budget-fill="" />
      </svg>
      <p aria-live="polite" className={over ? 'error' : undefined} data-budget-sentence="">
        {over
          ? t('budgeting.vote.over', { total: money(total), budget: money(budget), over: money(total - budget) })
          : t('budgeting.vote.used', { total: money(total), budget: money(budget), left: money(budget - total) })}
      </p>
    </div>
  );
}

/**
 * A bar chart (the kit's) of how many of each voter's choices won, followed by the same figures as
 * a table; `district` names the chart and the table apart from those of the other districts.
 */
export function ChoicesWonChart({ rows, district }: { rows: { won: number; voters: number }[]; district: string }) {
  const t = useT();
  const title = t('budgeting.results.chartTitle');
  return (
    <>
      <BarChart
        title={`${district}: ${title}`}
        rows={rows.map((r) => ({ label: t('budgeting.results.chartRow', { won: r.won }), value: r.voters }))}
      />
      <Table label={`${district}: ${title}`}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('budgeting.results.chartWon')}</th>
            <th scope="col">{t('budgeting.results.chartVoters')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.won}>
              <td>{r.won}</td>
              <td>{r.voters}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

/**
 * Project locations on the kit's map (street tiles when they load, a plain drawing otherwise),
 * each point a link to the project, close ones grouped; the project list beside it is the text
 * alternative.
 */
export function ProjectMap({
  projects,
  slug,
  tiles,
}: {
  projects: { code: string; title: string; lat: number | null; lng: number | null }[];
  slug: string;
  tiles: MapTiles;
}) {
  const t = useT();
  const located = projects.filter((p) => p.lat !== null && p.lng !== null) as { code: string; title: string; lat: number; lng: number }[];
  if (located.length === 0) return null;
  return (
    <SiteMap
      label={t('budgeting.process.mapTitle')}
      tiles={tiles}
      areas={[]}
      markers={located.map((p) => ({
        id: p.code,
        lat: p.lat,
        lon: p.lng,
        label: `${p.code}. ${p.title}`,
        href: `/budgeting/${slug}/projects/${p.code}`,
      }))}
      clusterLabel={(n) => t('budgeting.process.mapCluster', { count: n })}
    >
      <span className="muted">{t('budgeting.process.mapCaptionLinks')}</span>
    </SiteMap>
  );
}

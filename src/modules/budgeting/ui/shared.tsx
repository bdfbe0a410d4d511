import { useRoot, useT } from '../../../web/kit/i18n.js';
import { formatDate, formatMoney } from '../../../web/kit/format.js';
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
  const money = useMoney(currency);
  const over = total > budget;
  const share = budget > 0 ? Math.min(1, total / budget) : 1;
  return (
    <div className="budget-bar">
      <svg width="100%" height="18" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="6" fill="#e6e6e6" />
        <rect x="0" y="0" width={share * 100} height="6" fill={over ? '#b3261e' : '#1f6f43'} />
      </svg>
      <p aria-live="polite" className={over ? 'error' : undefined}>
        {over
          ? t('budgeting.vote.over', { total: money(total), budget: money(budget), over: money(total - budget) })
          : t('budgeting.vote.used', { total: money(total), budget: money(budget), left: money(budget - total) })}
      </p>
    </div>
  );
}

/** A bar chart (accessible SVG, described by the table that follows it) of how many of each voter's choices won. */
export function ChoicesWonChart({ rows, id }: { rows: { won: number; voters: number }[]; id: string }) {
  const t = useT();
  const max = Math.max(1, ...rows.map((r) => r.voters));
  const barH = 22;
  const height = rows.length * (barH + 6) + 4;
  return (
    <figure>
      <svg className="chart" role="img" aria-labelledby={`${id}-title`} width="100%" viewBox={`0 0 420 ${height}`}>
        <title id={`${id}-title`}>{t('budgeting.results.chartTitle')}</title>
        {rows.map((r, i) => (
          <g key={r.won} transform={`translate(0 ${i * (barH + 6) + 2})`}>
            <text x="0" y={barH - 6}>
              {t('budgeting.results.chartRow', { won: r.won })}
            </text>
            <rect className="bar" x="140" y="0" width={(r.voters / max) * 240} height={barH} />
            <text x={146 + (r.voters / max) * 240} y={barH - 6}>
              {r.voters}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <table>
          <caption>{t('budgeting.results.chartTitle')}</caption>
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
        </table>
      </figcaption>
    </figure>
  );
}

/**
 * Project locations on a plain SVG plot (no tiles: the coordinates scaled to the box), each point a
 * link to the project; the project list beside it is the text alternative.
 */
export function ProjectMap({
  projects,
  slug,
}: {
  projects: { code: string; title: string; lat: number | null; lng: number | null }[];
  slug: string;
}) {
  const t = useT();
  const located = projects.filter((p) => p.lat !== null && p.lng !== null) as { code: string; title: string; lat: number; lng: number }[];
  if (located.length === 0) return null;
  const lats = located.map((p) => p.lat);
  const lngs = located.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const x = (lng: number) => 20 + ((lng - minLng) / (maxLng - minLng || 1)) * 360;
  const y = (lat: number) => 20 + (1 - (lat - minLat) / (maxLat - minLat || 1)) * 200;
  return (
    <figure>
      <svg className="chart project-map" role="group" aria-labelledby="map-title" width="100%" viewBox="0 0 400 240">
        <title id="map-title">{t('budgeting.process.mapTitle')}</title>
        <rect x="0" y="0" width="400" height="240" fill="#f3f6f4" />
        {located.map((p) => (
          <a key={p.code} href={`/budgeting/${slug}/projects/${p.code}`} aria-label={`${p.code}. ${p.title}`}>
            <circle cx={x(p.lng)} cy={y(p.lat)} r="7" fill="#1f6f43" />
            <text x={x(p.lng) + 9} y={y(p.lat) + 4}>
              {p.code}
            </text>
          </a>
        ))}
      </svg>
      <figcaption className="muted">{t('budgeting.process.mapCaption')}</figcaption>
    </figure>
  );
}

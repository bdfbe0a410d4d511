import { useId } from 'react';
import { useT } from '../../../web/kit/i18n.js';

/** An amount in the reader's locale, with its currency when known. */
export function formatMoney(amount: number | null, currency: string | null, locale: string): string {
  if (amount === null) return '';
  try {
    if (currency && /^[A-Z]{3}$/.test(currency))
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    /* unknown currency code: plain number below */
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount)}${currency ? ` ${currency}` : ''}`;
}

/** A share (0..1) as a percentage in the reader's locale. */
export function formatShare(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The risk bucket as a labelled badge (text, not colour alone). */
export function BucketBadge({ bucket }: { bucket: string }) {
  const t = useT();
  return <span className={`badge badge-${bucket}`}>{t(`procurement.bucket.${bucket}`)}</span>;
}

/** The flags of a process, each with its plain-language explanation. */
export function FlagList({ flags }: { flags: string[] }) {
  const t = useT();
  if (flags.length === 0) return <p>{t('procurement.process.noFlags')}</p>;
  return (
    <ul className="flag-list">
      {flags.map((code) => (
        <li key={code}>
          <strong>{t(`procurement.flag.${code}.title`)}</strong> <span className="muted">({code})</span>. {t(`procurement.flag.${code}.explain`)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A horizontal bar chart as accessible SVG (role img, title and description), followed by the
 * same figures as a table: the table is the accessible alternative and what keyboard users read.
 */
export function BarChart({
  title,
  rows,
  labelHeader,
  valueHeader,
}: {
  title: string;
  rows: { label: string; value: number }[];
  labelHeader: string;
  valueHeader: string;
}) {
  const t = useT();
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barHeight = 22;
  const labelWidth = 220;
  const width = 640;
  const height = rows.length * (barHeight + 6) + 6;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <desc id={`${id}-desc`}>{rows.map((r) => `${r.label}: ${r.value}`).join('; ')}</desc>
        {rows.map((r, i) => {
          const y = 6 + i * (barHeight + 6);
          const w = Math.max(1, ((width - labelWidth - 60) * r.value) / max);
          return (
            <g key={r.label}>
              <text x={labelWidth - 8} y={y + barHeight * 0.7} textAnchor="end" fontSize="13" fill="currentColor">
                {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y} width={w} height={barHeight} fill="#1d4f91" />
              <text x={labelWidth + w + 6} y={y + barHeight * 0.7} fontSize="13" fill="currentColor">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table>
        <caption className="visually-hidden">{`${title}: ${t('procurement.chart.table')}`}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

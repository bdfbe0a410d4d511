import { useId } from 'react';

/** One bar of a {@link BarChart}: its label, its value and, optionally, the value as people read it. */
export interface BarChartRow {
  label: string;
  value: number;
  /** The value as shown next to the bar (formatted for the locale, with a unit); the number when absent. */
  display?: string;
}

/**
 * The one horizontal bar chart of every module. Labels and values are HTML text at the chart type
 * size (`--chart-font-size` in styles.css), so they read the same on every page and at every
 * width; each bar is a viewBox-scaled SVG that stretches with its column. Long labels wrap instead
 * of widening the page. The figure is named by `title`; the bars are hidden from assistive
 * technology because the labels and values beside them are the same figures as text.
 */
export function BarChart({ title, rows, showTitle = false }: { title: string; rows: BarChartRow[]; showTitle?: boolean }) {
  const id = useId();
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className={showTitle ? undefined : 'visually-hidden'}>
        {title}
      </figcaption>
      <ul>
        {rows.map((r, i) => (
          <li key={`${i}-${r.label}`}>
            <span className="bar-chart-label">{r.label}</span>
            <svg className="bar-chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" height="10" width={max > 0 ? Math.max(r.value > 0 ? 0.5 : 0, (100 * r.value) / max) : 0} />
            </svg>
            <span className="bar-chart-value">{r.display ?? String(r.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

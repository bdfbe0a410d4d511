import type { ReactNode } from 'react';

interface FilterPanelProps {
  /** The words of the disclosure's button on phones ("Filters"). */
  summary: string;
  /** Whether a filter is in use: the panel then starts open on phones too. */
  active: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * Filters that fold behind a "Filters" disclosure on phones and stand open from 48rem up (CSS
 * `.filter-panel`), so a list's filters never take the whole phone screen. A plain `<details>`:
 * it works without JavaScript, and starts open when a filter is in use.
 */
export function FilterPanel({ summary, active, className, children }: FilterPanelProps) {
  return (
    <details className={className ? `${className} filter-panel` : 'filter-panel'} open={active || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

import type { ReactNode } from 'react';
import { useT } from './i18n.js';

/**
 * A data table that scrolls sideways inside its own box when it is wider than the screen, so the
 * page itself never does. The box is a labelled region reachable by Tab, so keyboard users can
 * scroll it with the arrow keys and screen-reader users hear what it holds ("Reports by service
 * (table)", so it is never named like the section around it). Every module table goes through here.
 */
export function Table({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="table-scroll" role="region" aria-label={t('table.region', { label })} tabIndex={0}>
      <table className={className}>{children}</table>
    </div>
  );
}

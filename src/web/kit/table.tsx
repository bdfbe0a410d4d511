import type { ReactNode } from 'react';

/**
 * A data table that scrolls sideways inside its own box when it is wider than the screen, so the
 * page itself never does. The box is a labelled region reachable by Tab, so keyboard users can
 * scroll it with the arrow keys and screen-reader users hear what it holds. Every module table
 * goes through here.
 */
export function Table({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className={className}>{children}</table>
    </div>
  );
}

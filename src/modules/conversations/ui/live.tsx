import type { ReactNode } from 'react';
import { useT } from '../../../web/kit/i18n.js';

/**
 * A part of a conversation's page that follows new analyses: when the server announces one
 * (server-sent events from /conversations/:slug/events), the `live-refresh` island fetches the page
 * again and swaps in this part's new content, then says so in a polite live region. Without
 * JavaScript the part is simply static. `id` must be unique on the page.
 */
export function LiveAnalysis({ slug, id, children }: { slug: string; id: string; children: ReactNode }) {
  const t = useT();
  return (
    <div
      data-island="live-refresh"
      data-events={`/conversations/${encodeURIComponent(slug)}/events`}
      data-event="analysis"
      data-updated-text={t('conversations.map.updated')}
    >
      <p aria-live="polite" className="visually-hidden" data-live-status="" />
      <div id={id} data-live-content="">
        {children}
      </div>
    </div>
  );
}

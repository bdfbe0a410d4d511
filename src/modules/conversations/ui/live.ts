import { useEffect, useState } from 'react';
import { useRevalidator } from 'react-router';

/**
 * Reloads the page's data when the server announces a new analysis of the conversation
 * (server-sent events from /conversations/:slug/events). Returns how many updates arrived, for a
 * polite live-region announcement. Without JavaScript the page is simply static.
 */
export function useLiveAnalysis(slug: string, enabled: boolean): number {
  const { revalidate } = useRevalidator();
  const [updates, setUpdates] = useState(0);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/conversations/${encodeURIComponent(slug)}/events`);
    const onAnalysis = () => {
      setUpdates((n) => n + 1);
      void revalidate();
    };
    source.addEventListener('analysis', onAnalysis);
    return () => {
      source.removeEventListener('analysis', onAnalysis);
      source.close();
    };
  }, [slug, enabled, revalidate]);
  return updates;
}

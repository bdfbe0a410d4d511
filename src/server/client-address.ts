/**
 * The client's address behind TRUST_PROXY_HOPS trusted proxies. Each proxy appends the address it
 * got the request from to X-Forwarded-For, so only the last `hops` entries were written by
 * proxies we trust; everything left of them came from the client and may be forged. The client is
 * therefore the entry `hops` places from the right (the peer the farthest trusted proxy saw).
 * With fewer entries than hops, the leftmost is the best there is. Null without a usable header.
 */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  if (!header) return null;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry.slice(0, 100);
}

import type { Deps } from '../../../db/context.js';
import { ingestReleaseStream } from '../commands/ingest-releases.js';
import { findSource, saveSourceState } from '../store/sources.js';
import type { IngestSummary } from '../store/tables.js';
import { DEFAULT_RETRY, fetchWithBackoff, type RetryPolicy } from './http-fetch.js';

/**
 * One poll of a URL source (an OCDS release or record package, a JSON array, or JSON lines): a
 * conditional GET (`If-None-Match` / `If-Modified-Since` from the last answer); on 304 nothing is
 * read; otherwise the body is streamed into the database as one all-or-nothing ingest (releases
 * already stored are skipped), then the validators are saved.
 */
export async function pollUrlSource(
  deps: Deps,
  siteId: string,
  sourceId: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<{ changed: boolean; summary: IngestSummary | null }> {
  const source = await findSource(deps.db, siteId, sourceId);
  if (!source || source.kind !== 'url' || !source.url) throw new Error(`source ${sourceId} is not a URL source`);
  const headers: Record<string, string> = { accept: 'application/json, application/x-ndjson, */*' };
  if (source.state.etag) headers['if-none-match'] = source.state.etag;
  if (source.state.lastModified) headers['if-modified-since'] = source.state.lastModified;
  const res = await fetchWithBackoff(source.url, { headers }, retry);
  if (res.status === 304 || !res.body) {
    await saveSourceState(deps.db, siteId, sourceId, { ...source.state, runs: (source.state.runs ?? 0) + 1 }, deps.clock.now());
    return { changed: false, summary: null };
  }
  const { summary } = await ingestReleaseStream(deps, siteId, res.body as unknown as AsyncIterable<Uint8Array>, {
    sourceId,
    settings: source.settings,
    label: `${source.name}: ${source.url}`,
  });
  await saveSourceState(
    deps.db,
    siteId,
    sourceId,
    { ...source.state, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), runs: (source.state.runs ?? 0) + 1 },
    deps.clock.now(),
  );
  return { changed: true, summary };
}

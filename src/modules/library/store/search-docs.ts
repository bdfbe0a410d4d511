import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { languagesOf, SEARCH_CONFIGS, searchConfigFor, searchTextsFor } from '../core/search.js';
import { librarySearchDocs } from './tables.js';

/** Rebuilds an item's full-text documents: one per language it is written in. */
export async function writeSearchDocs(
  db: Db,
  siteId: string,
  kind: 'case' | 'post',
  item: { id: string; title: LocalizedText; summary: LocalizedText; body: LocalizedText; originalLocale: string },
  names: string[],
): Promise<void> {
  await db.delete(librarySearchDocs).where(and(eq(librarySearchDocs.siteId, siteId), eq(librarySearchDocs.itemId, item.id)));
  for (const locale of languagesOf(item)) {
    const config = searchConfigFor(locale);
    const t = searchTextsFor(item, locale, names);
    await db.execute(sql`
      INSERT INTO library_search_docs (site_id, item_kind, item_id, locale, config, document)
      VALUES (${siteId}, ${kind}, ${item.id}, ${locale}, ${config},
        setweight(to_tsvector(${config}::regconfig, ${t.a}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${t.b}), 'B') ||
        setweight(to_tsvector(${config}::regconfig, ${t.c}), 'C') ||
        setweight(to_tsvector(${config}::regconfig, ${t.d}), 'D'))`);
  }
}

/**
 * Items of `kind` whose document in any language matches the web-search query `q`, with their
 * best rank. The query is parsed with the reader's configuration and with each document's own,
 * so 'budgets' finds 'budget' in English and 'presupuestos' finds 'presupuesto' in Spanish
 * whatever language the reader uses.
 */
export async function matchText(db: Db, siteId: string, kind: 'case' | 'post', q: string, readerLocale: string): Promise<Map<string, number>> {
  // One constant query, OR-ed over the reader's configuration and every document configuration,
  // so the GIN index can answer it. ts_rank (weights A-D) rather than ts_rank_cd: the cover-density
  // rank walks every position and cost three times as much on a catalogue of 10,000.
  const configs = [...new Set([searchConfigFor(readerLocale), ...SEARCH_CONFIGS])];
  const query = sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${q})`),
    sql` || `,
  );
  const result = await db.execute(sql`
    SELECT item_id, max(ts_rank(document, query)) AS rank
    FROM library_search_docs, (SELECT ${query} AS query) q
    WHERE site_id = ${siteId} AND item_kind = ${kind} AND document @@ query
    GROUP BY item_id`);
  return new Map(rowsOf<{ item_id: string; rank: number | string }>(result).map((r) => [r.item_id, Number(r.rank)]));
}

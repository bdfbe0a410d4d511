import type { CaseStudyRow } from '../store/tables.js';
import { csvCell } from '../../../kernel/csv.js';
import { OPEN_DATA_LICENCE, OPEN_DATA_LICENCE_URL } from '../../../kernel/open-data.js';

export { OPEN_DATA_LICENCE, OPEN_DATA_LICENCE_URL };

/** The CSV columns, in order; localized text gets one column per language in `locales`. */
export function csvColumns(locales: string[]): string[] {
  const texts = ['title', 'summary', 'body'].flatMap((f) => locales.map((l) => `${f}_${l}`));
  return [
    'id',
    'slug',
    'url',
    ...texts,
    'original_locale',
    'country',
    'level',
    'sectors',
    'tags',
    'stage',
    'year_launched',
    'organisations',
    'links',
    'images',
    'recognitions',
    'published_at',
    'updated_at',
    'licence',
  ];
}

/** A case study flattened to CSV cells: lists joined with "; ", structured lists as JSON. */
export function flattenCaseStudy(row: CaseStudyRow, locales: string[], origin: string): Record<string, string> {
  const out: Record<string, string> = {
    id: row.id,
    slug: row.slug,
    url: `${origin}/library/case-studies/${row.slug}`,
    original_locale: row.originalLocale,
    country: row.country,
    level: row.level,
    sectors: row.sectors.join('; '),
    tags: row.tags.join('; '),
    stage: row.stage,
    year_launched: String(row.yearLaunched),
    organisations: JSON.stringify(row.organisations),
    links: JSON.stringify(row.links),
    images: JSON.stringify(row.images.map((i) => ({ url: `${origin}/library/files/${i.uploadId}`, alt: i.alt }))),
    recognitions: JSON.stringify(row.recognitions),
    published_at: row.publishedAt?.toISOString() ?? '',
    updated_at: row.updatedAt.toISOString(),
    licence: OPEN_DATA_LICENCE,
  };
  for (const l of locales) {
    out[`title_${l}`] = row.title[l] ?? '';
    out[`summary_${l}`] = row.summary[l] ?? '';
    out[`body_${l}`] = row.body[l] ?? '';
  }
  return out;
}

/**
 * The CSV export (UTF-8, CRLF line ends, header row first). The licence travels in the
 * `licence` column of every row, so a row copied on its own keeps it; no comment line is used
 * because CSV has no comment syntax and spreadsheet tools would read it as data.
 */
export function caseStudiesCsv(rows: CaseStudyRow[], locales: string[], origin: string): string {
  const cols = csvColumns(locales);
  const lines = [cols.join(',')];
  for (const row of rows) {
    const flat = flattenCaseStudy(row, locales, origin);
    lines.push(cols.map((c) => csvCell(flat[c] ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON export: licence, source, generation time and every published case study. */
export function caseStudiesJson(rows: CaseStudyRow[], origin: string, generatedAt: Date) {
  return {
    licence: OPEN_DATA_LICENCE,
    licenceUrl: OPEN_DATA_LICENCE_URL,
    source: `${origin}/library`,
    generatedAt: generatedAt.toISOString(),
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      url: `${origin}/library/case-studies/${r.slug}`,
      title: r.title,
      summary: r.summary,
      body: r.body,
      originalLocale: r.originalLocale,
      country: r.country,
      level: r.level,
      sectors: r.sectors,
      tags: r.tags,
      stage: r.stage,
      yearLaunched: r.yearLaunched,
      organisations: r.organisations,
      links: r.links,
      images: r.images.map((i) => ({ url: `${origin}/library/files/${i.uploadId}`, alt: i.alt })),
      recognitions: r.recognitions,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

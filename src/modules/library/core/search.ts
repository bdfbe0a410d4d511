import type { LocalizedText } from '../../../kernel/i18n.js';
import type { FacetDefs } from './facets.js';
import { SEARCH_CONFIG } from './vocabulary.js';

/** The PostgreSQL text-search configuration for a language ('simple' when there is none). */
export function searchConfigFor(locale: string): string {
  return SEARCH_CONFIG[locale] ?? 'simple';
}

/** Every configuration a search document may be built with. */
export const SEARCH_CONFIGS: readonly string[] = [...new Set([...Object.values(SEARCH_CONFIG), 'simple'])];

/** The facet-relevant fields of a case study, as search reads them. */
export interface CaseSearchRecord {
  id: string;
  country: string;
  level: string;
  sectors: string[];
  tags: string[];
  stage: string;
  yearLaunched: number;
  recognised: boolean;
  status: string;
  rank: number;
  date: number;
}

/** The case-study facets: country, level, sector, stage, year, tag and recognition (yes/no). */
export const CASE_FACETS: FacetDefs<CaseSearchRecord> = {
  country: (r) => [r.country],
  level: (r) => [r.level],
  sector: (r) => r.sectors,
  stage: (r) => [r.stage],
  year: (r) => [String(r.yearLaunched)],
  tag: (r) => r.tags,
  recognised: (r) => [r.recognised ? 'yes' : 'no'],
};
export const CASE_FACET_NAMES = Object.keys(CASE_FACETS) as (keyof typeof CASE_FACETS)[];

export interface PostSearchRecord {
  id: string;
  type: string;
  tags: string[];
  status: string;
  rank: number;
  date: number;
}

/** The post facets: post type and tag. */
export const POST_FACETS: FacetDefs<PostSearchRecord> = {
  type: (r) => [r.type],
  tag: (r) => r.tags,
};

/**
 * The text of one language of an item for its full-text document, by weight: A title,
 * B summary, C tags and organisations (and other names), D body. A field missing in `locale`
 * falls back to the original language so every document carries a title.
 */
export function searchTextsFor(
  item: { title: LocalizedText; summary: LocalizedText; body: LocalizedText; originalLocale: string },
  locale: string,
  names: string[],
): { a: string; b: string; c: string; d: string } {
  const pick = (t: LocalizedText) => t[locale] ?? t[item.originalLocale] ?? Object.values(t)[0] ?? '';
  return { a: pick(item.title), b: pick(item.summary), c: names.join(' '), d: item.body[locale] ?? '' };
}

/** Every language an item is written in (title, summary or body). */
export function languagesOf(item: { title: LocalizedText; summary: LocalizedText; body: LocalizedText }): string[] {
  return [...new Set([...Object.keys(item.title), ...Object.keys(item.summary), ...Object.keys(item.body)])].sort();
}

/**
 * The language a case study or post is shown in and its texts: the one asked for with `?in=`
 * when the item has it, else the reader's when it has a title and body in it, else the original.
 * `fallback` says the reader gets another language than theirs.
 */
export function chooseReadingLanguage(
  item: { title: LocalizedText; summary: LocalizedText; body: LocalizedText; originalLocale: string },
  readerLocale: string,
  asked: string | null,
): { shown: string; languages: string[]; fallback: boolean; title: string; summary: string; body: string } {
  const languages = languagesOf(item).filter((l) => item.title[l] || item.body[l]);
  const shown = asked && languages.includes(asked) ? asked : item.body[readerLocale] && item.title[readerLocale] ? readerLocale : item.originalLocale;
  const text = (v: LocalizedText) => v[shown] ?? v[item.originalLocale] ?? Object.values(v)[0] ?? '';
  return { shown, languages, fallback: shown !== readerLocale, title: text(item.title), summary: text(item.summary), body: text(item.body) };
}

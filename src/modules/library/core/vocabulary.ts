/**
 * The library's controlled vocabularies. Message ids for their labels are
 * `library.level.<v>`, `library.stage.<v>`, `library.sector.<v>`, `library.postType.<v>`,
 * `library.status.<v>`.
 */
export const LEVELS = ['supranational', 'national', 'regional', 'local'] as const;
export type Level = (typeof LEVELS)[number];

/** Stages of an innovation, after the OECD OPSI innovation lifecycle. */
export const STAGES = ['idea', 'pilot', 'implementation', 'evaluation', 'diffusion'] as const;
export type Stage = (typeof STAGES)[number];

/** Policy sectors (a subset of COFOG functions plus cross-cutting public-sector themes). */
export const SECTORS = [
  'general-public-services',
  'public-finance',
  'procurement',
  'digital-government',
  'democracy-participation',
  'justice',
  'public-safety',
  'health',
  'education',
  'social-protection',
  'employment',
  'housing',
  'urban-development',
  'transport',
  'environment',
  'energy',
  'water-sanitation',
  'waste',
  'agriculture',
  'culture',
] as const;
export type Sector = (typeof SECTORS)[number];

export const CASE_STUDY_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

/** Post types, as the OECD Observatory's blog filters them. */
export const POST_TYPES = ['blog', 'news', 'toolkit', 'event_report', 'call'] as const;
export type PostType = (typeof POST_TYPES)[number];

export const POST_STATUSES = ['draft', 'published', 'archived'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** PostgreSQL text-search configuration per content language ('simple' when none exists). */
export const SEARCH_CONFIG: Record<string, string> = {
  en: 'english',
  es: 'spanish',
  fr: 'french',
  pt: 'portuguese',
  de: 'german',
  it: 'italian',
  nl: 'dutch',
  uk: 'simple',
  pl: 'simple',
};

/**
 * The one "contributions" shape (DESIGN.md "Parts that several modules share"): every module
 * with people's texts offers them through its `index.ts` in this shape, and `insights` reads them.
 * Modules page their contributions with a cursor, so an analysis job follows new contributions
 * as they arrive instead of re-reading everything.
 */

/** Where a contribution was made: a point on the map, words (a place name or address), or both. */
export interface ContributionPlace {
  lat?: number;
  lon?: number;
  text?: string;
}

/** One text a person wrote, as every module offers it. */
export interface Contribution {
  /** Stable across reads: the same text always has the same id (e.g. `<response id>:<question id>`). */
  id: string;
  /** The module it comes from (its manifest id). */
  module: string;
  /** What the contribution belongs to (a consultation, a budgeting process, a conversation), for per-project views. */
  project: { kind: string; id: string } | null;
  text: string;
  /** The language it was written in when the module knows it (a locale code), else null. */
  language: string | null;
  /** When it was made (ISO 8601). */
  time: string;
  place: ContributionPlace | null;
  /** The author's answers to demographic questions, where the author gave them: attribute -> value (or values). */
  demographics: Record<string, string | string[]>;
  /** What it is about: themes, categories, the question it answers. */
  tags: string[];
  /** Reactions by kind (agree, disagree, "me too", votes) -> count; empty when the module has none. */
  reactions: Record<string, number>;
}

/**
 * Where a reader stands in a module's contributions: everything up to and including (`since`,
 * `afterId`) has been read. Contributions come in order of time, then id.
 */
export interface ContributionCursor {
  /** ISO 8601 time of the last contribution (or group of contributions) read. */
  since: string;
  /** The id the module ordered by last (with `since`), so equal times are not read twice; without it, reading starts at `since` itself. */
  afterId?: string;
}

/** One page of contributions and the cursor to read the next page from (null when nothing was read yet and nothing came). */
export interface ContributionPage {
  contributions: Contribution[];
  next: ContributionCursor | null;
  /** Whether this page reached the end of what there is now (a job then waits for new contributions). */
  done: boolean;
}

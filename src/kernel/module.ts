import type { Actor, PermissionRule } from './auth.js';
import type { AppError } from './errors.js';

/** A navigation entry contributed by a module; `label` is a message id. */
export interface NavEntry {
  id: string;
  label: string;
  href: string;
  area: 'main' | 'admin';
  /** Shown only to people holding this permission. */
  permission?: string;
  /** A message id describing the entry, shown on the home page. */
  description?: string;
  order?: number;
}

/**
 * Something waiting for staff, shown with its count on the admin home page: `label` is a message
 * id given `{count}` and `values`; the page shows the item only to people holding `permission`.
 */
export interface WaitingItem {
  id: string;
  label: string;
  count: number;
  href: string;
  permission?: string;
  /** Further arguments of the label (a process's or conversation's title). */
  values?: Record<string, string>;
}

/** A page route of a module's UI; `file` is relative to the React app directory (src/web). */
export interface PageRoute {
  path: string;
  file: string;
  id?: string;
}

/**
 * A route that takes larger bodies than a plain form or JSON call: files (`upload`) or whole data
 * files (`import`). Every other route's body is limited to JSON_MAX_BYTES / FORM_MAX_BYTES.
 */
export interface BodyRoute {
  /** The request path, `:name` matching one segment: `/api/v1/library/uploads`, `/library/calls/:slug`. */
  path: string;
  /** `upload`: files of at most UPLOAD_MAX_BYTES each; `import`: one body of at most IMPORT_MAX_BYTES. */
  kind: 'upload' | 'import';
  /** Upload routes: how many files one request may carry (default 1). */
  files?: number;
  /** Import routes whose handler streams a raw (non-form) body itself: counted against the limit, not buffered or checked. */
  streamed?: boolean;
}

/** A published open-data export. */
export interface OpenDataExport {
  id: string;
  /** A message id (or plain text) naming the dataset. */
  title: string;
  href: string;
  format: string;
  licence: string;
}

/**
 * What a module declares about itself (rule 2 of DESIGN.md). The server mounts the explicit
 * array of manifests; nothing is discovered. `TDeps` and `TApi` are the server's types, so the
 * kernel stays free of HTTP and database code.
 */
export interface ModuleManifestOf<TDeps, TApi, TJob> {
  id: string;
  /** Registers JSON routes under /api/v1. */
  api?: (app: TApi) => void;
  /** Registers other routes (feeds, exports, uploads) at the site root. */
  routes?: (app: TApi) => void;
  pages?: PageRoute[];
  /** Routes (API or page) that accept uploads or imports, with their body limits; see BodyRoute. */
  bodyRoutes?: BodyRoute[];
  /**
   * Paths whose errors speak a standard's own error shape (Open311's `[{code, description}]`),
   * also when the error is raised before the module's route runs (the edge's input rule).
   */
  errorShapes?: { prefix: string; present: (error: AppError, path: string) => Response }[];
  nav?: NavEntry[];
  permissions?: Record<string, PermissionRule>;
  jobs?: Record<string, (deps: TDeps, job: TJob) => Promise<void>>;
  /** Fills a site with demo content. */
  seed?: (deps: TDeps, siteId: string) => Promise<void>;
  openData?: OpenDataExport[];
  /** Sitemap URLs (paths) for a site. */
  sitemap?: (deps: TDeps, siteId: string) => Promise<{ path: string; lastmod?: Date }[]>;
  /** A person's data held by this module, for the "download my data" export. */
  exportUserData?: (deps: TDeps, siteId: string, userId: string) => Promise<unknown>;
  /** Removes or anonymises a person's data when they delete their account. */
  deleteUserData?: (deps: TDeps, siteId: string, userId: string) => Promise<void>;
  /**
   * What waits for staff on a site (submissions to review, reports overdue, ...), counted for the
   * admin home page; items with no count may be left out. `actor` lets a module narrow its counts
   * (agency staff see their agencies' reports).
   */
  waiting?: (deps: TDeps, siteId: string, actor: Actor) => Promise<WaitingItem[]>;
  /** UI messages (ICU) per locale. */
  messages?: Record<string, Record<string, string>>;
}

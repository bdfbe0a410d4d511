import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, PermissionRule } from '../kernel/auth.js';
import type { Clock } from '../kernel/clock.js';
import type { Env } from '../kernel/env.js';
import type { Logger } from '../kernel/log.js';
import type { Mailer } from '../kernel/mail.js';
import type { ModuleManifestOf } from '../kernel/module.js';
import type { Site } from '../kernel/site.js';
import type { Db } from './connection.js';
import type { JobRow } from './jobs.js';

/** What every command receives (rule 4 of DESIGN.md): no module-level singletons. */
export interface Deps {
  db: Db;
  clock: Clock;
  /** Queues mail; delivered by the worker through `transport`. */
  mailer: Mailer;
  /** Delivers mail now: SMTP when SMTP_URL is set, else the outbox table. */
  transport: Mailer;
  log: Logger;
  env: Env;
  /** Secret for HMACs (CSRF tokens); at least 32 characters. */
  secret: string;
  /**
   * Per-process memo for derived data (e.g. a catalogue's facet records). Entries must be keyed by
   * a version read from the database, so every process stays correct when another one writes.
   */
  memo: Map<string, unknown>;
  /** Every permission the mounted modules declare; read by `authorize`. */
  permissions: Record<string, PermissionRule>;
  /** The mounted modules, for commands that ask every module (a person's data export and deletion). */
  manifests?: ModuleManifest[];
}

/** Per-request context: which site, who is acting, in which language. */
export interface RequestContext {
  site: Site;
  actor: Actor;
  locale: string;
  sessionId: string | null;
  /** The client's address: the socket's peer, or behind TRUST_PROXY the X-Forwarded-For entry TRUST_PROXY_HOPS from the right. */
  clientIp: string;
  /** Origin of the request (scheme://host[:port]) for links in emails. */
  origin: string;
  /** Token to put in forms and X-CSRF-Token headers. */
  csrfToken: string;
  /** Nonce for the page's scripts (CSP). */
  nonce: string;
}

/** Hono's environment for every route. */
export interface AppEnv {
  Variables: { deps: Deps; ctx: RequestContext; requestId: string };
}

export type ApiApp = OpenAPIHono<AppEnv>;

/** A module's manifest with the server's concrete types. */
export type ModuleManifest = ModuleManifestOf<Deps, ApiApp, JobRow>;

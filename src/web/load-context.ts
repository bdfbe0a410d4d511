import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router';
import type { Deps, ModuleManifest, RequestContext } from '../db/context.js';

/** What every loader and action receives from the Hono server. */
export interface PolityLoadContext {
  deps: Deps;
  ctx: RequestContext;
  manifests: ModuleManifest[];
  /** The OpenAPI 3.1 document of /api/v1, for the reference page. */
  openapi: (origin: string) => unknown;
  /** The islands script's URL (src/web/islands), or null when the build has none. */
  islands?: string | null;
}

/** Arguments of a page loader, with Polity's context typed. */
export type LoaderArgs = LoaderFunctionArgs<PolityLoadContext>;
/** Arguments of a form action, with Polity's context typed. */
export type ActionArgs = ActionFunctionArgs<PolityLoadContext>;

import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { httpUrl, parseInput } from '../../../kernel/validation.js';
import { readCardinalSettings } from '../formats/cardinal-ini.js';
import { schedulePoll } from '../jobs/poll-source.js';
import { deleteSource, findSource, findSourceByName, insertSource, updateSource } from '../store/sources.js';
import type { SourceRow } from '../store/tables.js';

/** A source as an admin writes it. `url` is required for `url` and `prozorro` sources (the ProZorro API root, e.g. https://public-api.prozorro.gov.ua/api/2.5). */
export const sourceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['url', 'prozorro', 'upload']),
    url: httpUrl(2000).nullable().optional(),
    settings: z.string().max(50_000).default(''),
    intervalSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 86_400)
      .default(3600),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'upload' && !v.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: `required for a ${v.kind} source`, params: { reason: 'required' } });
  });

/** The fields of a source an admin may change (the kind stays). */
export const sourcePatchSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  url: httpUrl(2000).nullable().optional(),
  settings: z.string().max(50_000).optional(),
  intervalSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional(),
  enabled: z.boolean().optional(),
});

/** Rejects settings Cardinal's INI reader would refuse, naming the field `settings`. */
function checkSettings(settings: string | undefined): void {
  if (!settings) return;
  try {
    readCardinalSettings(settings);
  } catch (e) {
    const reason = e instanceof AppError ? Object.values(e.fields ?? {}).join('; ') || e.message : (e as Error).message;
    throw invalidInput({ settings: reason }, undefined, { settings: { reason: 'invalid_settings', values: { detail: reason } } });
  }
}

/** A source name another source of the site has already. */
function nameInUse() {
  return invalidInput({ name: 'a source with this name exists already' }, undefined, { name: { reason: 'in_use' } });
}

/** Creates a source; a live one (`url`, `prozorro`) is polled at once and then on its interval. A duplicate name is bad input. */
export async function createSource(deps: Deps, siteId: string, input: unknown): Promise<SourceRow> {
  const v = parseInput(sourceInputSchema, input);
  checkSettings(v.settings);
  const id = newId();
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    if (await findSourceByName(tx, siteId, v.name)) throw nameInUse();
    await insertSource(tx, {
      id,
      siteId,
      name: v.name,
      kind: v.kind,
      url: v.url ?? null,
      settings: v.settings,
      intervalSeconds: v.intervalSeconds,
      enabled: v.enabled,
      state: {},
      createdAt: now,
      updatedAt: now,
    });
  });
  if (v.kind !== 'upload' && v.enabled) await schedulePoll(deps, siteId, id);
  return (await findSource(deps.db, siteId, id))!;
}

/** Changes a source; enabling (or re-pointing) a live source schedules a poll now. */
export async function updateSourceFields(deps: Deps, siteId: string, id: string, input: unknown): Promise<SourceRow> {
  const v = parseInput(sourcePatchSchema, input);
  checkSettings(v.settings);
  const source = await findSource(deps.db, siteId, id);
  if (!source) throw new AppError('not_found', 'No such source.');
  if (source.kind !== 'upload' && v.url === null)
    throw invalidInput({ url: `required for a ${source.kind} source` }, undefined, { url: { reason: 'required' } });
  if (v.name && v.name !== source.name && (await findSourceByName(deps.db, siteId, v.name))) throw nameInUse();
  const now = deps.clock.now();
  const repoint = v.url !== undefined && v.url !== source.url;
  await updateSource(deps.db, siteId, id, {
    ...v,
    // A new URL starts from scratch: its cursor and validators belong to the old one.
    state: repoint ? {} : source.state,
    updatedAt: now,
  });
  const enabled = v.enabled ?? source.enabled;
  if (source.kind !== 'upload' && enabled && (repoint || (v.enabled === true && !source.enabled))) await schedulePoll(deps, siteId, id);
  return (await findSource(deps.db, siteId, id))!;
}

/** Polls a live source now (its queued poll is superseded). */
export async function runSourceNow(deps: Deps, siteId: string, id: string): Promise<string> {
  const source = await findSource(deps.db, siteId, id);
  if (!source) throw new AppError('not_found', 'No such source.');
  if (source.kind === 'upload')
    throw invalidInput({ kind: 'an upload source has nothing to poll' }, undefined, { kind: { reason: 'nothing_to_poll' } });
  if (!source.enabled) throw invalidInput({ enabled: 'the source is disabled' }, undefined, { enabled: { reason: 'source_disabled' } });
  return schedulePoll(deps, siteId, id);
}

/** Deletes a source (its releases stay); its queued poll then does nothing. */
export async function removeSource(deps: Deps, siteId: string, id: string): Promise<void> {
  if (!(await deleteSource(deps.db, siteId, id))) throw new AppError('not_found', 'No such source.');
}

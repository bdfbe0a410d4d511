import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { decodeCursor, encodeCursor, type Page } from '../../../kernel/pagination.js';
import { invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { authorize } from '../../../kernel/policy.js';
import { fieldErrorsOf, fieldReasonsOf } from '../../../kernel/validation.js';
import { sql } from 'drizzle-orm';
import { applyRiskSettingsPatch, DEFAULT_RISK_SETTINGS, resolveRiskSettings, riskSettingsPatch, type RiskSettings } from '../core/risk-settings.js';
import { scheduleRiskRefresh } from '../jobs/risk-refresh.js';
import { getRiskSettingsRow, insertRiskSettingChange, listRiskSettingChanges, saveRiskSettingsRow } from '../store/risk.js';
import type { RiskSettingChangeRow } from '../store/risk-tables.js';

/** Permission to change the site's risk settings: weights, bucket cut-offs, rule thresholds (auditors; admins hold all). */
export const SETTINGS_PERMISSION = 'procurement.risk.settings';

/** The site's risk settings (defaults overlaid with what it stored) and their version (0: never changed). */
export async function getRiskSettings(deps: Deps, siteId: string): Promise<RiskSettings & { version: number }> {
  const row = await getRiskSettingsRow(deps.db, siteId);
  return { ...resolveRiskSettings(row?.settings), version: row?.version ?? 0 };
}

/** Unknown fields anywhere in the input, named by their path (`weights.R999`, `rules.PZ07`). */
function unknownFields(input: unknown, shape: unknown, prefix = ''): Record<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || typeof shape !== 'object' || shape === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!(k in shape)) out[path] = 'unknown field';
    else Object.assign(out, unknownFields(v, (shape as Record<string, unknown>)[k], path));
  }
  return out;
}

/** A copy of `input` without the fields at `paths` (dotted). */
function withoutPaths(input: unknown, paths: string[]): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let node: unknown = copy;
    for (const k of keys.slice(0, -1)) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
    if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[keys[keys.length - 1]];
  }
  return copy;
}

/**
 * Changes some of the site's risk settings. Bad input (unknown field, not a number, out of range,
 * cut-offs out of order) is refused naming each field, and nothing is saved. A real change is
 * stored with a new version, recorded with who made it (field, before, after), and queues a
 * re-assessment of the site's processes (scores and buckets follow the new settings once it runs).
 */
export async function saveRiskSettings(deps: Deps, siteId: string, actor: Actor, input: unknown): Promise<RiskSettings & { version: number }> {
  authorize(deps.permissions, actor, SETTINGS_PERMISSION);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidInput({ body: 'must be a JSON object of settings' });
  const unknown = unknownFields(input, DEFAULT_RISK_SETTINGS);
  if (Object.keys(unknown).length > 0)
    throw invalidInput(unknown, undefined, Object.fromEntries(Object.keys(unknown).map((k) => [k, { reason: 'unknown_field' }])));
  const parsed = riskSettingsPatch.safeParse(input);
  if (!parsed.success) {
    // Name every bad field at once: the order checks too, over the fields that were valid.
    const fields = fieldErrorsOf(parsed.error);
    const reasons = fieldReasonsOf(parsed.error, input);
    const valid = riskSettingsPatch.safeParse(withoutPaths(input, Object.keys(fields)));
    const current = valid.success ? await getRiskSettingsRow(deps.db, siteId) : null;
    const order = valid.success ? applyRiskSettingsPatch(current?.settings, valid.data) : null;
    const refused = order && 'fields' in order ? order : { fields: {}, reasons: {} };
    throw invalidInput({ ...refused.fields, ...fields }, undefined, { ...refused.reasons, ...reasons });
  }
  const patch = parsed.data;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // One writer per site, so two changes cannot both start from the same stored settings.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'procurement-risk-settings:' + siteId}))`);
    const current = await getRiskSettingsRow(tx, siteId);
    const result = applyRiskSettingsPatch(current?.settings, patch);
    if ('fields' in result) throw invalidInput(result.fields, undefined, result.reasons);
    if (result.changes.length === 0) return { ...result.settings, version: current?.version ?? 0 };
    const actorId = actor.kind === 'user' ? actor.userId : null;
    const version = await saveRiskSettingsRow(tx, siteId, result.stored, actorId, now);
    await insertRiskSettingChange(tx, {
      id: newId(),
      siteId,
      actorId,
      actorName: actor.kind === 'user' ? actor.name : null,
      changes: result.changes,
      createdAt: now,
    });
    await scheduleRiskRefresh(tx, deps.clock, siteId);
    return { ...result.settings, version };
  });
}

/** The audit of the site's settings changes, newest first, paged (`cursor` from the previous page). */
export async function getRiskSettingChanges(
  deps: Deps,
  siteId: string,
  actor: Actor,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<RiskSettingChangeRow>> {
  authorize(deps.permissions, actor, SETTINGS_PERMISSION);
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 100));
  let before: { createdAt: Date; id: string } | undefined;
  if (opts.cursor) {
    const [at, id] = decodeCursor(opts.cursor, 2);
    const createdAt = new Date(String(at));
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw invalidInput({ cursor: 'not a cursor issued by this API' });
    before = { createdAt, id };
  }
  const rows = await listRiskSettingChanges(deps.db, siteId, { before, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

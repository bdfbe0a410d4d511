import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { AppError, invalidInput, notFound } from '../../../kernel/errors.js';
import { newId, isUuid } from '../../../kernel/ids.js';
import { authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { findUserById } from '../../accounts/index.js';
import { getRiskAssessment, getTriage, insertTriageEvent, saveTriage } from '../store/risk.js';
import type { RiskTriageEventRow, RiskTriageRow } from '../store/risk-tables.js';

/** The permission every triage action needs (auditors; admins hold all). */
export const TRIAGE_PERMISSION = 'procurement.risk.triage';

function auditorOf(deps: Deps, actor: Actor): { userId: string; name: string } {
  authorize(deps.permissions, actor, TRIAGE_PERMISSION);
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: actor.userId, name: actor.name };
}

async function requireProcess(deps: Deps, siteId: string, ocid: string): Promise<void> {
  if (!(await getRiskAssessment(deps.db, siteId, ocid))) throw notFound('Contracting process');
}

type TriageEventKind = RiskTriageEventRow['kind'];

/**
 * The one way a triage step is written: in one transaction, reads the process's triage row, lets
 * `step` refuse (by throwing) or build the new row from it, saves the row and appends the event
 * (kind, the acting auditor, the assignee of the new row, outcome and note when the step has them).
 */
async function writeTriageStep(
  deps: Deps,
  siteId: string,
  ocid: string,
  me: { userId: string; name: string },
  kind: TriageEventKind,
  step: (current: RiskTriageRow | null, now: Date) => RiskTriageRow,
): Promise<RiskTriageRow> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const row = step(await getTriage(tx, siteId, ocid), now);
    await saveTriage(tx, row);
    await insertTriageEvent(tx, {
      id: newId(),
      siteId,
      ocid,
      kind,
      actorId: me.userId,
      actorName: me.name,
      assigneeId: row.assigneeId,
      outcome: kind === 'outcome' || kind === 'published' ? row.outcome : null,
      note: kind === 'outcome' ? row.note : null,
      createdAt: now,
    });
    return row;
  });
}

function refuseClosed(current: RiskTriageRow | null): void {
  if (current?.status === 'closed')
    throw new AppError('invalid_state', 'This process already has an outcome.', { reason: { reason: 'already_closed' } });
}

/** A triage row of an open process (no outcome), from what it was. */
function openRow(
  siteId: string,
  ocid: string,
  current: RiskTriageRow | null,
  now: Date,
  set: Pick<RiskTriageRow, 'status' | 'assigneeId' | 'assigneeName' | 'monitoringStartedAt'>,
): RiskTriageRow {
  return {
    siteId,
    ocid,
    ...set,
    outcome: null,
    note: current?.note ?? null,
    outcomeFlags: null,
    closedAt: null,
    publishedAt: null,
    publishedBy: null,
    updatedAt: now,
  };
}

const assignInput = z.object({ assigneeId: z.string().refine(isUuid, 'must be a user id').optional() }).strict();

/**
 * Assigns a process to an auditor (the actor when `assigneeId` is omitted). Allowed while the
 * process is not closed; reassigning a monitored process keeps it in monitoring.
 */
export async function assignProcess(deps: Deps, siteId: string, actor: Actor, ocid: string, input: unknown): Promise<RiskTriageRow> {
  const me = auditorOf(deps, actor);
  const { assigneeId } = parseInput(assignInput, input ?? {});
  await requireProcess(deps, siteId, ocid);
  let assignee = { id: me.userId, name: me.name };
  if (assigneeId && assigneeId !== me.userId) {
    const user = await findUserById(deps.db, siteId, assigneeId);
    if (!user) throw invalidInput({ assigneeId: 'no such person on this site' }, undefined, { assigneeId: { reason: 'unknown_person' } });
    assignee = { id: user.id, name: user.name };
  }
  return writeTriageStep(deps, siteId, ocid, me, 'assigned', (current, now) => {
    refuseClosed(current);
    return openRow(siteId, ocid, current, now, {
      status: current?.status ?? 'assigned',
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      monitoringStartedAt: current?.monitoringStartedAt ?? null,
    });
  });
}

/** Starts monitoring an assigned process (assigning it to the actor first when nobody has it). */
export async function startMonitoring(deps: Deps, siteId: string, actor: Actor, ocid: string): Promise<RiskTriageRow> {
  const me = auditorOf(deps, actor);
  await requireProcess(deps, siteId, ocid);
  return writeTriageStep(deps, siteId, ocid, me, 'monitoring_started', (current, now) => {
    refuseClosed(current);
    if (current?.status === 'monitoring')
      throw new AppError('invalid_state', 'Monitoring has already started.', { reason: { reason: 'already_monitoring' } });
    return openRow(siteId, ocid, current, now, {
      status: 'monitoring',
      assigneeId: current?.assigneeId ?? me.userId,
      assigneeName: current?.assigneeName ?? me.name,
      monitoringStartedAt: now,
    });
  });
}

/** Input of `recordOutcome`: whether a violation was found and a note (required, up to 4000 characters). */
export const outcomeInput = z
  .object({
    outcome: z.enum(['violation', 'no_violation'], { message: 'must be violation or no_violation' }),
    note: z.string({ message: 'is required' }).trim().min(1, 'is required').max(4000, 'must be at most 4000 characters'),
  })
  .strict();

/**
 * Records a monitoring's outcome and closes the process. Keeps the indicators flagging the process
 * now, so the precision report reads what was flagged when the auditor decided.
 */
export async function recordOutcome(deps: Deps, siteId: string, actor: Actor, ocid: string, input: unknown): Promise<RiskTriageRow> {
  const me = auditorOf(deps, actor);
  const { outcome, note } = parseInput(outcomeInput, input);
  const assessment = await getRiskAssessment(deps.db, siteId, ocid);
  if (!assessment) throw notFound('Contracting process');
  return writeTriageStep(deps, siteId, ocid, me, 'outcome', (current, now) => {
    refuseClosed(current);
    if (current?.status !== 'monitoring') throw new AppError('invalid_state', 'Start monitoring first.', { reason: { reason: 'not_monitoring' } });
    return { ...current, status: 'closed', outcome, note, outcomeFlags: Object.keys(assessment.flags).sort(), closedAt: now, updatedAt: now };
  });
}

/**
 * Makes a recorded outcome public (auditors): from then on anyone sees, on the process's page, in
 * the process list and through the API, that it was audited, the outcome and its note. Until then
 * the audit work stays with the auditors. Refused before an outcome and when already published.
 */
export async function publishOutcome(deps: Deps, siteId: string, actor: Actor, ocid: string): Promise<RiskTriageRow> {
  const me = auditorOf(deps, actor);
  await requireProcess(deps, siteId, ocid);
  return writeTriageStep(deps, siteId, ocid, me, 'published', (current, now) => {
    if (current?.status !== 'closed' || !current.outcome)
      throw new AppError('invalid_state', 'Record an outcome before publishing it.', { reason: { reason: 'no_outcome' } });
    if (current.publishedAt) throw new AppError('invalid_state', 'This outcome is already published.', { reason: { reason: 'already_published' } });
    return { ...current, publishedAt: now, publishedBy: me.userId, updatedAt: now };
  });
}

import { z } from 'zod';
import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import type { Actor } from '../../../kernel/auth.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId, isUuid } from '../../../kernel/ids.js';
import { authorize } from '../../../kernel/policy.js';
import { parseInput } from '../../../kernel/validation.js';
import { findUserById } from '../../accounts/index.js';
import { getRiskAssessment, getTriage, insertTriageEvent, saveTriage } from '../store/risk.js';
import type { RiskTriageRow } from '../store/risk-tables.js';

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
    if (!user) throw new AppError('invalid_input', 'No such person on this site.', { fields: { assigneeId: 'no such person on this site' } });
    assignee = { id: user.id, name: user.name };
  }
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const current = await getTriage(tx, siteId, ocid);
    if (current?.status === 'closed') throw new AppError('invalid_state', 'This process already has an outcome.');
    const row: RiskTriageRow = {
      siteId,
      ocid,
      status: current?.status ?? 'assigned',
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      outcome: null,
      note: current?.note ?? null,
      outcomeFlags: null,
      monitoringStartedAt: current?.monitoringStartedAt ?? null,
      closedAt: null,
      updatedAt: now,
    };
    await saveTriage(tx, row);
    await insertTriageEvent(tx, {
      id: newId(),
      siteId,
      ocid,
      kind: 'assigned',
      actorId: me.userId,
      actorName: me.name,
      assigneeId: assignee.id,
      outcome: null,
      note: null,
      createdAt: now,
    });
    return row;
  });
}

/** Starts monitoring an assigned process (assigning it to the actor first when nobody has it). */
export async function startMonitoring(deps: Deps, siteId: string, actor: Actor, ocid: string): Promise<RiskTriageRow> {
  const me = auditorOf(deps, actor);
  await requireProcess(deps, siteId, ocid);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const current = await getTriage(tx, siteId, ocid);
    if (current?.status === 'closed') throw new AppError('invalid_state', 'This process already has an outcome.');
    if (current?.status === 'monitoring') throw new AppError('invalid_state', 'Monitoring has already started.');
    const row: RiskTriageRow = {
      siteId,
      ocid,
      status: 'monitoring',
      assigneeId: current?.assigneeId ?? me.userId,
      assigneeName: current?.assigneeName ?? me.name,
      outcome: null,
      note: current?.note ?? null,
      outcomeFlags: null,
      monitoringStartedAt: now,
      closedAt: null,
      updatedAt: now,
    };
    await saveTriage(tx, row);
    await insertTriageEvent(tx, {
      id: newId(),
      siteId,
      ocid,
      kind: 'monitoring_started',
      actorId: me.userId,
      actorName: me.name,
      assigneeId: row.assigneeId,
      outcome: null,
      note: null,
      createdAt: now,
    });
    return row;
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
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const current = await getTriage(tx, siteId, ocid);
    if (current?.status !== 'monitoring')
      throw new AppError('invalid_state', current?.status === 'closed' ? 'This process already has an outcome.' : 'Start monitoring first.');
    const row: RiskTriageRow = {
      ...current,
      status: 'closed',
      outcome,
      note,
      outcomeFlags: Object.keys(assessment.flags).sort(),
      closedAt: now,
      updatedAt: now,
    };
    await saveTriage(tx, row);
    await insertTriageEvent(tx, {
      id: newId(),
      siteId,
      ocid,
      kind: 'outcome',
      actorId: me.userId,
      actorName: me.name,
      assigneeId: current.assigneeId,
      outcome,
      note,
      createdAt: now,
    });
    return row;
  });
}

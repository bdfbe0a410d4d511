import type { Deps, RequestContext } from '../../../db/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { findEvent } from '../store/events.js';
import type { ConsultationRow, EventRow } from '../store/tables.js';

/** A consultation people may see: any but drafts, which only its editors see. */
export async function visibleConsultation(deps: Deps, ctx: RequestContext, slug: string): Promise<ConsultationRow> {
  const consultation = await findConsultationBySlug(deps.db, ctx.site.id, slug);
  if (!consultation || (consultation.status === 'draft' && !isAllowed(deps.permissions, ctx.actor, 'consultations.manage')))
    throw notFound('Consultation');
  return consultation;
}

/** Whether the actor registered this event (its organiser). */
export function isOrganiserOf(ctx: RequestContext, event: EventRow): boolean {
  return ctx.actor.kind === 'user' && event.createdBy === ctx.actor.userId;
}

/**
 * An event the actor may read: an approved one, or any for its organiser and the consultation's
 * editors. Others get a 404, as if it did not exist.
 */
export async function readableEvent(deps: Deps, ctx: RequestContext, consultation: ConsultationRow, id: string): Promise<EventRow> {
  const event = isUuid(id) ? await findEvent(deps.db, ctx.site.id, consultation.id, id) : null;
  if (!event) throw notFound('Event');
  if (event.status !== 'approved' && !isOrganiserOf(ctx, event) && !isAllowed(deps.permissions, ctx.actor, 'consultations.manage'))
    throw notFound('Event');
  return event;
}

/** An event the actor may change: its organiser's (visitors are asked to sign in, others refused). */
export async function editableEvent(deps: Deps, ctx: RequestContext, consultation: ConsultationRow, id: string): Promise<EventRow> {
  const event = await readableEvent(deps, ctx, consultation, id);
  authorize(deps.permissions, ctx.actor, 'consultations.event.edit', { ownerId: event.createdBy ?? undefined });
  return event;
}

/** The signed-in person registering an event; visitors are asked to sign in. */
export function organiserOf(deps: Deps, ctx: RequestContext): { userId: string } {
  authorize(deps.permissions, ctx.actor, 'consultations.event.propose');
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: ctx.actor.userId };
}

/** The editor deciding on events. */
export function editorOf(deps: Deps, ctx: RequestContext): { userId: string } {
  authorize(deps.permissions, ctx.actor, 'consultations.manage');
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: ctx.actor.userId };
}

import { and, asc, count, desc, eq, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import { consultationEvents, type EventRow, type EventStatus } from './tables.js';

/** Inserts a new event. */
export async function insertEvent(db: Db, row: typeof consultationEvents.$inferInsert): Promise<EventRow> {
  const [inserted] = await db.insert(consultationEvents).values(row).returning();
  return inserted;
}

/** Changes an event's columns; returns the updated row (null when there is no such event). */
export async function updateEvent(
  db: Db,
  siteId: string,
  id: string,
  changes: Partial<Omit<typeof consultationEvents.$inferInsert, 'id' | 'siteId' | 'consultationId'>>,
): Promise<EventRow | null> {
  const [row] = await db
    .update(consultationEvents)
    .set(changes)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.id, id)))
    .returning();
  return row ?? null;
}

/** An event of a consultation by its id. */
export async function findEvent(db: Db, siteId: string, consultationId: string, id: string): Promise<EventRow | null> {
  const [row] = await db
    .select()
    .from(consultationEvents)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.consultationId, consultationId), eq(consultationEvents.id, id)))
    .limit(1);
  return row ?? null;
}

/** Most events one list returns: a consultation holds hundreds of events, not tens of thousands. */
export const EVENT_LIST_MAX = 2000;

/**
 * A consultation's events, soonest first: those of a status and country when given, and only
 * those created by `createdBy` when given (an organiser's own).
 */
export async function listEvents(
  db: Db,
  siteId: string,
  consultationId: string,
  opts: { status?: EventStatus; country?: string; createdBy?: string } = {},
): Promise<EventRow[]> {
  const where: SQL[] = [eq(consultationEvents.siteId, siteId), eq(consultationEvents.consultationId, consultationId)];
  if (opts.status) where.push(eq(consultationEvents.status, opts.status));
  if (opts.country) where.push(eq(consultationEvents.country, opts.country));
  if (opts.createdBy) where.push(eq(consultationEvents.createdBy, opts.createdBy));
  return db
    .select()
    .from(consultationEvents)
    .where(and(...where))
    .orderBy(asc(consultationEvents.startsAt), asc(consultationEvents.id))
    .limit(EVENT_LIST_MAX);
}

/** The countries of a consultation's events of a status, with how many events each has, most first. */
export async function countEventsByCountry(
  db: Db,
  siteId: string,
  consultationId: string,
  status: EventStatus,
): Promise<{ country: string; events: number }[]> {
  const rows = await db
    .select({ country: consultationEvents.country, events: count() })
    .from(consultationEvents)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.consultationId, consultationId), eq(consultationEvents.status, status)))
    .groupBy(consultationEvents.country)
    .orderBy(desc(count()), asc(consultationEvents.country));
  return rows.map((r) => ({ country: r.country, events: Number(r.events) }));
}

/** How many events of the site's consultations wait for an editor's decision. */
export async function countProposedEvents(db: Db, siteId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(consultationEvents)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.status, 'proposed')));
  return Number(row?.n ?? 0);
}

/**
 * Unlinks a person from the events they registered or decided (account deletion): approved events
 * stay public without their organiser's account; those never made public are deleted.
 */
export async function forgetEventPerson(db: Db, siteId: string, userId: string): Promise<void> {
  await db
    .delete(consultationEvents)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.createdBy, userId), ne(consultationEvents.status, 'approved')));
  await db
    .update(consultationEvents)
    .set({ createdBy: null })
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.createdBy, userId)));
  await db
    .update(consultationEvents)
    .set({ decidedBy: null })
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.decidedBy, userId)));
}

/** Every event a person registered, on every consultation of the site. */
export async function listEventsCreatedBy(db: Db, siteId: string, userId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(consultationEvents)
    .where(and(eq(consultationEvents.siteId, siteId), eq(consultationEvents.createdBy, userId)))
    .orderBy(asc(consultationEvents.createdAt));
}

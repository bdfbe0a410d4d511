import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection.js';
import {
  budgetingBallots,
  budgetingCategories,
  budgetingDistricts,
  budgetingProcesses,
  budgetingProjectHistory,
  budgetingProjectImages,
  budgetingProjects,
  budgetingResults,
  type BallotRow,
  type CategoryRow,
  type DistrictRow,
  type HistoryRow,
  type ProcessRow,
  type ProjectImageRow,
  type ProjectRow,
  type ResultRow,
} from './tables.js';

/** Every process of a site, newest first. */
export function listProcesses(db: Db, siteId: string): Promise<ProcessRow[]> {
  return db.select().from(budgetingProcesses).where(eq(budgetingProcesses.siteId, siteId)).orderBy(desc(budgetingProcesses.createdAt));
}

/** A process by its slug. */
export async function findProcessBySlug(db: Db, siteId: string, slug: string): Promise<ProcessRow | null> {
  const [row] = await db
    .select()
    .from(budgetingProcesses)
    .where(and(eq(budgetingProcesses.siteId, siteId), eq(budgetingProcesses.slug, slug)));
  return row ?? null;
}

/** A process's districts, the city-wide pot last. */
export function listDistricts(db: Db, siteId: string, processId: string): Promise<DistrictRow[]> {
  return db
    .select()
    .from(budgetingDistricts)
    .where(and(eq(budgetingDistricts.siteId, siteId), eq(budgetingDistricts.processId, processId)))
    .orderBy(asc(budgetingDistricts.cityWide), asc(budgetingDistricts.name));
}

/** A process's categories by name. */
export function listCategories(db: Db, siteId: string, processId: string): Promise<CategoryRow[]> {
  return db
    .select()
    .from(budgetingCategories)
    .where(and(eq(budgetingCategories.siteId, siteId), eq(budgetingCategories.processId, processId)))
    .orderBy(asc(budgetingCategories.name));
}

/** A process's projects (optionally of one district), by code. */
export function listProjects(db: Db, siteId: string, processId: string, districtId?: string): Promise<ProjectRow[]> {
  const conds = [eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.processId, processId)];
  if (districtId) conds.push(eq(budgetingProjects.districtId, districtId));
  return db
    .select()
    .from(budgetingProjects)
    .where(and(...conds))
    .orderBy(asc(budgetingProjects.createdAt), asc(budgetingProjects.code));
}

/** A project by its code within a process. */
export async function findProject(db: Db, siteId: string, processId: string, code: string): Promise<ProjectRow | null> {
  const [row] = await db
    .select()
    .from(budgetingProjects)
    .where(and(eq(budgetingProjects.siteId, siteId), eq(budgetingProjects.processId, processId), eq(budgetingProjects.code, code)));
  return row ?? null;
}

/** A project's history, oldest first. */
export function listHistory(db: Db, siteId: string, projectId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(budgetingProjectHistory)
    .where(and(eq(budgetingProjectHistory.siteId, siteId), eq(budgetingProjectHistory.projectId, projectId)))
    .orderBy(asc(budgetingProjectHistory.seq));
}

/** The ballots of one voter (both pots) in a process. */
export function listBallotsOf(db: Db, siteId: string, processId: string, voterKey: string): Promise<BallotRow[]> {
  return db
    .select()
    .from(budgetingBallots)
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.processId, processId), eq(budgetingBallots.voterKey, voterKey)));
}

/** Counted ballots of one district or pot, oldest first (the order of a Pabulib VOTES section). */
export function listCountedBallots(db: Db, siteId: string, processId: string, districtId: string): Promise<BallotRow[]> {
  return db
    .select()
    .from(budgetingBallots)
    .where(
      and(
        eq(budgetingBallots.siteId, siteId),
        eq(budgetingBallots.processId, processId),
        eq(budgetingBallots.districtId, districtId),
        eq(budgetingBallots.status, 'counted'),
      ),
    )
    .orderBy(asc(budgetingBallots.createdAt), asc(budgetingBallots.id));
}

/** Paper ballots waiting for a second person's check. */
export function listPendingPaperBallots(db: Db, siteId: string, processId: string): Promise<BallotRow[]> {
  return db
    .select()
    .from(budgetingBallots)
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.processId, processId), eq(budgetingBallots.status, 'pending')))
    .orderBy(asc(budgetingBallots.createdAt));
}

/** A ballot by id within a process. */
export async function findBallot(db: Db, siteId: string, processId: string, id: string): Promise<BallotRow | null> {
  const [row] = await db
    .select()
    .from(budgetingBallots)
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.processId, processId), eq(budgetingBallots.id, id)));
  return row ?? null;
}

/** Counted ballots by district and channel. */
export async function countTurnout(db: Db, siteId: string, processId: string): Promise<{ districtId: string; channel: string; ballots: number }[]> {
  const rows = await db
    .select({ districtId: budgetingBallots.districtId, channel: budgetingBallots.channel, ballots: count() })
    .from(budgetingBallots)
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.processId, processId), eq(budgetingBallots.status, 'counted')))
    .groupBy(budgetingBallots.districtId, budgetingBallots.channel);
  return rows.map((r) => ({ ...r, ballots: Number(r.ballots) }));
}

/** Stored results of a process. */
export function listResults(db: Db, siteId: string, processId: string): Promise<ResultRow[]> {
  return db
    .select()
    .from(budgetingResults)
    .where(and(eq(budgetingResults.siteId, siteId), eq(budgetingResults.processId, processId)));
}

/** Projects by id (for presenting ballots). */
export function listProjectsByIds(db: Db, siteId: string, ids: string[]): Promise<ProjectRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(budgetingProjects)
    .where(and(eq(budgetingProjects.siteId, siteId), inArray(budgetingProjects.id, ids)));
}

/** A project's images, oldest first. */
export async function listProjectImages(db: Db, siteId: string, projectId: string): Promise<ProjectImageRow[]> {
  return db
    .select()
    .from(budgetingProjectImages)
    .where(and(eq(budgetingProjectImages.siteId, siteId), eq(budgetingProjectImages.projectId, projectId)))
    .orderBy(asc(budgetingProjectImages.createdAt), asc(budgetingProjectImages.id));
}

/** The first image of each of `projectIds` (by the order they were added), for ballots and lists. */
export async function listFirstImages(db: Db, siteId: string, projectIds: string[]): Promise<Map<string, ProjectImageRow>> {
  const first = new Map<string, ProjectImageRow>();
  if (projectIds.length === 0) return first;
  const rows = await db
    .select()
    .from(budgetingProjectImages)
    .where(and(eq(budgetingProjectImages.siteId, siteId), inArray(budgetingProjectImages.projectId, projectIds)))
    .orderBy(asc(budgetingProjectImages.createdAt), asc(budgetingProjectImages.id));
  for (const r of rows) if (!first.has(r.projectId)) first.set(r.projectId, r);
  return first;
}

/** Processes of the site with paper ballots waiting for a second person's check, and how many each. */
export function countPendingPaperBallots(db: Db, siteId: string): Promise<{ slug: string; title: string; count: number }[]> {
  return db
    .select({ slug: budgetingProcesses.slug, title: budgetingProcesses.title, count: count() })
    .from(budgetingBallots)
    .innerJoin(budgetingProcesses, eq(budgetingProcesses.id, budgetingBallots.processId))
    .where(and(eq(budgetingBallots.siteId, siteId), eq(budgetingBallots.channel, 'paper'), eq(budgetingBallots.status, 'pending')))
    .groupBy(budgetingProcesses.slug, budgetingProcesses.title)
    .orderBy(asc(budgetingProcesses.title));
}

import { createHmac } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { hitRateLimit } from '../../../db/rate-limit.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { readCsvTable } from '../../../kernel/csv.js';
import { listDistricts } from '../store/queries.js';
import { budgetingBallots, budgetingCensus, budgetingResidences, type DistrictRow, type ProcessRow, type ResidenceRow } from '../store/tables.js';

/**
 * An identifier as the census compares it: Unicode-normalised (NFKC), upper-case, without spaces,
 * dots and hyphens, so "12.345.678-k" and "12345678K" are the same person.
 */
export function normalizeCensusId(id: string): string {
  return id
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.-]/g, '');
}

/**
 * The keyed hash kept for a census identifier: HMAC-SHA-256 with the deployment's secret over the
 * site, the process and the normalised identifier, so the same person's hash differs from one
 * process (and site) to the next and a leaked table does not give identifiers back.
 */
export function hashCensusId(secret: string, siteId: string, processId: string, id: string): string {
  return createHmac('sha256', secret)
    .update(`census:${siteId}:${processId}:${normalizeCensusId(id)}`)
    .digest('hex');
}

/** What a census import did: rows read, entries added, duplicates skipped, and the bad rows by line. */
export interface CensusReport {
  rowsRead: number;
  imported: number;
  duplicates: { line: number; reason: 'in_file' | 'already_listed' }[];
  /** Rows not imported: `reason` is a stable code (`unreadable`, `no_identifier`, `too_long`, `no_district`, `unknown_district`), `value` the cell at fault. */
  badRows: { line: number; reason: BadCensusRow; value?: string }[];
}

/** Why a census row was not imported. */
export type BadCensusRow = 'unreadable' | 'no_identifier' | 'too_long' | 'no_district' | 'unknown_district';

/**
 * Imports a census CSV for a process: the identifier column (`idColumn`, default `id`) and, when
 * `districtColumn` names one, the district each person lives in (by slug or name). Only a keyed
 * hash of each identifier is stored. Rows already listed and repeated rows are reported as
 * duplicates; rows without an identifier or with an unknown district are reported with their line.
 * The good rows are added even when some are bad: the report says which were not.
 */
export async function importCensus(
  deps: Deps,
  siteId: string,
  process: ProcessRow,
  raw: { csv?: unknown; idColumn?: unknown; districtColumn?: unknown },
): Promise<CensusReport> {
  if (typeof raw.csv !== 'string' || raw.csv.trim() === '')
    throw invalidInput({ csv: 'a CSV file with a header line and one person per line' }, undefined, { csv: { reason: 'budgeting_census_empty' } });
  const idColumn = (typeof raw.idColumn === 'string' && raw.idColumn.trim() ? raw.idColumn : 'id').trim().toLowerCase();
  const districtColumn = typeof raw.districtColumn === 'string' && raw.districtColumn.trim() ? raw.districtColumn.trim().toLowerCase() : null;
  const file = readCsvTable(raw.csv);
  const noColumn = (field: 'idColumn' | 'districtColumn', column: string) =>
    invalidInput({ [field]: `the file has no column "${column}" (its columns: ${file.columns.join(', ') || 'none'})` }, undefined, {
      [field]: { reason: 'budgeting_census_no_column', values: { column, columns: file.columns.join(', ') || '—' } },
    });
  if (!file.columns.includes(idColumn)) throw noColumn('idColumn', idColumn);
  if (districtColumn && !file.columns.includes(districtColumn)) throw noColumn('districtColumn', districtColumn);
  const districts = (await listDistricts(deps.db, siteId, process.id)).filter((d) => !d.cityWide);
  const districtOf = (v: string): DistrictRow | undefined =>
    districts.find((d) => d.slug === v.toLowerCase() || d.name.toLowerCase() === v.toLowerCase());
  const report: CensusReport = {
    rowsRead: file.rows.length + file.unreadable.length,
    imported: 0,
    duplicates: [],
    badRows: file.unreadable.map((u) => ({ line: u.line, reason: 'unreadable' as const })),
  };
  const wanted = new Map<string, { line: number; districtId: string | null }>();
  for (const row of file.rows) {
    const id = normalizeCensusId(row.cells[idColumn] ?? '');
    if (id === '') {
      report.badRows.push({ line: row.line, reason: 'no_identifier' });
      continue;
    }
    if (id.length > 128) {
      report.badRows.push({ line: row.line, reason: 'too_long' });
      continue;
    }
    let districtId: string | null = null;
    if (districtColumn) {
      const value = row.cells[districtColumn] ?? '';
      const district = value ? districtOf(value) : undefined;
      if (!district) {
        report.badRows.push(
          value ? { line: row.line, reason: 'unknown_district', value: value.slice(0, 60) } : { line: row.line, reason: 'no_district' },
        );
        continue;
      }
      districtId = district.id;
    }
    const hash = hashCensusId(deps.secret, siteId, process.id, id);
    if (wanted.has(hash)) {
      report.duplicates.push({ line: row.line, reason: 'in_file' });
      continue;
    }
    wanted.set(hash, { line: row.line, districtId });
  }
  const now = deps.clock.now();
  const entries = [...wanted.entries()];
  await inTransaction(deps.db, async (tx) => {
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500);
      const inserted = await tx
        .insert(budgetingCensus)
        .values(chunk.map(([idHash, e]) => ({ id: newId(), siteId, processId: process.id, idHash, districtId: e.districtId, createdAt: now })))
        .onConflictDoNothing()
        .returning({ idHash: budgetingCensus.idHash });
      report.imported += inserted.length;
      const added = new Set(inserted.map((r) => r.idHash));
      for (const [hash, e] of chunk) if (!added.has(hash)) report.duplicates.push({ line: e.line, reason: 'already_listed' });
    }
  });
  report.badRows.sort((a, b) => a.line - b.line);
  report.duplicates.sort((a, b) => a.line - b.line);
  return report;
}

/** How many people the census of a process lists, and how many of them have proved it with an account. */
export async function countCensus(deps: Deps, siteId: string, processId: string): Promise<{ listed: number; claimed: number }> {
  const rows = await deps.db
    .select({ userId: budgetingCensus.userId })
    .from(budgetingCensus)
    .where(and(eq(budgetingCensus.siteId, siteId), eq(budgetingCensus.processId, processId)));
  return { listed: rows.length, claimed: rows.filter((r) => r.userId !== null).length };
}

/** Where a signed-in resident stands for a process's eligibility rule. */
export interface Eligibility {
  rule: ProcessRow['eligibility'];
  /** Whether the person may cast a ballot now. */
  eligible: boolean;
  /** On the census (rule `census`): the person proved an identifier on the list. */
  onCensus: boolean;
  /** The district the person lives in (declared, or from the census), if known. */
  residence: { districtId: string; source: ResidenceRow['source'] } | null;
}

/** A signed-in person's eligibility in a process (see `Eligibility`). */
export async function readEligibility(deps: Deps, siteId: string, process: ProcessRow, userId: string): Promise<Eligibility> {
  const [residence] = await deps.db
    .select()
    .from(budgetingResidences)
    .where(and(eq(budgetingResidences.siteId, siteId), eq(budgetingResidences.processId, process.id), eq(budgetingResidences.userId, userId)));
  const [census] =
    process.eligibility === 'census'
      ? await deps.db
          .select({ id: budgetingCensus.id })
          .from(budgetingCensus)
          .where(and(eq(budgetingCensus.siteId, siteId), eq(budgetingCensus.processId, process.id), eq(budgetingCensus.userId, userId)))
      : [];
  const onCensus = Boolean(census);
  const eligible = process.eligibility === 'open' || (process.eligibility === 'residence' ? Boolean(residence) : onCensus);
  return {
    rule: process.eligibility,
    eligible,
    onCensus,
    residence: residence ? { districtId: residence.districtId, source: residence.source } : null,
  };
}

/**
 * Refuses a signed-in resident's ballot that the process's eligibility rule does not allow: not yet
 * declared a district of residence, not on the census, or a district ballot outside the district
 * the person lives in (the city-wide pot is open to every eligible resident).
 */
export async function checkEligibility(deps: Deps, siteId: string, process: ProcessRow, userId: string, district: DistrictRow): Promise<void> {
  if (process.eligibility === 'open') return;
  const e = await readEligibility(deps, siteId, process, userId);
  if (!e.eligible)
    throw process.eligibility === 'residence'
      ? new AppError('forbidden', 'Declare the district you live in before voting.', {
          fields: { residence: 'declare the district you live in' },
          reasons: { residence: { reason: 'budgeting_declare_residence' } },
          reason: { reason: 'budgeting_declare_residence' },
        })
      : new AppError('forbidden', 'Only people on the list of eligible voters may vote: prove your identifier first.', {
          fields: { identifier: 'prove that you are on the list of eligible voters' },
          reasons: { identifier: { reason: 'budgeting_prove_census' } },
          reason: { reason: 'budgeting_prove_census' },
        });
  if (!district.cityWide && e.residence && e.residence.districtId !== district.id)
    throw new AppError('forbidden', 'You may vote only in the district you live in.', {
      fields: { district: 'you may vote only in the district you live in' },
      reasons: { district: { reason: 'budgeting_own_district_only' } },
      reason: { reason: 'budgeting_own_district_only' },
    });
}

async function hasDistrictBallot(tx: Deps['db'], siteId: string, processId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ pot: budgetingBallots.pot })
    .from(budgetingBallots)
    .where(
      and(
        eq(budgetingBallots.siteId, siteId),
        eq(budgetingBallots.processId, processId),
        eq(budgetingBallots.userId, userId),
        isNotNull(budgetingBallots.userId),
      ),
    );
  return rows.some((r) => r.pot === 'district');
}

async function writeResidence(
  tx: Deps['db'],
  now: Date,
  siteId: string,
  processId: string,
  userId: string,
  districtId: string,
  source: ResidenceRow['source'],
): Promise<void> {
  await tx
    .insert(budgetingResidences)
    .values({ id: newId(), siteId, processId, userId, districtId, source, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [budgetingResidences.siteId, budgetingResidences.processId, budgetingResidences.userId],
      set: { districtId, source, updatedAt: now },
    });
}

/**
 * A resident declares the district they live in (rule `residence`). It can change until the person
 * casts a district ballot; a district given by the census is not theirs to change.
 */
export async function declareResidence(deps: Deps, siteId: string, process: ProcessRow, userId: string, raw: unknown): Promise<Eligibility> {
  const slug = typeof raw === 'string' ? raw : '';
  const district = (await listDistricts(deps.db, siteId, process.id)).find((d) => d.slug === slug && !d.cityWide);
  if (!district)
    throw invalidInput({ residence: slug ? `no district "${slug.slice(0, 60)}" in this process` : 'choose the district you live in' }, undefined, {
      residence: { reason: slug ? 'invalid_choice' : 'required' },
    });
  await inTransaction(deps.db, async (tx) => {
    const current = await readEligibility({ ...deps, db: tx }, siteId, process, userId);
    if (current.residence?.districtId === district.id) return;
    if (current.residence?.source === 'census')
      throw new AppError('conflict', 'The list of eligible voters gives your district.', {
        fields: { residence: 'given by the list of eligible voters' },
        reasons: { residence: { reason: 'budgeting_residence_from_census' } },
        reason: { reason: 'budgeting_residence_from_census' },
      });
    if (current.residence && (await hasDistrictBallot(tx, siteId, process.id, userId)))
      throw new AppError('conflict', 'You already voted in the district you declared.', {
        fields: { residence: 'you already voted there' },
        reasons: { residence: { reason: 'budgeting_residence_voted' } },
        reason: { reason: 'budgeting_residence_voted' },
      });
    await writeResidence(tx, deps.clock.now(), siteId, process.id, userId, district.id, 'declared');
  });
  return readEligibility(deps, siteId, process, userId);
}

/** Tries per account and hour at proving a census identifier (stops guessing identifiers of others). */
const CENSUS_TRIES = { limit: 10, windowMs: 60 * 60 * 1000 };

/**
 * A signed-in resident proves they are on the census (rule `census`) by typing their identifier:
 * its keyed hash must be listed and not already claimed by another account. The entry then belongs
 * to the account, and its district (if the census gives one) becomes the person's residence.
 */
export async function verifyCensus(deps: Deps, siteId: string, process: ProcessRow, userId: string, raw: unknown): Promise<Eligibility> {
  if (process.eligibility !== 'census')
    throw new AppError('invalid_state', 'This process has no list of eligible voters.', { reason: { reason: 'budgeting_no_census' } });
  const id = typeof raw === 'string' ? normalizeCensusId(raw) : '';
  if (id === '' || id.length > 128)
    throw invalidInput({ identifier: 'your identifier as the city gave it' }, undefined, {
      identifier: id === '' ? { reason: 'required' } : { reason: 'too_long', values: { max: 128 } },
    });
  const hit = await hitRateLimit(
    deps.db,
    deps.clock,
    `budgeting.census:${siteId}:${process.id}:${userId}`,
    CENSUS_TRIES.limit,
    CENSUS_TRIES.windowMs,
  );
  if (!hit.allowed)
    throw new AppError('rate_limited', `Too many tries. Please wait ${hit.retryAfterSeconds} seconds and try again.`, {
      fields: { identifier: 'too many tries; wait and try again' },
      reasons: { identifier: { reason: 'too_many_tries', values: { seconds: hit.retryAfterSeconds } } },
      reason: { reason: 'too_many_tries', values: { seconds: hit.retryAfterSeconds } },
      details: { retryAfterSeconds: hit.retryAfterSeconds },
    });
  const hash = hashCensusId(deps.secret, siteId, process.id, id);
  await inTransaction(deps.db, async (tx) => {
    const [entry] = await tx
      .select()
      .from(budgetingCensus)
      .where(and(eq(budgetingCensus.siteId, siteId), eq(budgetingCensus.processId, process.id), eq(budgetingCensus.idHash, hash)));
    if (!entry)
      throw new AppError('invalid_input', 'This identifier is not on the list of eligible voters.', {
        fields: { identifier: 'not on the list of eligible voters' },
        reasons: { identifier: { reason: 'budgeting_not_on_census' } },
        reason: { reason: 'budgeting_not_on_census' },
      });
    if (entry.userId && entry.userId !== userId)
      throw new AppError('conflict', 'This identifier is already linked to another account.', {
        fields: { identifier: 'linked to another account' },
        reasons: { identifier: { reason: 'budgeting_census_other_account' } },
        reason: { reason: 'budgeting_census_other_account' },
      });
    const [mine] = await tx
      .select({ id: budgetingCensus.id })
      .from(budgetingCensus)
      .where(and(eq(budgetingCensus.siteId, siteId), eq(budgetingCensus.processId, process.id), eq(budgetingCensus.userId, userId)));
    if (mine && mine.id !== entry.id)
      throw new AppError('conflict', 'Your account is already linked to another identifier on the list.', {
        fields: { identifier: 'your account already has another identifier' },
        reasons: { identifier: { reason: 'budgeting_census_account_has_other' } },
        reason: { reason: 'budgeting_census_account_has_other' },
      });
    const now = deps.clock.now();
    if (!entry.userId) {
      const claimed = await tx
        .update(budgetingCensus)
        .set({ userId, claimedAt: now })
        .where(and(eq(budgetingCensus.siteId, siteId), eq(budgetingCensus.id, entry.id), isNull(budgetingCensus.userId)))
        .returning({ id: budgetingCensus.id });
      if (claimed.length === 0)
        throw new AppError('conflict', 'This identifier is already linked to another account.', {
          fields: { identifier: 'linked to another account' },
          reasons: { identifier: { reason: 'budgeting_census_other_account' } },
          reason: { reason: 'budgeting_census_other_account' },
        });
    }
    if (entry.districtId) await writeResidence(tx, now, siteId, process.id, userId, entry.districtId, 'census');
  });
  return readEligibility(deps, siteId, process, userId);
}

import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/connection.js';
import { consultationResponses } from './tables.js';

/** A counted response as results and exports read it. */
export interface CountedResponse {
  id: string;
  version: number;
  channel: string;
  locale: string;
  answers: Record<string, unknown>;
  submittedAt: Date | null;
}

/** The condition of a consultation's submitted responses (those results, exports and contributions count). */
export function submittedResponsesOf(siteId: string, consultationId: string) {
  return and(
    eq(consultationResponses.siteId, siteId),
    eq(consultationResponses.consultationId, consultationId),
    eq(consultationResponses.status, 'submitted'),
  );
}

/**
 * Every submitted response of a consultation, oldest first. With `questions`, each response's
 * answers hold only those questions (the database picks them out, so a cross-tab of 100,000
 * responses reads a few values per response, not every answer).
 */
export async function listCountedResponses(
  db: Db,
  siteId: string,
  consultationId: string,
  opts: { questions?: string[] } = {},
): Promise<CountedResponse[]> {
  const picked = opts.questions ? [...new Set(opts.questions)] : null;
  const answers = picked
    ? picked.length === 0
      ? sql<Record<string, unknown>>`'{}'::jsonb`
      : sql<Record<string, unknown>>`jsonb_strip_nulls(jsonb_build_object(${sql.join(
          picked.map((q) => sql`${q}::text, ${consultationResponses.answers} -> ${q}::text`),
          sql`, `,
        )}))`
    : consultationResponses.answers;
  return db
    .select({
      id: consultationResponses.id,
      version: consultationResponses.version,
      channel: consultationResponses.channel,
      locale: consultationResponses.locale,
      answers,
      submittedAt: consultationResponses.submittedAt,
    })
    .from(consultationResponses)
    .where(submittedResponsesOf(siteId, consultationId))
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id));
}

/** A submitted response as a data file reads it: `submittedAt` as `Date.toISOString()` writes it. */
export interface ResponseRow {
  id: string;
  version: number;
  channel: string;
  locale: string;
  answers: Record<string, unknown>;
  submittedAt: string | null;
}

/**
 * Submitted responses in pages of `size`, oldest first (by submission time, then id, responses
 * without a time last), so an export streams however many there are. Keyset pagination on the
 * database's own time value (microseconds, which a JavaScript Date would round away); the next
 * page is asked for while the caller works on this one. The time comes formatted by the database
 * (ISO 8601 in UTC, milliseconds cut as a Date cuts them).
 */
export async function* pageResponseRows(db: Db, siteId: string, consultationId: string, size = 1000): AsyncGenerator<ResponseRow[]> {
  const t = consultationResponses;
  type Raw = { id: string; version: number; channel: string; locale: string; answers: unknown; at: string | null; iso: string | null };
  const read = async (after: { at: string | null; id: string } | null, timed: boolean): Promise<Raw[]> => {
    const keyset = !after
      ? timed
        ? sql`${t.submittedAt} is not null`
        : sql`${t.submittedAt} is null`
      : after.at !== null
        ? sql`${t.submittedAt} >= ${after.at}::timestamptz and (${t.submittedAt} > ${after.at}::timestamptz or ${t.id} > ${after.id}::uuid)`
        : sql`${t.submittedAt} is null and ${t.id} > ${after.id}::uuid`;
    const result = await db.execute(
      sql`select ${t.id} as id, ${t.version} as version, ${t.channel} as channel, ${t.locale} as locale, ${t.answers} as answers,
            ${t.submittedAt}::text as at,
            case when ${t.submittedAt} >= '0001-01-01T00:00:00Z' and ${t.submittedAt} < '10000-01-01T00:00:00Z'
              then to_char(${t.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end as iso
          from ${t}
          where ${t.siteId} = ${siteId} and ${t.consultationId} = ${consultationId} and ${t.status} = 'submitted' and ${keyset}
          order by ${t.submittedAt}, ${t.id}
          limit ${size}`,
    );
    return rowsOf<Raw>(result);
  };
  // Timed responses first, then those without a time (where `order by` puts them).
  let timed = true;
  let pending: Promise<Raw[]> | null = read(null, true);
  try {
    while (pending) {
      const rows: Raw[] = await pending;
      pending = null;
      const last = rows[rows.length - 1];
      if (rows.length === size) pending = read({ at: last.at, id: last.id }, timed);
      else if (timed) {
        timed = false;
        pending = read(null, false);
      }
      if (rows.length)
        yield rows.map((r) => ({
          id: r.id,
          version: Number(r.version),
          channel: r.channel,
          locale: r.locale,
          answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, unknown>,
          // Beyond years 1–9999 the database's format differs from a Date's: read it as drizzle did.
          submittedAt: r.iso ?? (r.at === null ? null : new Date(r.at).toISOString()),
        }));
    }
  } finally {
    // A consumer that stops early leaves a page in flight: let it settle quietly.
    if (pending) await pending.catch(() => undefined);
  }
}

/** Identical answers to some questions, and how many submitted responses gave them. */
export interface AnswerGroup {
  /** The answers to the questions asked for (unanswered ones left out). */
  answers: Record<string, unknown>;
  count: number;
  /** The channel the responses came by, when grouped by it. */
  channel?: string;
}

/**
 * The submitted responses grouped by their answers to `questions`: each distinct combination
 * with how many responses gave it. The database does the counting, so a cross-tab of 100,000
 * responses reads a few hundred groups. With `inSubmissionOrder`, also grouped by channel and
 * ordered by each group's first response (by submission time, then id, as exports list them).
 */
export async function countAnswerGroups(
  db: Db,
  siteId: string,
  consultationId: string,
  questions: string[],
  opts: { inSubmissionOrder?: boolean } = {},
): Promise<AnswerGroup[]> {
  const t = consultationResponses;
  const picked = [...new Set(questions)];
  const ordered = Boolean(opts.inSubmissionOrder);
  const columns = [
    ...picked.map((q, i) => sql`${t.answers} -> ${q}::text as ${sql.raw(`a${i}`)}`),
    ...(ordered ? [sql`${t.channel} as channel`, sql`row_number() over (order by ${t.submittedAt}, ${t.id}) as rn`] : []),
  ];
  const keys = [...picked.map((_, i) => sql.raw(`a${i}`)), ...(ordered ? [sql.raw('channel')] : [])];
  // Grouped outside a subquery (`offset 0` keeps it one): the planner then expects few groups and
  // hashes them, instead of sorting every response by its answers (which spills to disk).
  const result = await db.execute(
    sql`select ${keys.length ? sql.join(keys, sql`, `) : sql`1 as one`}, count(*)::int as n
        from (select ${columns.length ? sql.join(columns, sql`, `) : sql`1 as one`}
              from ${t}
              where ${t.siteId} = ${siteId} and ${t.consultationId} = ${consultationId} and ${t.status} = 'submitted'
              offset 0) s
        ${keys.length ? sql`group by ${sql.join(keys, sql`, `)}` : sql`having count(*) > 0`}
        ${ordered ? sql`order by min(rn)` : sql``}`,
  );
  const rows = rowsOf<Record<string, unknown>>(result);
  return rows.map((r) => {
    const answers: Record<string, unknown> = {};
    picked.forEach((q, i) => {
      const v = r[`a${i}`];
      // Both drivers hand jsonb back parsed.
      if (v !== null && v !== undefined) answers[q] = v;
    });
    return ordered ? { answers, count: Number(r.n), channel: String(r.channel) } : { answers, count: Number(r.n) };
  });
}

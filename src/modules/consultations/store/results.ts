import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
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
    .where(
      and(
        eq(consultationResponses.siteId, siteId),
        eq(consultationResponses.consultationId, consultationId),
        eq(consultationResponses.status, 'submitted'),
      ),
    )
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id));
}

/**
 * Submitted responses in pages of `size`, oldest first (keyset pagination on submission time and
 * id), so an export streams however many there are.
 */
export async function* pageCountedResponses(db: Db, siteId: string, consultationId: string, size = 2000): AsyncGenerator<CountedResponse[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const base = and(
      eq(consultationResponses.siteId, siteId),
      eq(consultationResponses.consultationId, consultationId),
      eq(consultationResponses.status, 'submitted'),
    );
    const rows: CountedResponse[] = await db
      .select({
        id: consultationResponses.id,
        version: consultationResponses.version,
        channel: consultationResponses.channel,
        locale: consultationResponses.locale,
        answers: consultationResponses.answers,
        submittedAt: consultationResponses.submittedAt,
      })
      .from(consultationResponses)
      .where(
        after
          ? and(
              base,
              or(
                gt(consultationResponses.submittedAt, after.at),
                and(eq(consultationResponses.submittedAt, after.at), gt(consultationResponses.id, after.id)),
              ),
            )
          : base,
      )
      .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id))
      .limit(size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { at: last.submittedAt as Date, id: last.id };
  }
}

/**
 * The submitted responses grouped by their answers to `questions`: each distinct combination
 * with how many responses gave it. The database does the counting, so a cross-tab of 100,000
 * responses reads a few hundred groups.
 */
export async function countAnswerGroups(
  db: Db,
  siteId: string,
  consultationId: string,
  questions: string[],
): Promise<{ answers: Record<string, unknown>; count: number }[]> {
  const picked = [...new Set(questions)];
  const columns = picked.map((q, i) => sql`${consultationResponses.answers} -> ${q}::text as ${sql.raw(`a${i}`)}`);
  const result = await db.execute(
    sql`select ${sql.join(columns, sql`, `)}, count(*)::int as n
        from ${consultationResponses}
        where ${consultationResponses.siteId} = ${siteId} and ${consultationResponses.consultationId} = ${consultationId}
          and ${consultationResponses.status} = 'submitted'
        group by ${sql.join(
          picked.map((_, i) => sql.raw(String(i + 1))),
          sql`, `,
        )}`,
  );
  const rows = rowsOf<Record<string, unknown>>(result);
  return rows.map((r) => {
    const answers: Record<string, unknown> = {};
    picked.forEach((q, i) => {
      const v = r[`a${i}`];
      // Both drivers hand jsonb back parsed.
      if (v !== null && v !== undefined) answers[q] = v;
    });
    return { answers, count: Number(r.n) };
  });
}

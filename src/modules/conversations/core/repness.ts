import { isSignificant90, testProportion, testTwoProportions } from '../../../math/statistics.js';

/** Vote counts on one statement within one set of participants. */
export interface VoteCounts {
  /** Agrees. */
  na: number;
  /** Disagrees. */
  nd: number;
  /** Votes seen (agrees, disagrees and passes). */
  ns: number;
}

/** Pol.is's per-statement statistics for a set of participants (repness.clj `comment-stats-graphimpl`). */
export interface StatementStats extends VoteCounts {
  pa: number;
  pd: number;
  pat: number;
  pdt: number;
}

/** Statistics of a statement in one group compared with all the other groups together. */
export interface GroupStatementStats extends StatementStats {
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

/** A representative statement of a group, as Pol.is finalises it (repness.clj `finalize-cmt-stats`). */
export interface RepresentativeStatement {
  statement: number;
  direction: 'agree' | 'disagree';
  /** Agrees (or disagrees) in the group. */
  nSuccess: number;
  nTrials: number;
  /** pa or pd. */
  p: number;
  /** pat or pdt. */
  pTest: number;
  /** ra or rd. */
  repness: number;
  /** rat or rdt. */
  repnessTest: number;
  /** True for the statement put first as the group's best agreed statement. */
  bestAgree: boolean;
}

/**
 * pa = (na + 1) / (ns + 2), pd likewise; pat, pdt = Pol.is's one-proportion test
 * (compdemocracy/polis math/src/polismath/math/repness.clj `comment-stats-graphimpl`; stats.clj `prop-test`).
 */
export function computeStatementStats(c: VoteCounts): StatementStats {
  return {
    ...c,
    pa: (c.na + 1) / (c.ns + 2),
    pd: (c.nd + 1) / (c.ns + 2),
    pat: testProportion(c.na, c.ns),
    pdt: testProportion(c.nd, c.ns),
  };
}

/**
 * Compares each group with the rest (all other groups together): ra = pa / ((1 + na_rest) / (2 +
 * ns_rest)), rd likewise, rat and rdt the two-proportion tests (repness.clj `add-comparitive-stats`).
 * `groups[g]` holds the counts of group g on one statement.
 */
export function computeGroupStatementStats(groups: readonly VoteCounts[]): GroupStatementStats[] {
  const total = groups.reduce((t, g) => ({ na: t.na + g.na, nd: t.nd + g.nd, ns: t.ns + g.ns }), { na: 0, nd: 0, ns: 0 });
  return groups.map((g) => {
    const rest = { na: total.na - g.na, nd: total.nd - g.nd, ns: total.ns - g.ns };
    const s = computeStatementStats(g);
    return {
      ...s,
      ra: s.pa / ((1 + rest.na) / (2 + rest.ns)),
      rd: s.pd / ((1 + rest.nd) / (2 + rest.ns)),
      rat: testTwoProportions(g.na, rest.na, g.ns, rest.ns),
      rdt: testTwoProportions(g.nd, rest.nd, g.ns, rest.ns),
    };
  });
}

/** Significant at 90% one-sided on the agree pair or on the disagree pair (repness.clj `passes-by-test?`). */
export function passesRepnessTest(s: GroupStatementStats): boolean {
  return (isSignificant90(s.rat) && isSignificant90(s.pat)) || (isSignificant90(s.rdt) && isSignificant90(s.pdt));
}

/** Agree when rat > rdt, else disagree, with that direction's figures (repness.clj `finalize-cmt-stats`). */
export function finalizeRepness(statement: number, s: GroupStatementStats, bestAgree = false): RepresentativeStatement {
  const agree = s.rat > s.rdt;
  return agree
    ? { statement, direction: 'agree', nSuccess: s.na, nTrials: s.ns, p: s.pa, pTest: s.pat, repness: s.ra, repnessTest: s.rat, bestAgree }
    : { statement, direction: 'disagree', nSuccess: s.nd, nTrials: s.ns, p: s.pd, pTest: s.pdt, repness: s.rd, repnessTest: s.rdt, bestAgree };
}

/** repness × repness-test × p × p-test (repness.clj `repness-metric`). */
export function computeRepnessMetric(r: RepresentativeStatement): number {
  return r.repness * r.repnessTest * r.p * r.pTest;
}

function beatsBestAgree(s: GroupStatementStats, best: GroupStatementStats | null): boolean {
  // repness.clj `beats-best-agr?`
  if (s.na === 0 && s.nd === 0) return false;
  if (best && best.ra > 1.0) return s.ra * s.rat * s.pa * s.pat > best.ra * best.rat * best.pa * best.pat;
  if (best) return s.pa * s.pat > best.pa * best.pat;
  return isSignificant90(s.pat) || (s.ra > 1.0 && s.pa > 0.5);
}

/**
 * Representative statements of one group (repness.clj `select-rep-comments`): statements passing
 * the tests, ranked by `computeRepnessMetric`, the best agreed statement put first, cut to 5, then
 * agrees before disagrees. A group with nothing significant gets its best agreed statement, or else
 * its statement with the highest max(rat, rdt). `stats[i]` belongs to `statementIds[i]`; excluded
 * (moderated-out, meta) statements must be left out by the caller.
 */
export function selectRepresentativeStatements(statementIds: readonly number[], stats: readonly GroupStatementStats[]): RepresentativeStatement[] {
  const sufficient: RepresentativeStatement[] = [];
  let best: RepresentativeStatement | null = null;
  let bestAgree: { id: number; s: GroupStatementStats } | null = null;
  statementIds.forEach((id, i) => {
    const s = stats[i];
    if (passesRepnessTest(s)) sufficient.push(finalizeRepness(id, s));
    if (sufficient.length === 0 && (best === null || Math.max(s.rat, s.rdt) > best.repnessTest)) best = finalizeRepness(id, s);
    if (beatsBestAgree(s, bestAgree?.s ?? null)) bestAgree = { id, s };
  });
  const head = bestAgree as { id: number; s: GroupStatementStats } | null;
  const agreeHead = head ? finalizeRepness(head.id, head.s, true) : null;
  if (sufficient.length === 0) return agreeHead ? [agreeHead] : best ? [best] : [];
  const ranked = sufficient
    .filter((r) => r.statement !== head?.id)
    .map((r, order) => ({ r, order, metric: computeRepnessMetric(r) }))
    .sort((a, b) => b.metric - a.metric || a.order - b.order)
    .map((x) => x.r);
  const top = [...(agreeHead ? [agreeHead] : []), ...ranked].slice(0, 5);
  return [...top.filter((r) => r.direction === 'agree'), ...top.filter((r) => r.direction === 'disagree')];
}

/** A consensus statement (repness.clj `select-consensus-comments`, `format-stat`). */
export interface ConsensusStatement {
  statement: number;
  nSuccess: number;
  nTrials: number;
  p: number;
  pTest: number;
}

/**
 * Consensus over all participants (repness.clj `select-consensus-comments`): up to 5 agreed
 * statements with pa > 0.5 and pat significant at 90%, ranked by pa × pat; the same for disagree
 * with pd and pdt. Excluded statements must be left out by the caller.
 */
export function selectConsensusStatements(
  statementIds: readonly number[],
  stats: readonly StatementStats[],
): { agree: ConsensusStatement[]; disagree: ConsensusStatement[] } {
  const top = (agree: boolean): ConsensusStatement[] =>
    statementIds
      .map((id, i) => ({ id, s: stats[i], order: i }))
      .filter(({ s }) => (agree ? s.pa > 0.5 && isSignificant90(s.pat) : s.pd > 0.5 && isSignificant90(s.pdt)))
      .map((x) => ({ ...x, metric: agree ? x.s.pa * x.s.pat : x.s.pd * x.s.pdt }))
      .sort((a, b) => b.metric - a.metric || a.order - b.order)
      .slice(0, 5)
      .map(({ id, s }) =>
        agree
          ? { statement: id, nSuccess: s.na, nTrials: s.ns, p: s.pa, pTest: s.pat }
          : { statement: id, nSuccess: s.nd, nTrials: s.ns, p: s.pd, pTest: s.pdt },
      );
  return { agree: top(true), disagree: top(false) };
}

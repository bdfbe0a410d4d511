/**
 * Near-duplicate statements: a new statement is compared with the conversation's earlier ones by
 * the cosine similarity of their character-trigram counts, after folding case, accents,
 * punctuation and spacing. Trigram similarity catches re-worded copies ("Bike lanes should be
 * wider" / "bike-lanes should be WIDER!") and small edits; it does not catch paraphrases with
 * other words, which moderators still see. 0.8 flags copies with one or two words changed in a
 * Pol.is-length statement (tested).
 */

/** Similarity at or above which a statement is flagged as a near-duplicate. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** Lower-case letters and digits of `text` with single spaces, accents removed. */
export function normalizeStatement(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Counts of the character trigrams of ` text ` (normalized); short texts still get trigrams. */
export function trigramsOf(text: string): Map<string, number> {
  const padded = ` ${normalizeStatement(text)} `;
  const chars = [...padded];
  const out = new Map<string, number>();
  for (let i = 0; i + 3 <= chars.length; i++) {
    const g = chars[i] + chars[i + 1] + chars[i + 2];
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Cosine similarity of two trigram count vectors, in [0, 1]. */
export function trigramSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, n] of a) {
    na += n * n;
    const m = b.get(g);
    if (m) dot += n * m;
  }
  for (const n of b.values()) nb += n * n;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The most similar earlier statement at or above `threshold`, or null. */
export function findNearDuplicate(
  text: string,
  earlier: readonly { id: number; body: string }[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): { id: number; similarity: number } | null {
  const mine = trigramsOf(text);
  let best: { id: number; similarity: number } | null = null;
  for (const s of earlier) {
    const similarity = trigramSimilarity(mine, trigramsOf(s.body));
    if (similarity >= threshold && (!best || similarity > best.similarity)) best = { id: s.id, similarity };
  }
  return best;
}

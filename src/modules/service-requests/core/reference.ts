/**
 * The short reference of a report that people read, say on the phone and type: the first eight
 * characters of its id, in capitals ("94B1929A"). With random v4 ids, two reports of a site share
 * one only after tens of thousands of reports, so it identifies a report to a person, while links
 * and the API keep the full id.
 */
export function shortReference(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

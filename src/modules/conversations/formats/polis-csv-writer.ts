/**
 * Writes a conversation in Pol.is's open-data format (github.com/compdemocracy/openData):
 * `comments.csv`, `votes.csv`, `participants-votes.csv` (with `group-id`) and `summary.csv`, with
 * the columns and value conventions of Pol.is's published exports, so that `readPolisFolder` reads
 * an export back to the same statements, votes and participants.
 *
 * Sign convention: votes arrive in the internal coding (agree = -1, disagree = +1, pass = 0,
 * polismath/utils.clj) and are written in the export's (agree = 1, disagree = -1), the inverse of
 * the reader's conversion. Pure: returns the files' text; writing them to disk is the caller's job.
 */
import type { Vote } from '../core/types.js';
import type { PolisParticipant, PolisStatement } from './polis-csv.js';

/**
 * Which optional columns to write. Pol.is's exports differ by version: older ones have a `datetime`
 * column in `comments.csv` and no `is-meta`, `is-seed`, `group-informed-consensus`; newer ones the
 * reverse; some have an `xid` column in `participants-votes.csv`.
 */
export interface PolisLayout {
  /** `comments.csv` has `datetime` after `timestamp`. */
  commentsDatetime: boolean;
  /** `comments.csv` has `is-meta`, `is-seed` and `group-informed-consensus`. */
  commentsExtras: boolean;
  /** `participants-votes.csv` has `xid` after `participant`. */
  xid: boolean;
}

/** The layout of the current Pol.is export (as in the shared `bg2050-volunteers`). */
export const CURRENT_POLIS_LAYOUT: PolisLayout = { commentsDatetime: false, commentsExtras: true, xid: true };

/** What `writePolisExport` writes. */
export interface PolisExportInput {
  /** In the order to write them. */
  statements: readonly PolisStatement[];
  /** In the internal sign convention, in the order to write them (re-votes included). */
  votes: readonly Vote[];
  /** Opinion group of each clustered participant (absent: not clustered, empty `group-id`). */
  groups: ReadonlyMap<number, number>;
  /** External ids by participant, for the `xid` column. */
  xids?: ReadonlyMap<number, string>;
  /** `group-informed-consensus` by statement id; a statement absent here keeps its published value. */
  groupInformedConsensus?: ReadonlyMap<number, number>;
  /** `topic`, `url`, `views`, `conversation-description` of `summary.csv` (empty when absent). */
  summary?: Readonly<Record<string, string>> | null;
  layout?: PolisLayout;
  /**
   * Order of the rows of `participants-votes.csv`: the voters listed here first, in this order, then
   * the other voters by id (default: all by id). Pol.is's own exports list clustered participants first.
   */
  participantOrder?: readonly number[];
}

/** The text of the four files, by file name. */
export interface PolisExportFiles {
  'comments.csv': string;
  'votes.csv': string;
  'participants-votes.csv': string;
  'summary.csv': string;
}

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A timestamp as Pol.is's `datetime` column writes it (Java's `Date.toString`), in UTC. */
export function polisDatetime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Each participant's standing vote per statement: a later vote (by time, then by order) replaces an earlier one. */
function standingVotes(votes: readonly Vote[]): Map<number, Map<number, Vote>> {
  const byParticipant = new Map<number, Map<number, Vote>>();
  for (const v of votes) {
    let row = byParticipant.get(v.participantId);
    if (!row) byParticipant.set(v.participantId, (row = new Map()));
    const old = row.get(v.statementId);
    if (!old || v.at >= old.at) row.set(v.statementId, v);
  }
  return byParticipant;
}

/** Internal sign (agree = -1) to the export's (agree = 1). */
function exportSign(value: number): string {
  return String(value === 0 ? 0 : -value);
}

/** Writes a conversation as Pol.is's four open-data files. */
export function writePolisExport(input: PolisExportInput): PolisExportFiles {
  const layout = input.layout ?? CURRENT_POLIS_LAYOUT;
  const standing = standingVotes(input.votes);
  const agrees = new Map<number, number>();
  const disagrees = new Map<number, number>();
  for (const row of standing.values())
    for (const v of row.values()) {
      if (v.value === -1) agrees.set(v.statementId, (agrees.get(v.statementId) ?? 0) + 1);
      else if (v.value === 1) disagrees.set(v.statementId, (disagrees.get(v.statementId) ?? 0) + 1);
    }

  const commentsHeader = [
    'timestamp',
    ...(layout.commentsDatetime ? ['datetime'] : []),
    'comment-id',
    'author-id',
    'agrees',
    'disagrees',
    'moderated',
    ...(layout.commentsExtras ? ['is-meta', 'is-seed', 'group-informed-consensus'] : []),
    'comment-body',
  ];
  const comments = input.statements.map((s) => {
    const gic = input.groupInformedConsensus?.get(s.id) ?? s.publishedGroupInformedConsensus;
    return [
      s.createdAt === null ? '' : String(s.createdAt),
      ...(layout.commentsDatetime ? [s.createdAt === null ? '' : polisDatetime(s.createdAt)] : []),
      String(s.id),
      s.authorId === null ? '' : String(s.authorId),
      String(agrees.get(s.id) ?? 0),
      String(disagrees.get(s.id) ?? 0),
      String(s.moderation),
      ...(layout.commentsExtras ? [String(s.isMeta), String(s.isSeed), gic === null ? '' : String(gic)] : []),
      s.body,
    ];
  });

  const votes = input.votes.map((v) => [String(v.at), polisDatetime(v.at), String(v.statementId), String(v.participantId), exportSign(v.value)]);

  // participants-votes.csv: a row per voter (by id), a column per statement that has votes (by id).
  const voted = new Set(input.votes.map((v) => v.statementId));
  const columns = input.statements
    .map((s) => s.id)
    .filter((id) => voted.has(id))
    .sort((a, b) => a - b);
  const authored = new Map<number, number>();
  for (const s of input.statements) if (s.authorId !== null) authored.set(s.authorId, (authored.get(s.authorId) ?? 0) + 1);
  const listedSet = new Set<number>();
  const listed: number[] = [];
  for (const p of input.participantOrder ?? [])
    if (standing.has(p) && !listedSet.has(p)) {
      listedSet.add(p);
      listed.push(p);
    }
  const voters = [...listed, ...[...standing.keys()].filter((p) => !listedSet.has(p)).sort((a, b) => a - b)];
  const participantsHeader = [
    'participant',
    ...(layout.xid ? ['xid'] : []),
    'group-id',
    'n-comments',
    'n-votes',
    'n-agree',
    'n-disagree',
    ...columns.map(String),
  ];
  const participantRows = voters.map((p) => {
    const row = standing.get(p)!;
    let nAgree = 0;
    let nDisagree = 0;
    for (const v of row.values()) {
      if (v.value === -1) nAgree++;
      else if (v.value === 1) nDisagree++;
    }
    const group = input.groups.get(p);
    return [
      String(p),
      ...(layout.xid ? [input.xids?.get(p) ?? ''] : []),
      group === undefined ? '' : String(group),
      String(authored.get(p) ?? 0),
      String(row.size),
      String(nAgree),
      String(nDisagree),
      ...columns.map((c) => {
        const v = row.get(c);
        return v ? exportSign(v.value) : '';
      }),
    ];
  });

  const given = input.summary ?? {};
  const groupCount = new Set(input.groups.values()).size;
  const summary: [string, string][] = [
    ['topic', given.topic ?? ''],
    ['url', given.url ?? ''],
    ['views', given.views ?? ''],
    ['voters', String(voters.length)],
    ['voters-in-conv', String(voters.length)],
    ['commenters', String(new Set(input.statements.map((s) => s.authorId).filter((a) => a !== null)).size)],
    ['comments', String(columns.length)],
    ['groups', String(groupCount)],
    ['conversation-description', given['conversation-description'] ?? ''],
  ];

  return {
    'comments.csv': csvText([commentsHeader, ...comments]),
    'votes.csv': csvText([['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'], ...votes]),
    'participants-votes.csv': csvText([participantsHeader, ...participantRows]),
    'summary.csv': csvText(summary),
  };
}

/** The layout of an export from its `comments.csv` and `participants-votes.csv` headers. */
export function polisLayoutOf(commentsHeader: readonly string[], participantsHeader: readonly string[]): PolisLayout {
  return {
    commentsDatetime: commentsHeader.includes('datetime'),
    commentsExtras: commentsHeader.includes('group-informed-consensus'),
    xid: participantsHeader.includes('xid'),
  };
}

/** Participants' groups and xids as `writePolisExport` takes them, from a read export's participants. */
export function participantMaps(participants: readonly PolisParticipant[] | null): { groups: Map<number, number>; xids: Map<number, string> } {
  const groups = new Map<number, number>();
  const xids = new Map<number, string>();
  for (const p of participants ?? []) {
    if (p.groupId !== null) groups.set(p.id, p.groupId);
    if (p.xid !== null) xids.set(p.id, p.xid);
  }
  return { groups, xids };
}

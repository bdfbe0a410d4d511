import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileFile } from './compile-command.js';
import { compileReleases } from './core/merge.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/polity.js', import.meta.url));
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ocds = path.join(root, 'ocds');
const missing = `OCDS data not found at ${ocds}: set POLITY_DATASETS to the shared data folder (holding ocds/)`;

/** Every record in the real data sets that carries the publisher's own compiledRelease. */
function recordFiles(): string[] {
  if (!existsSync(ocds)) return ['(data missing: set POLITY_DATASETS)'];
  return ['ukraine-prozorro-2016-2017', 'moldova-mtender'].flatMap((set) =>
    readdirSync(path.join(ocds, set, 'records'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `${set}/records/${f}`),
  );
}

describe('OCDS 1.1 merge', () => {
  it('merges objects in arrays by id, replaces whole lists, removes nulls, and lets the latest date win', () => {
    const compiled = compileReleases([
      {
        ocid: 'o',
        id: '2',
        date: '2020-02-01',
        tag: ['award'],
        tender: { status: 'complete', title: null },
        awards: [{ id: 'a', status: 'active' }],
        parties: [{ id: 'p', roles: ['supplier'], additionalIdentifiers: [{ id: 'y' }] }],
      },
      {
        ocid: 'o',
        id: '1',
        date: '2020-01-01',
        tag: ['tender'],
        tender: { status: 'active', title: 'T', value: { amount: 1 } },
        awards: [
          { id: 'b', status: 'pending' },
          { id: 'a', status: 'pending', value: { amount: 5 } },
        ],
        parties: [{ id: 'p', roles: ['tenderer'], name: 'P', additionalIdentifiers: [{ id: 'x' }, { id: 'z' }] }],
      },
    ]);
    expect(compiled).toEqual({
      tag: ['compiled'],
      ocid: 'o',
      id: 'o-2020-02-01',
      date: '2020-02-01',
      tender: { status: 'complete', value: { amount: 1 } },
      awards: [
        { id: 'b', status: 'pending' },
        { id: 'a', status: 'active', value: { amount: 5 } },
      ],
      parties: [{ id: 'p', roles: ['supplier'], name: 'P', additionalIdentifiers: [{ id: 'y' }] }],
    });
  });

  it('changes nothing when a release is merged again', () => {
    const release = { ocid: 'o', id: '1', date: '2020-01-01', tag: ['tender'], awards: [{ id: 'a', items: [{ id: 1 }] }] };
    expect(compileReleases([release, release])).toEqual(compileReleases([release]));
  });
});

// The records' own compiledRelease (ProZorro, MTender) against our merge of the record's releases.
// Fields that legitimately differ, each a choice the publisher's own merge made that OCDS 1.1 does not:
// - `id`: OCDS leaves a compiled release's id to the publisher; ProZorro and MTender reuse the last
//   release's id, ocdsmerge (and we) write `{ocid}-{date}`.
// - nulls (MTender `packageInfo.publisher.scheme`/`uid`): the merge rules omit a field set to null.
// - empty objects (MTender `tender.amendment.changes`, `tender.milestones[].documents`): omitted, as ocdsmerge does.
// - objects in arrays without an `id` (ProZorro `tender.auctions[]`, MTender `tender.milestones[]`): the
//   publishers' tools give them their position as `id` (0, 1, ...); the releases carry no id, and we add none.
type Json = unknown;

/** The publisher's compiled release with the publisher-only differences above removed, given ours beside it. */
function withoutPublisherArtifacts(theirs: Json, ours: Json): Json {
  if (Array.isArray(theirs)) {
    const mine = Array.isArray(ours) ? ours : [];
    return theirs.map((item: Json, i) => {
      const other = mine[i] as Json;
      const cleaned = withoutPublisherArtifacts(item, other);
      const generated = typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned) && (cleaned as Record<string, Json>).id === i;
      const oursHasId = typeof other === 'object' && other !== null && Object.hasOwn(other, 'id');
      if (generated && !oursHasId) delete (cleaned as Record<string, Json>).id;
      return cleaned;
    });
  }
  if (typeof theirs !== 'object' || theirs === null) return theirs;
  const mine = (typeof ours === 'object' && ours !== null ? ours : {}) as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(theirs)) {
    if (v === null) continue;
    const cleaned = withoutPublisherArtifacts(v, mine[k]);
    if (typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0) continue;
    out[k] = cleaned;
  }
  return out;
}

describe('compile over the real records (POLITY_DATASETS/ocds)', () => {
  it.each(recordFiles())('%s', (file) => {
    expect(existsSync(ocds), missing).toBe(true);
    const record = JSON.parse(readFileSync(path.join(ocds, file), 'utf8')) as {
      releases: Record<string, unknown>[];
      compiledRelease: Record<string, unknown>;
    };
    const ours = compileReleases(record.releases);
    expect(ours.id).toBe(`${String(ours.ocid)}-${String(ours.date)}`);
    const theirs = withoutPublisherArtifacts({ ...record.compiledRelease, id: ours.id }, ours);
    expect(ours).toEqual(theirs);
  });

  it('polity procurement compile prints one compiled release per line from a record file', async () => {
    expect(existsSync(ocds), missing).toBe(true);
    const file = path.join(ocds, recordFiles()[0]);
    const { stdout } = await run(process.execPath, [BIN, 'procurement', 'compile', file]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { compiledRelease: { ocid: string } };
    expect((JSON.parse(lines[0]) as { ocid: string }).ocid).toBe(record.compiledRelease.ocid);
  }, 30_000);

  it('compiles a release package and JSON lines of releases alike', async () => {
    expect(existsSync(ocds), missing).toBe(true);
    const issues: unknown[] = [];
    const fromPackage = await compileFile(path.join(ocds, 'armenia-armeps-2018', 'release-package.json'), (i) => issues.push(i));
    const fromLines = await compileFile(path.join(ocds, 'armenia-armeps-2018', 'releases.jsonl'), (i) => issues.push(i));
    expect(issues).toEqual([]);
    expect(fromPackage).toHaveLength(100);
    expect(fromLines).toEqual(fromPackage);
  });
});

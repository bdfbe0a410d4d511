import { describe, expect, it } from 'vitest';
import type { LineIssue } from './json-lines.js';
import { extractReleases, readOcdsItems, type OcdsItem, type OcdsLayout } from './ocds-stream.js';

/** Feeds `text` in chunks of `size` characters (to cross every boundary the scanner keeps state over). */
async function read(text: string, size = 7): Promise<{ items: OcdsItem[]; issues: LineIssue[]; layout?: OcdsLayout }> {
  const chunks = async function* () {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  };
  const items: OcdsItem[] = [];
  const issues: LineIssue[] = [];
  let layout: OcdsLayout | undefined;
  for await (const item of readOcdsItems(chunks(), (i) => issues.push(i), { onLayout: (l) => (layout = l) })) items.push(item);
  return { items, issues, layout };
}

describe('readOcdsItems', () => {
  it('streams the releases of a pretty-printed release package, skipping its metadata, with their lines', async () => {
    const text =
      '{\n  "uri": "x",\n  "publisher": {"name": "a \\"q\\" ]}"},\n  "releases": [\n    {"ocid": "o-1", "id": "1"},\n    {"ocid": "o-2",\n "id": "2", "tag": ["tender"]}\n  ]\n}\n';
    for (const size of [1, 3, 7, 1000]) {
      const { items, issues, layout } = await read(text, size);
      expect(layout).toBe('document');
      expect(issues).toEqual([]);
      expect(items).toEqual([
        { line: 5, path: 'releases[0]', value: { ocid: 'o-1', id: '1' } },
        { line: 6, path: 'releases[1]', value: { ocid: 'o-2', id: '2', tag: ['tender'] } },
      ]);
    }
  });

  it('streams a record package and a plain JSON array; a record on its own (ocid before releases) is one item', async () => {
    const pkg = await read('{\n"version":"1.1","records":[{"ocid":"a","releases":[{"ocid":"a","id":"1"}]},{"ocid":"b","releases":[]}]}');
    expect(pkg.items.map((i) => (i.value as { ocid: string }).ocid)).toEqual(['a', 'b']);
    // On one line, a whole package is one JSON line (extractReleases opens it).
    const line = await read('{"version":"1.1","records":[{"ocid":"a","releases":[{"ocid":"a","id":"1"}]}]}');
    expect(line.layout).toBe('json-lines');
    expect(extractReleases(line.items[0].value, 1, () => {})).toEqual([{ ocid: 'a', id: '1' }]);
    const array = await read('[\n{"ocid":"a","id":"1"},\n{"ocid":"b","id":"2"}\n]');
    expect(array.items.map((i) => [i.line, i.path])).toEqual([
      [2, '[0]'],
      [3, '[1]'],
    ]);
    const record = await read('{\n"ocid": "a",\n"releases": [{"ocid":"a","id":"1"}]\n}');
    expect(record.items).toHaveLength(1);
    expect(record.items[0].value).toEqual({ ocid: 'a', releases: [{ ocid: 'a', id: '1' }] });
  });

  it('reads JSON lines, reporting a malformed line by number and keeping the others', async () => {
    const { items, issues, layout } = await read('{"ocid":"a","id":"1"}\n{"ocid": broken\n\n{"ocid":"c","id":"3"}\r\n');
    expect(layout).toBe('json-lines');
    expect(items.map((i) => i.line)).toEqual([1, 4]);
    expect(issues).toHaveLength(1);
    expect(issues[0].line).toBe(2);
    expect(issues[0].error).toMatch(/invalid JSON/);
  });

  it('reports an item of a package that is not JSON and goes on; a broken document throws naming the line', async () => {
    const { items, issues } = await read('[\n{"ocid":"a","id":"1"},\n{"ocid": tru},\n{"ocid":"c","id":"3"}\n]');
    expect(items.map((i) => i.line)).toEqual([2, 4]);
    expect(issues.map((i) => i.line)).toEqual([3]);
    await expect(read('{\n"releases": [\n{"ocid":"a","id":"1"}\n')).rejects.toThrow(/line 4: the input ends inside a JSON value/);
    await expect(read('[{"a":1}]]')).rejects.toThrow(/unexpected '\]'/);
    await expect(read('hello')).rejects.toThrow(/outside any JSON object or array/);
  });
});

describe('extractReleases', () => {
  it('takes a record’s embedded releases, else its compiledRelease, and reports items without ocid or id by JSON path', () => {
    const issues: unknown[] = [];
    const note = (i: unknown) => issues.push(i);
    expect(extractReleases({ ocid: 'a', releases: [{ ocid: 'a', id: '1' }], compiledRelease: { ocid: 'a', id: 'c' } }, 1, note)).toEqual([
      { ocid: 'a', id: '1' },
    ]);
    expect(extractReleases({ ocid: 'a', releases: [{ url: 'u', date: 'd', tag: ['t'] }], compiledRelease: { ocid: 'a', id: 'c' } }, 1, note)).toEqual(
      [{ ocid: 'a', id: 'c' }],
    );
    expect(extractReleases({ releases: [{ ocid: 'a' }, { id: '2' }, 5] }, 9, note)).toEqual([]);
    expect(issues).toEqual([
      { line: 9, path: 'releases[0].id', error: 'must be a string (every release has an id)' },
      { line: 9, path: 'releases[1].ocid', error: 'must be a non-empty string (every release has an ocid)' },
      { line: 9, path: 'releases[2]', error: 'not a JSON object (expected a release, a record or a package)' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { LineIssue } from './json-lines.js';
import { readJsonLines } from './json-lines.js';
import { readOcdsItems, type OcdsIssue, type OcdsItem } from './ocds-stream.js';
import { DEFAULT_LIMITS, decodeUtf8Text, findJsonExcess, maxItemValues, splitTextLines, type TextLimits } from './text-input.js';

async function* bytesOf(data: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function decodeAll(data: Uint8Array, size = 7): Promise<string> {
  let text = '';
  for await (const t of decodeUtf8Text(bytesOf(data, size))) text += t;
  return text;
}

async function readAll(input: AsyncIterable<string | Uint8Array>, limits?: TextLimits): Promise<{ items: OcdsItem[]; issues: OcdsIssue[] }> {
  const items: OcdsItem[] = [];
  const issues: OcdsIssue[] = [];
  for await (const item of readOcdsItems(input, (i) => issues.push(i), { limits })) items.push(item);
  return { items, issues };
}

/** `n` fresh byte chunks of `size` bytes made by `make(i)`, produced one at a time (never all in memory). */
async function* lazyChunks(n: number, make: (i: number) => Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < n; i++) yield make(i);
}

/** A deterministic pseudo-random byte source (xorshift), so a failure can be replayed. */
function randomBytes(n: number, seed = 42): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('decodeUtf8Text: UTF-8 or a refusal naming the line', () => {
  it('decodes UTF-8 cut anywhere, multi-byte characters across chunks, and drops a UTF-8 byte-order mark', async () => {
    const text = 'ocid: "ocds-ü-1"\nnom: "Коваль 🌻"\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (const size of [1, 2, 3, 5, 1000]) expect(await decodeAll(bytes, size)).toBe(text);
  });

  it('refuses Latin-1 with the line and byte offset of the first bad byte', async () => {
    const latin1 = Buffer.from('{"ocid":"a","id":"1"}\n{"ocid":"b","title":"caf\u00e9"}\n', 'latin1');
    await expect(decodeAll(latin1, 64)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^line 2: not UTF-8 text \(byte 0xE9 at offset 46; Latin-1/) as unknown,
    });
  });

  it('refuses UTF-16 with a byte-order mark, UTF-16 without one (NUL characters) and random bytes', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"ocid":"a","id":"1"}\n', 'utf16le')]);
    await expect(decodeAll(utf16)).rejects.toThrow(/^line 1: a UTF-16 byte-order mark \(FF FE\)/);
    // UTF-16's "\n" is 0A 00: the NUL is on the second line.
    await expect(decodeAll(Buffer.from('\n{"ocid":"a"}', 'utf16le'))).rejects.toThrow(/^line 2: a NUL character: .*UTF-16/);
    await expect(decodeAll(randomBytes(4096))).rejects.toThrow(/not UTF-8 text/);
    await expect(decodeAll(new Uint8Array([0x7b, 0xe2, 0x82]))).rejects.toThrow(/ends inside a multi-byte character/);
  });
});

describe('bounded reading', () => {
  it('splits lines in linear time and drops a line over the limit as it comes, counting its length', async () => {
    async function* text() {
      yield 'a\r\nbb';
      for (let i = 0; i < 1000; i++) yield 'x'.repeat(1000);
      yield '\ncc\n';
    }
    const lines = [];
    for await (const l of splitTextLines(text(), 10_000)) lines.push(l);
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, tooLong: 1_000_002 },
      { line: 3, text: 'cc' },
    ]);
  });

  it('stops at the first level past the depth limit, or the first value past the value limit, skipping strings', () => {
    expect(findJsonExcess('['.repeat(100_000), DEFAULT_LIMITS)).toBe('nested deeper than 64 levels (OCDS needs about 10)');
    expect(findJsonExcess(`{"a":"${'['.repeat(1000)}"}`, DEFAULT_LIMITS)).toBeNull();
    expect(findJsonExcess(`{"a\\"":${'['.repeat(64)}1${']'.repeat(64)}}`, DEFAULT_LIMITS)).toMatch(/nested deeper/);
    // 8 MiB allows 524,288 values; 4 KiB items allow the floor of 1,000.
    expect(maxItemValues(DEFAULT_LIMITS)).toBe(524_288);
    const small = { maxItemChars: 4096 };
    expect(findJsonExcess(`[${'1,'.repeat(998)}1]`, small)).toBeNull();
    expect(findJsonExcess(`[${'[],'.repeat(1000)}[]]`, small)).toBe(
      'holds more than 1,000 JSON values, over the limit for 4 KiB items (--max-item-size)',
    );
    expect(findJsonExcess(`["${','.repeat(5000)}"]`, small)).toBeNull();
  });

  // The 100 MB single line of the issue, scaled down: with a 1 MiB limit, 48 MiB of one JSON line
  // (fresh bytes each chunk, never all in memory) is refused while heap use stays far below its size,
  // so the reader does not keep what it refuses. bench/procurement-hostile.ts runs the full 100 MB.
  it.each([
    ['a JSON line (the first line is a whole object)', '{"ocid":"a","id":"1"}\n{"ocid":"b","id":"2","x":"'],
    ['one document (a release on its own)', '{"ocid":"b","id":"2","x":"'],
  ])(
    'refuses a 48 MiB item over a 1 MiB limit in bounded memory: %s',
    async (_, prefix) => {
      const limits = { maxItemChars: 2 ** 20 };
      const chunk = 2 ** 16;
      const n = (48 * 2 ** 20) / chunk;
      const before = process.memoryUsage().heapUsed;
      let peak = 0;
      const input = lazyChunks(n + 2, (i) => {
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
        if (i === 0) return new TextEncoder().encode(prefix);
        if (i === n + 1) return new TextEncoder().encode('"}\n{"ocid":"c","id":"3"}\n');
        return new Uint8Array(chunk).fill(0x61);
      });
      const started = performance.now();
      const { items, issues } = await readAll(input, limits);
      expect(issues).toEqual([
        expect.objectContaining({
          line: prefix.includes('\n') ? 2 : 1,
          error: expect.stringMatching(/is 48 MiB long, over the limit of 1 MiB/) as unknown,
        }),
      ]);
      expect(items.map((i) => (i.value as { ocid: string }).ocid)).toEqual(prefix.includes('\n') ? ['a', 'c'] : ['c']);
      expect(peak).toBeLessThan(24 * 2 ** 20);
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    30_000,
  );

  it('reads 100k concatenated empty objects with no line break as one refusal of the file, at once', async () => {
    const started = performance.now();
    await expect(readAll(bytesOf(new TextEncoder().encode('{}'.repeat(100_000)), 65536))).rejects.toThrow(
      /^line 1: a second JSON document starts on the line where the previous one ends/,
    );
    await expect(readAll(bytesOf(new TextEncoder().encode('{"ocid":"a","id":"1"}{"ocid":"b","id":"1"}'), 5))).rejects.toThrow(/second JSON document/);
    expect(performance.now() - started).toBeLessThan(5_000);
    // Documents one per line stay readable.
    const { items } = await readAll(bytesOf(new TextEncoder().encode('{\n"ocid":"a","id":"1"}\n{"ocid":"b",\n"id":"1"}\n')));
    expect(items.map((i) => i.line)).toEqual([1, 3]);
  });

  it('refuses deep nesting without building it: an item, a JSON line, package metadata, an unclosed file', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const inArray = await readAll(bytesOf(new TextEncoder().encode(`[\n{"ocid":"a","id":"1"},\n${deep},\n{"ocid":"b","id":"1"}\n]`), 4096));
    expect(inArray.items.map((i) => i.path)).toEqual(['[0]', '[2]']);
    expect(inArray.issues).toEqual([{ line: 3, path: '[1]', error: expect.stringMatching(/nested deeper than 64 levels/) as unknown }]);
    const lines = await readAll(bytesOf(new TextEncoder().encode(`{"ocid":"a","id":"1"}\n{"a":${'{"a":'.repeat(100)}1${'}'.repeat(101)}\n`)));
    expect(lines.issues).toEqual([{ line: 2, error: expect.stringMatching(/nested deeper/) as unknown }]);
    // A package's metadata is skipped (bounded however deep), except after its releases, where no item holds it.
    const meta = await readAll(
      bytesOf(new TextEncoder().encode(`{"publisher":${'['.repeat(100)}${']'.repeat(100)},"releases":[{"ocid":"a","id":"1"}]}`)),
    );
    expect(meta).toEqual({ items: [{ line: 1, path: 'releases[0]', value: { ocid: 'a', id: '1' } }], issues: [] });
    await expect(readAll(bytesOf(new TextEncoder().encode(`{"releases":[],\n"x":${'['.repeat(100)}`)))).rejects.toThrow(/line 2: nested deeper/);
    await expect(readAll(bytesOf(new TextEncoder().encode('['.repeat(100_000)), 4096))).rejects.toThrow(/the input ends inside a JSON value/);
  });

  it('readJsonLines applies the same limits and refusals (indicators, compile, risk read through it)', async () => {
    const issues: LineIssue[] = [];
    const values = [];
    const text = `{"ocid":"a"}\n${'x'.repeat(5000)}\n${'['.repeat(200)}\n{"ocid":"b"}\n`;
    for await (const l of readJsonLines(bytesOf(new TextEncoder().encode(text), 512), (i) => issues.push(i), { limits: { maxItemChars: 4096 } }))
      values.push(l);
    expect(values.map((v) => v.line)).toEqual([1, 4]);
    expect(issues.map((i) => [i.line, i.error.replace(/ [([].*$/, '')])).toEqual([
      [2, 'this line is 4.9 KiB long, over the limit of 4 KiB per line or item'],
      [3, 'nested deeper than 64 levels'],
    ]);
    await expect(async () => {
      for await (const l of readJsonLines(bytesOf(randomBytes(1000)), () => {})) values.push(l);
    }).rejects.toThrow(/not UTF-8 text/);
  });
});

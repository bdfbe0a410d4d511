import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { codeBits, describeWeakCodes, MIN_CODE_BITS, seriesBits, VOTING_CODE_LIMITS } from './core/voting-codes.js';
import { setUpVotingProcess } from './test-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const randomCode = (n = 10) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

describe('voting code strength', () => {
  it('measures bits from the length and the character classes used', () => {
    // 6 characters of letters and digits: 6 * log2(36) = 31.02 bits.
    expect(codeBits('ABC123')).toBeCloseTo(31.02, 2);
    expect(codeBits('abc-123')).toBeCloseTo(31.02, 2);
    // 12 digits: 39.86 bits (too weak); 13 digits: 43.19.
    expect(codeBits('123456789012')).toBeLessThan(MIN_CODE_BITS);
    expect(codeBits('1234567890123')).toBeGreaterThan(MIN_CODE_BITS);
    // 8 letters and digits: 41.4 bits (enough).
    expect(codeBits('K7Q2-M9XP')).toBeGreaterThan(MIN_CODE_BITS);
  });

  it('says how many bits a weak code carries', () => {
    expect(describeWeakCodes(['ABC123'])).toEqual({
      index: 0,
      message: "codes must carry at least 40 bits of randomness; 'ABC123' carries about 31",
    });
    expect(describeWeakCodes([randomCode(), 'SHORT1'])?.index).toBe(1);
    expect(describeWeakCodes([randomCode(), randomCode()])).toBeNull();
  });

  it('sees through a long series with a fixed prefix and a counter', () => {
    const series = Array.from({ length: 300 }, (_, i) => `CITY-${String(i).padStart(6, '0')}-${randomCode(2)}`);
    // Each code is 12 characters of letters and digits (62 bits by length), but only the counter
    // and the two random letters vary: about 3 + 3.3 + 3.3 + 5 + 5 bits.
    expect(codeBits(series[0])).toBeGreaterThan(60);
    expect(seriesBits(series)).toBeLessThan(25);
    expect(describeWeakCodes(series)?.message).toMatch(/^codes must carry at least 40 bits of randomness; these 300 codes .* carry about \d+$/);
    const random = Array.from({ length: 300 }, () => randomCode());
    expect(seriesBits(random)).toBeGreaterThan(45);
    expect(describeWeakCodes(random)).toBeNull();
  });
});

/** A budgeting API call from the socket address `ip` (no cookies, so no CSRF token is needed). */
function apiFrom(t: TestContext, ip: string, method: string, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    t.app.request(
      `http://test.localhost/api/v1${path}`,
      { method, headers: { host: 'test.localhost', 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { incoming: { socket: { remoteAddress: ip } } },
    ),
  );
}

describe.each(testDatabases())('voting codes on %s', (kind) => {
  let t: TestContext;
  let codes: string[];
  let editor: Awaited<ReturnType<typeof setUpVotingProcess>>['editor'];
  beforeAll(async () => {
    t = await createTestContext(kind);
    ({ editor } = await setUpVotingProcess(t, 'codes', [{ title: 'Project A', cost: '30000' }]));
    codes = (await (await editor.api('POST', '/budgeting/processes/codes/codes', { count: 20 })).json()).codes;
  });
  afterAll(() => t.close());

  const vote = (ip: string, code: string) =>
    apiFrom(t, ip, 'PUT', '/budgeting/processes/codes/ballot', { district: 'north', choices: [{ project: '1' }], code });

  it('refuses imported codes too weak to be secret, saying how many bits they carry', async () => {
    const weak = await editor.api('POST', '/budgeting/processes/codes/codes', { csv: `code\n${randomCode()}\nABC123\n` });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as Json).error.fields.csv).toBe("line 3: codes must carry at least 40 bits of randomness; 'ABC123' carries about 31");
    const series = Array.from({ length: 250 }, (_, i) => `PB2026-${String(i).padStart(5, '0')}`).join('\n');
    const serial = await editor.api('POST', '/budgeting/processes/codes/codes', { csv: series });
    expect(serial.status).toBe(400);
    expect(((await serial.json()) as Json).error.fields.csv).toMatch(/these 250 codes .* carry about \d+/);
    const strong = await editor.api('POST', '/budgeting/processes/codes/codes', { csv: `code\n${randomCode()}\n${randomCode(9)}\n` });
    expect(strong.status).toBe(201);
  });

  it('slows down wrong codes from one address: 429 with Retry-After after 10, while others vote', async () => {
    const ip = '198.51.100.20';
    const free = VOTING_CODE_LIMITS.failuresPerClient.free;
    for (let i = 0; i < free; i++) expect((await vote(ip, `WRONG${randomCode()}`)).status).toBe(400);
    const slowed = await vote(ip, `WRONG${randomCode()}`);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await slowed.json()) as Json).error.code).toBe('rate_limited');
    // The guesser's back-off is theirs: a voter elsewhere votes at once.
    expect((await vote('192.0.2.20', codes[0])).status).toBe(200);
    // After the back-off, the right code works from the guesser's address too.
    t.clock.advance(Number(slowed.headers.get('retry-after')) * 1000);
    expect((await vote(ip, codes[1])).status).toBe(200);
  });

  it('caps code checks per address and per process', async () => {
    const ip = '198.51.100.30';
    const lookups = [];
    for (let i = 0; i < VOTING_CODE_LIMITS.perClient.limit; i++)
      lookups.push((await apiFrom(t, ip, 'POST', '/budgeting/processes/codes/my-ballots', { code: codes[2] })).status);
    expect(lookups.every((s) => s === 200)).toBe(true);
    const capped = await apiFrom(t, ip, 'POST', '/budgeting/processes/codes/my-ballots', { code: codes[2] });
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);

    // Many addresses together: at most perProcess.limit checks a minute on the process.
    t.clock.advance(VOTING_CODE_LIMITS.perProcess.windowMs);
    const statuses: number[] = [];
    for (let i = 0; i <= VOTING_CODE_LIMITS.perProcess.limit; i++)
      statuses.push((await vote(`10.1.${i >> 8}.${i & 255}`, `WRONG${randomCode()}`)).status);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(VOTING_CODE_LIMITS.perProcess.limit);
    expect(statuses[statuses.length - 1]).toBe(429);
  });
});

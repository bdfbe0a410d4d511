import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolity, type Polity } from './harness.js';

/** The speed issue's budget for the JavaScript a public page downloads, gzipped. */
const BUDGET = 100 * 1024;

/** A page's downloaded scripts (each with its gzipped size) and the site links in it. */
async function visit(page: Page, url: string): Promise<{ scripts: { url: string; gzipped: number }[]; links: string[] }> {
  const pending: Promise<{ url: string; gzipped: number } | null>[] = [];
  const onResponse = (res: Response) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res
        .body()
        .then((body) => ({ url: res.url(), gzipped: gzipSync(body, { level: 9 }).length }))
        .catch(() => null),
    );
  };
  page.on('response', onResponse);
  // Islands load their chunks after the page: wait until the network is quiet.
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const links = await page.$$eval('main a[href^="/"], nav a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')!.split('#')[0]!));
  return { scripts: (await Promise.all(pending)).filter((s) => s !== null), links };
}

/** Links the walk does not follow: staff pages, downloads, the API, actions. */
const SKIP = /^\/(admin|api|sign-out|set-language)|\/admin|\/export\/|\.(csv|json|xml|jsonl|zip|pb)$/;

describe('public pages are light', () => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity();
  }, 120_000);
  afterAll(() => p?.close());

  it('every public page downloads less than 100 KB of JavaScript (gzipped), and no React unless it needs it', async () => {
    const page = await p.newPage();
    // Breadth first from the home page, measuring every page on the way.
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const heavy: string[] = [];
    let measured = 0;
    while (queue.length > 0 && measured < 30) {
      const path = queue.shift()!;
      const { scripts, links } = await visit(page, p.url + path);
      measured++;
      const total = scripts.reduce((s, x) => s + x.gzipped, 0);
      if (total >= BUDGET) heavy.push(`${path}: ${(total / 1024).toFixed(1)} KB (${scripts.map((s) => new URL(s.url).pathname).join(', ')})`);
      for (const link of links) {
        if (!link || seen.has(link) || SKIP.test(link)) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    expect(measured).toBeGreaterThan(15);
    expect(heavy).toEqual([]);
    // A page without interactive parts is plain HTML plus the islands script: no React, no router.
    const { scripts: api } = await visit(page, p.url + '/developers/api');
    expect(api.map((s) => new URL(s.url).pathname).filter((u) => /entry\.client|\/i18n\//.test(u))).toEqual([]);
    expect(api.reduce((s, x) => s + x.gzipped, 0)).toBeLessThan(5 * 1024);
  }, 180_000);
});

import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Deps } from '../../src/db/context.js';
import { readEnv } from '../../src/kernel/env.js';
import { silentLogger } from '../../src/kernel/log.js';
import { createSmtpMailer } from '../../src/modules/notifications/index.js';
import { createApp } from '../../src/server/app.js';
import { buildDeps } from '../../src/server/deps.js';
import { manifests } from '../../src/server/modules.js';
import { loadPageHandler } from '../../src/server/pages.js';
import { ensureDemoSite } from '../../src/server/seed.js';
import { mountStaticAssets } from '../../src/server/static.js';
import { openTestDatabase, startMailbox } from '../../src/server/testing.js';
import { startWorker } from '../../src/server/worker.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The widths every browser journey runs at: a phone (390 px, an iPhone 12-15) and a laptop. */
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

/** One of the journey widths. */
export type Viewport = (typeof VIEWPORTS)[number];

/** The narrowest phone every page must fit without scrolling sideways (the house rule). */
export const NARROWEST_WIDTH = 320;

export interface Polity {
  url: string;
  viewport: Viewport;
  deps: Deps;
  browser: Browser;
  mailbox: Awaited<ReturnType<typeof startMailbox>>;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The Chromium binary the browser tests drive (Debian's package; see scripts/ensure-test-tools.mjs). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * A whole Polity on a loopback port, as `npm start` runs it: built pages, the demo site with its
 * content, an in-process worker, mail through a real SMTP server, and a headless Chromium.
 */
export async function startPolity(viewport: Viewport = VIEWPORTS[1]): Promise<Polity> {
  const mailbox = await startMailbox();
  const database = await openTestDatabase('pglite');
  const env = readEnv({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', PORT: '0' });
  const built = await buildDeps(env, manifests, {
    database,
    log: silentLogger,
    secret: 'e2e-secret-'.padEnd(48, 'z'),
    transport: createSmtpMailer(`smtp://127.0.0.1:${mailbox.port}?starttls=off`, 'Polity <no-reply@polity.test>'),
  });
  await ensureDemoSite(built.deps, manifests);
  const pages = await loadPageHandler();
  if (!pages) throw new Error('Pages are not built: run `npm run build` first (npm test does).');
  const app = createApp({ deps: built.deps, manifests, pages, assets: mountStaticAssets });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  const worker = startWorker(built.deps, manifests, 25);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: `http://localhost:${port}`,
    viewport,
    deps: built.deps,
    browser,
    mailbox,
    async newPage() {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser.close();
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
      await mailbox.close();
    },
  };
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page and fails on any violation, then
 * checks that the page does not scroll sideways at 320 px (the narrowest phone the pages serve).
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await expectNoSidewaysScroll(page, label);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map(
      (v: { id: string; help: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/** Signs `page` in through the sign-in form and waits until it has left the sign-in page. */
export async function signIn(p: Polity, page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${p.url}/sign-in`);
  await page.getByLabel('Email address').first().fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * Narrows the window to 320 px, fails if the document is wider than the window (it would scroll
 * sideways), and restores the window's size. Reports the elements that stick out.
 */
export async function expectNoSidewaysScroll(page: Page, label = page.url()): Promise<void> {
  const size = page.viewportSize() ?? VIEWPORTS[1];
  await page.setViewportSize({ width: NARROWEST_WIDTH, height: size.height });
  try {
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth + 1) return null;
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''} (${Math.round(e.getBoundingClientRect().right)} px)`,
        );
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
    });
    expect(overflow, `${label} scrolls sideways at ${NARROWEST_WIDTH} px`).toBeNull();
  } finally {
    await page.setViewportSize(size);
  }
}

/** Opens the site menu when it is folded (on phones), so that its links and language form can be used. */
export async function openSiteMenu(page: Page): Promise<void> {
  const toggle = page.locator('.site-menu > summary');
  if ((await toggle.isVisible()) && (await page.locator('.site-menu[open]').count()) === 0) await toggle.click();
}

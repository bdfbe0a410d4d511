import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/modules/accounts/index.js';
import { DEMO_CONSULTATION } from '../../src/modules/consultations/index.js';
import { findSiteBySlug } from '../../src/modules/sites/index.js';
import { expectAccessible, signIn, startPolity, type Polity, VIEWPORTS } from './harness.js';

const EVENTS = `/consultations/${DEMO_CONSULTATION}/events`;

describe.each(VIEWPORTS)('consultation events in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('an NGO registers an event and records its outcome, the editor approves it, the public sees it on the list and the map', async () => {
    const site = await findSiteBySlug(p.deps.db, 'demo');
    const email = `ngo-${viewport.name}@example.org`;
    const password = 'a long enough passphrase';
    await createUser(p.deps, site!.id, { email, name: 'Giulia Rossi', password, confirmed: true });

    // The NGO's organiser registers the event, corrects a refused form, and lands on its page.
    const ngo = await p.newPage();
    await signIn(p, ngo, email, password);
    await ngo.goto(`${p.url}${EVENTS}`);
    await expectAccessible(ngo, 'events list');
    await ngo.getByRole('link', { name: 'Register an event' }).click();
    await ngo.waitForURL(`${p.url}${EVENTS}/new`);
    await expectAccessible(ngo, 'registration form');
    await ngo.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Civic Lab Association' });
    await ngo.getByLabel('Country').selectOption({ label: 'Italy' });
    await ngo.getByLabel('Region').fill('Lazio');
    await ngo.getByLabel(/^Date( \*)?$/).fill('2026-05-16');
    await ngo.getByLabel(/^Time/).fill('17:30');
    await ngo.getByRole('button', { name: 'Register the event' }).click();
    const summary = ngo.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Title of the event');
    expect(await summary.textContent()).toContain('Format');
    await expectAccessible(ngo, 'refused registration');
    // What was chosen is still there.
    expect(await ngo.getByLabel('Region').inputValue()).toBe('Lazio');
    await ngo.getByLabel('Title of the event').fill('Young Romans talk about Europe');
    await ngo.getByLabel('Place', { exact: true }).fill('Casa del Cinema, Rome');
    await ngo.getByText('Point on the map (optional)').click();
    await ngo.getByLabel('Latitude').fill('41.9136');
    await ngo.getByLabel('Longitude').fill('12.4853');
    await ngo.getByLabel('Format').selectOption({ label: 'Workshop' });
    await ngo.getByLabel('Language of the event').selectOption({ label: 'Italian' });
    await ngo.getByLabel('Number of participants').fill('42');
    await ngo.getByLabel('Who takes part').fill('students = 30\nteachers = 12');
    await ngo.getByRole('button', { name: 'Register the event' }).click();
    await ngo.waitForURL(/registered=1/);
    await ngo.getByText('Your event is registered.').waitFor();
    await expectAccessible(ngo, 'registered event');
    const eventPath = new URL(ngo.url()).pathname;

    // After the event: the outcome, one recommendation tagged with a theme.
    await ngo.getByRole('link', { name: 'Edit the event or record its outcome' }).click();
    await ngo.waitForURL(`${p.url}${eventPath}/edit`);
    await expectAccessible(ngo, 'edit form');
    await ngo.getByLabel('Summary').fill('Forty-two students and teachers worked in five groups.');
    const first = ngo.getByRole('group', { name: 'Item 1' });
    await first.getByLabel('Kind').selectOption({ label: 'Recommendation' });
    await first.getByLabel('What was said').fill('Free rail passes for every young European.');
    await first.getByLabel('Climate and environment').check();
    const second = ngo.getByRole('group', { name: 'Item 2' });
    await second.getByLabel('Kind').selectOption({ label: 'Concern' });
    await second.getByLabel('What was said').fill('Rents in Rome are out of reach for students.');
    await second.getByLabel('Jobs and the economy').check();
    await ngo.getByRole('button', { name: 'Save the outcome' }).click();
    await ngo.waitForURL(/saved=1/);
    await ngo.getByText('Free rail passes for every young European.').waitFor();
    await expectAccessible(ngo, 'event with its outcome');
    // Not public yet.
    const early = await p.newPage();
    expect((await early.goto(`${p.url}${eventPath}`))?.status()).toBe(404);

    // The editor approves it from the queue, by keyboard.
    const editor = await p.newPage();
    await signIn(p, editor, 'editor@demo.polity.localhost', 'polity-demo-editor');
    await editor.goto(`${p.url}${EVENTS}`);
    await editor.getByRole('link', { name: /waiting for approval/ }).click();
    await editor.waitForURL(/\/admin\/events/);
    await expectAccessible(editor, 'approval queue');
    const card = editor.locator('li.card', { hasText: 'Young Romans talk about Europe' });
    await card.getByRole('button', { name: 'Approve' }).focus();
    await editor.keyboard.press('Enter');
    await editor.getByText('The event is approved: it is now public.').waitFor();
    await expectAccessible(editor, 'queue after approval');

    // The public finds it in the list filtered by country, on the map, and reads its outcome.
    const visitor = await p.newPage();
    await visitor.goto(`${p.url}${EVENTS}`);
    const filters = visitor.locator('.filter-panel > summary');
    if (await filters.isVisible()) await filters.click();
    await visitor.getByLabel('Country').selectOption({ value: 'IT' });
    await visitor.getByRole('button', { name: 'Show the events' }).click();
    await visitor.waitForURL(/country=IT/);
    await expectAccessible(visitor, 'events in Italy');
    const cards = visitor.locator('main li.card h3');
    expect(await cards.allTextContents()).toEqual(['Young Romans talk about Europe']);
    expect(await visitor.locator('.site-map').count()).toBe(1);
    expect(await visitor.locator('.site-map circle.site-map-marker').count()).toBe(1);
    // Its recommendation under its theme.
    const climate = visitor.getByRole('region', { name: 'Climate and environment' });
    expect(await climate.textContent()).toContain('Free rail passes for every young European.');
    await cards.getByRole('link').click();
    await visitor.waitForURL(`${p.url}${eventPath}`);
    await visitor.getByText('Rents in Rome are out of reach for students.').waitFor();
    await expectAccessible(visitor, 'public event page');
  }, 180_000);

  it('every page reads in Ukrainian', async () => {
    const page = await p.newPage();
    await signIn(p, page, 'admin@demo.polity.localhost', 'polity-demo-admin');
    for (const path of [EVENTS, `${EVENTS}/new`, `/consultations/${DEMO_CONSULTATION}/admin/events`]) {
      await page.goto(`${p.url}${path}?lang=uk`);
      expect(await page.getAttribute('html', 'lang')).toBe('uk');
      await expectAccessible(page, `${path} in Ukrainian`);
    }
    expect(await page.locator('h1').textContent()).toBe('Заходи на схвалення');
  }, 120_000);
});

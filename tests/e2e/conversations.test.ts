import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startPolity, type Polity, signIn, VIEWPORTS } from './harness.js';

const datasets = process.env.POLITY_DATASETS ?? path.resolve('../shared/data');
const london = path.join(datasets, 'polis', 'london.youth.policing');

describe.each(VIEWPORTS)('open conversations in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('a participant votes and writes a statement, a moderator accepts it, and the participant sees the map update and why they are in their group', async () => {
    const participant = await p.newPage();
    await participant.goto(`${p.url}/conversations/city-centre`);
    await expectAccessible(participant, 'participation page');
    // Votes through the statements with the keyboard-reachable buttons: agree with the first half, disagree with the rest.
    for (let i = 0; i < 15; i++) {
      const statement = participant.locator('#current-statement');
      if ((await statement.count()) === 0) break;
      await participant.getByRole('button', { name: i % 3 === 2 ? 'Disagree' : 'Agree', exact: true }).click();
      await participant.waitForLoadState('domcontentloaded');
      await expect(participant.getByRole('status').first().textContent()).resolves.toMatch(/Your vote was saved/);
    }
    await expect(participant.getByText('You have voted on every statement.', { exact: false }).count()).resolves.toBe(1);

    await participant.getByLabel('Your statement').fill('Free bicycle parking at every tram stop.');
    await participant.getByRole('button', { name: 'Send my statement' }).click();
    await participant.waitForURL(/written=waiting/);
    await expect(participant.getByText('will be shown once a moderator has read it').count()).resolves.toBe(1);

    // A statement that is too long is refused with the reason, and the typed text is kept.
    await participant.getByLabel('Your statement').evaluate((el) => el.removeAttribute('maxlength'));
    await participant.getByLabel('Your statement').fill('x'.repeat(150));
    await participant.getByRole('button', { name: 'Send my statement' }).click();
    await expect(participant.locator('.error-summary').textContent()).resolves.toMatch(/at most 140 characters/);
    await expect(participant.getByLabel('Your statement').inputValue()).resolves.toBe('x'.repeat(150));
    await expectAccessible(participant, 'participation page with an error');

    const moderator = await p.newPage();
    await signIn(p, moderator, 'moderator@demo.polity.localhost', 'polity-demo-moderator');
    await moderator.goto(`${p.url}/conversations/city-centre/moderate`);
    await expectAccessible(moderator, 'moderation queue');
    // The demo's near-duplicate is flagged with the statement it repeats.
    await expect(moderator.getByText(/Nearly repeats #0/).count()).resolves.toBe(1);
    const item = moderator.locator('li.card', { hasText: 'Free bicycle parking at every tram stop.' });
    await item.getByRole('button', { name: /^Accept statement \d+$/ }).click();
    await moderator.waitForURL(/done=accept/);

    // The participant agreed with their own statement when writing it (as in Pol.is), so nothing is
    // left to vote on. With the page open, they see the map change without reloading once another
    // person's votes are analysed (server-sent events), and read why they are in their group.
    await participant.goto(`${p.url}/conversations/city-centre`);
    await expect(participant.getByText('You have voted on every statement.', { exact: false }).count()).resolves.toBe(1);
    const before = await participant.locator('.opinion-map desc').textContent();
    const other = await p.newPage();
    await other.goto(`${p.url}/conversations/city-centre`);
    for (let i = 0; i < 10; i++) {
      if ((await other.locator('#current-statement').count()) === 0) break;
      await other.getByRole('button', { name: i % 2 ? 'Disagree' : 'Agree', exact: true }).click();
      await other.waitForLoadState('domcontentloaded');
    }
    await participant.waitForFunction((text) => document.querySelector('.opinion-map desc')?.textContent !== text, before, { timeout: 10_000 });
    await expect(participant.getByText('The opinion map was updated with new votes.').count()).resolves.toBe(1);
    await expect(participant.getByRole('heading', { name: /You are in group [A-E]/ }).count()).resolves.toBe(1);
    const why = await participant.locator('.card', { hasText: 'You are in this group mostly because' }).locator('li').allTextContents();
    expect(why.length).toBeGreaterThan(0);
    await expectAccessible(participant, 'participation page with the map');
  }, 120_000);

  it('an owner imports a Pol.is open-data folder and reads its report', async () => {
    if (!existsSync(london)) throw new Error(`POLITY_DATASETS has no polis/london.youth.policing (looked in ${datasets})`);
    const owner = await p.newPage();
    await signIn(p, owner, 'editor@demo.polity.localhost', 'polity-demo-editor');
    await owner.goto(`${p.url}/conversations/import`);
    await expectAccessible(owner, 'import form');
    // A wrong file first: the reason names the file.
    await owner.getByLabel('Topic').fill('Youth policing in London');
    await owner.getByLabel('Web address').fill('london-youth-policing');
    await owner.getByLabel('Export files').setInputFiles([path.join(london, 'votes.csv')]);
    await owner.getByRole('button', { name: 'Import' }).click();
    await expect(owner.locator('.error-summary').textContent()).resolves.toMatch(/comments\.csv/);
    await owner
      .getByLabel('Export files')
      .setInputFiles(['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'].map((f) => path.join(london, f)).filter(existsSync));
    await owner.getByRole('button', { name: 'Import' }).click();
    await owner.waitForURL(/\/conversations\/london-youth-policing\/report/);
    await expect(owner.getByRole('heading', { name: 'Report: Youth policing in London' }).count()).resolves.toBe(1);
    await expect(owner.locator('.opinion-map svg').count()).resolves.toBe(1);
    expect(await owner.locator('table tbody tr').count()).toBeGreaterThan(10);
    await expect(owner.getByRole('heading', { name: /Group A/ }).count()).resolves.toBe(1);
    await expectAccessible(owner, 'imported report');
  }, 120_000);
});

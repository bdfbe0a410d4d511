import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, startPolity, type Polity, signIn, VIEWPORTS } from './harness.js';

describe.each(VIEWPORTS)('the innovation library in a browser at $width px', (viewport) => {
  let p: Polity;
  beforeAll(async () => {
    p = await startPolity(viewport);
  }, 180_000);
  afterAll(() => p?.close());

  it('lets a newcomer browse, filter by country and sector, and open a case study', async () => {
    const page = await p.newPage();
    await page.goto(`${p.url}/`);
    await page.locator('main').getByRole('link', { name: 'Innovation library' }).click();
    await page.waitForURL(`${p.url}/library`);
    await expectAccessible(page, 'library');
    // On phones the facets fold behind "Filters", under the search box.
    const filters = page.locator('.filter-panel > summary');
    if (await filters.isVisible()) {
      expect((await page.getByLabel('Search', { exact: true }).boundingBox())!.y).toBeLessThan((await filters.boundingBox())!.y);
      await filters.click();
    }

    const country = page.getByRole('group', { name: 'Country' });
    await country.getByLabel(/^Brazil/).check();
    const sector = page.getByRole('group', { name: 'Sector' });
    await sector.getByLabel(/^Public finance/).check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/country=BR/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('country')).toEqual(['BR']);
    expect(url.searchParams.getAll('sector')).toEqual(['public-finance']);
    await expectAccessible(page, 'filtered library');

    const results = page.locator('main li.card h2 a');
    const titles = await results.allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join(' ')).toMatch(/Porto Alegre/);

    // The filtered list is shareable: a fresh visitor opening the URL sees the same results.
    const other = await p.newPage();
    await other.goto(page.url());
    expect(await other.locator('main li.card h2 a').allTextContents()).toEqual(titles);

    await results.filter({ hasText: 'Porto Alegre' }).first().click();
    await page.waitForURL(/\/library\/case-studies\//);
    await expectAccessible(page, 'case study');
    expect(await page.locator('h1').textContent()).toMatch(/Porto Alegre/);
    expect(await page.locator('main').textContent()).toMatch(/Brazil/);
  });

  it('carries a call submission from sign-up to a published case study in search and in the feed', async () => {
    const email = 'amina@example.org';
    const password = 'a long enough passphrase';

    // A visitor reads the call's questions, then signs up from the call page and confirms by the
    // link that arrives at the SMTP server, which leads back to the call.
    const person = await p.newPage();
    await person.goto(`${p.url}/library/calls`);
    await expectAccessible(person, 'calls');
    await person
      .getByRole('link', { name: /public-sector innovation 2027/ })
      .first()
      .click();
    await person.locator('.questionnaire-preview').waitFor();
    await expectAccessible(person, 'call, signed out');
    const callUrl = person.url();
    await person.getByRole('link', { name: 'Create an account' }).click();
    await person.getByRole('heading', { name: 'Create an account' }).waitFor();
    await expectAccessible(person, 'sign-up');
    await person.getByLabel('Your name').fill('Amina Diallo');
    await person.getByLabel('Email address').fill(email);
    await person.getByLabel(/^Password/).fill(password);
    await person.getByLabel(/I agree to the terms of use/).check();
    await person.getByRole('button', { name: 'Create my account' }).click();
    await person.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(person, 'sign-up sent');
    const mail = await p.mailbox.waitFor(email, /Confirm your email/);
    const link = mail.text.match(/https?:\/\/\S+\/confirm\?token=\S+/)?.[0];
    expect(link).toBeTruthy();
    await person.goto(link!.replace(/^https?:\/\/[^/]+/, p.url));
    expect(person.url()).toBe(callUrl);

    // Answer the open call: an incomplete submit keeps what was typed and names the fields.
    await person.getByLabel(/Name of the innovation/).waitFor();
    await expectAccessible(person, 'call');
    await person.getByLabel(/Name of the innovation/).fill('Neighbourhood repair cafés');
    await person.getByRole('button', { name: 'Submit', exact: true }).click();
    await person.locator('.error-summary').waitFor();
    expect(await person.getByLabel(/Name of the innovation/).inputValue()).toBe('Neighbourhood repair cafés');
    await expectAccessible(person, 'call with errors');

    await person.getByLabel(/^Summary/).fill('Volunteers fix household items in libraries, with city support.');
    await person.getByLabel(/What problem does it solve/).fill('Too many repairable items end up as waste.');
    await person.getByLabel(/^Country/).selectOption('PT');
    await person
      .getByRole('group', { name: /Level of government/ })
      .getByLabel('Local')
      .check();
    await person
      .getByRole('group', { name: /^Sectors/ })
      .getByLabel('Environment')
      .check();
    await person
      .getByRole('group', { name: /^Stage/ })
      .getByLabel('Pilot')
      .check();
    await person.getByLabel(/Year launched/).fill('2023');
    await person.getByRole('button', { name: 'Submit', exact: true }).click();
    await p.mailbox.waitFor(email, /We received your submission/);
    await expectAccessible(person, 'submitted');

    // An editor asks for a change.
    const editor = await p.newPage();
    await signIn(p, editor, 'editor@demo.polity.localhost', 'polity-demo-editor');
    await editor.goto(`${p.url}/library/admin/submissions`);
    await expectAccessible(editor, 'submissions');
    await editor
      .getByRole('link', { name: /Neighbourhood repair cafés|Amina Diallo/ })
      .first()
      .click();
    await expectAccessible(editor, 'review');
    await editor.getByLabel('What should change?').fill('Please say which city runs it.');
    await editor.getByRole('button', { name: 'Request changes' }).click();
    const changes = await p.mailbox.waitFor(email, /Changes requested/);
    expect(changes.text).toContain('Please say which city runs it.');

    // The submitter edits and resubmits.
    const submissionLink =
      changes.text.match(/https?:\/\/\S+\/submissions?\S*/)?.[0] ?? `${p.url}/library/calls/public-sector-innovation-2027/submission`;
    await person.goto(submissionLink.replace(/^https?:\/\/[^/]+/, p.url));
    await expectAccessible(person, 'my submission');
    const edit = person.getByRole('link', { name: 'Edit and submit again' });
    if (await edit.count()) await edit.first().click();
    await person.getByLabel(/^Summary/).fill('Volunteers fix household items in Lisbon’s public libraries, with city support.');
    await person
      .getByRole('button', { name: /Submit again|^Submit$/ })
      .first()
      .click();
    await p.mailbox.waitFor(email, /updated submission/);

    // The editor accepts: the case study is published, searchable and in the feed.
    await editor.reload();
    await editor.getByRole('button', { name: 'Accept and publish' }).click();
    await p.mailbox.waitFor(email, /is accepted/);
    await editor.goto(`${p.url}/library?q=repair+caf%C3%A9s`);
    expect(await editor.locator('main').textContent()).toMatch(/Neighbourhood repair cafés/);
    await expectAccessible(editor, 'search result');
    const feed = await (await fetch(`${p.url}/library/feed.atom`)).text();
    expect(feed).toContain('Neighbourhood repair cafés');
  });
});

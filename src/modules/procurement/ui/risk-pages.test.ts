import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { getRiskSettingsRow, getTriage, listFeedback } from '../store/risk.js';
import { seedRiskDemo } from '../seed/risk-demo.js';

const LAPTOPS = 'ocds-demo-UA-2025-10-000002';

describe.each(testDatabases())('procurement risk pages without JavaScript (%s)', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedRiskDemo(t.deps, t.site.id);
  }, 60_000);
  afterAll(() => t?.close());

  it('shows a process with its flags in plain words, and 404 for an unknown one', async () => {
    const res = await createClient(t).get(`/procurement/processes/${LAPTOPS}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Laptops for computer classes');
    expect(html).toContain('Two or more bidders besides the winner were rejected.');
    expect(html).not.toContain('Assign to me');
    expect((await createClient(t).get('/procurement/processes/ocds-none')).status).toBe(404);
  });

  it('takes feedback through a plain form: errors keep what was typed, success waits for moderation', async () => {
    const visitor = createClient(t);
    const bad = await visitor.form(`/procurement/processes/${LAPTOPS}`, { intent: 'feedback', name: 'Iryna', message: 'no' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(/Your feedback: [^<]*at least 5/);
    expect(html).toContain('value="Iryna"');
    const ok = await visitor.form(`/procurement/processes/${LAPTOPS}`, {
      intent: 'feedback',
      name: 'Iryna',
      message: 'Two good offers were thrown out.',
    });
    expect([302, 303]).toContain(ok.status);
    expect(ok.headers.get('location')).toContain('done=feedback');
    const [pending] = await listFeedback(t.deps.db, t.site.id, { ocid: LAPTOPS, status: 'pending' });
    expect(pending.authorName).toBe('Iryna');

    const moderator = await signedInClient(t, 'moderator');
    const page = await (await moderator.get('/procurement/risk/feedback')).text();
    expect(page).toContain('Two good offers were thrown out.');
    expect((await createClient(t).get('/procurement/risk/feedback')).status).toBe(302);
    const published = await moderator.form('/procurement/risk/feedback', { id: pending.id, status: 'published' });
    expect([302, 303]).toContain(published.status);
    expect(await (await createClient(t).get(`/procurement/processes/${LAPTOPS}`)).text()).toContain('Two good offers were thrown out.');
  });

  it('keeps the queue to auditors and runs triage through forms', async () => {
    expect((await createClient(t).get('/procurement/risk/queue')).status).toBe(302);
    expect((await (await signedInClient(t, null)).get('/procurement/risk/queue')).status).toBe(403);
    const auditor = await signedInClient(t, 'auditor');
    const queue = await auditor.get('/procurement/risk/queue?indicator=PZ02');
    expect(queue.status).toBe(200);
    const html = await queue.text();
    expect(html).toContain('Laptops for computer classes');
    expect(html).not.toContain('School meals for the autumn term');
    // A bad filter is reported next to the form; the queue is shown unfiltered.
    const badFilter = await (await auditor.get('/procurement/risk/queue?bucket=extreme')).text();
    expect(badFilter).toContain('>Risk level: Choose one of the options</a>');

    const assigned = await auditor.form('/procurement/risk/queue', { intent: 'assign', ocid: LAPTOPS, back: '?indicator=PZ02' });
    expect(assigned.headers.get('location')).toBe('/procurement/risk/queue?indicator=PZ02');
    expect((await getTriage(t.deps.db, t.site.id, LAPTOPS))?.status).toBe('assigned');

    const path = `/procurement/processes/${LAPTOPS}`;
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'monitoring' })).status);
    const noNote = await auditor.form(path, { intent: 'outcome', outcome: 'violation', note: '' });
    expect(noNote.status).toBe(400);
    const noNoteHtml = await noNote.text();
    expect(noNoteHtml).toContain('>Note: Fill this in</a>');
    expect(noNoteHtml).toContain('<input type="radio" name="outcome" checked="" value="violation"/>');
    const twice = await auditor.form(path, { intent: 'monitoring' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('<h2>Monitoring has already started</h2>');
    expect([302, 303]).toContain((await auditor.form(path, { intent: 'outcome', outcome: 'violation', note: 'Rejections not justified.' })).status);
    expect(await getTriage(t.deps.db, t.site.id, LAPTOPS)).toMatchObject({ status: 'closed', outcome: 'violation', outcomeFlags: ['PZ02'] });

    // The road's history (tender release, then award and contract): what the second version changed.
    const road = await (await auditor.get('/procurement/processes/ocds-demo-UA-2025-04-000009')).text();
    expect(road).toContain('What changed and when');
    expect(road).toMatch(/Version 2/);
    expect(road).toContain('<li>Tender status: Active → Complete</li>');
    expect(road).not.toContain('/tender/status');
    expect(await (await createClient(t).get('/procurement/processes/ocds-demo-UA-2025-04-000009')).text()).not.toContain('Tender status:');

    const precision = await (await auditor.get('/procurement/risk/precision')).text();
    expect(precision).toMatch(
      /data-code="PZ02"><th scope="row">PZ02(<!-- -->)?: (<!-- -->)?Several bidders rejected<\/th><td>2<\/td><td>1<\/td><td>1<\/td><td>100%<\/td>/,
    );
  });

  it('edits weights through a form, refusing values out of range next to the field', async () => {
    const auditor = await signedInClient(t, 'auditor');
    const bad = await auditor.form('/procurement/risk/precision', { PZ02: '9', PZ05: '0.3' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="error-PZ02">[^<]*at most 5/);
    expect(html).toContain('value="9"');
    expect(await getRiskSettingsRow(t.deps.db, t.site.id)).toBeNull();
    const ok = await auditor.form('/procurement/risk/precision', { PZ02: '0.45' });
    expect(ok.headers.get('location')).toBe('/procurement/risk/precision?saved=1');
    expect(await getRiskSettingsRow(t.deps.db, t.site.id)).toEqual({ settings: { weights: { PZ02: 0.45 } }, version: 1 });
  });

  it('changes risk settings through a plain form: errors beside each field, nothing saved, then an audited change', async () => {
    const resident = await signedInClient(t, null);
    expect((await resident.get('/procurement/admin/risk-settings')).status).toBe(403);
    const admin = await signedInClient(t, 'auditor', { email: 'settings-auditor@example.org' });
    const page = await (await admin.get('/procurement/admin/risk-settings')).text();
    expect(page).toMatch(/id="field-rules.PZ06.threshold"[^>]*value="200000"/);
    // The weight changed on the precision page above is in the audit.
    expect(page).toMatch(/PZ02: Several bidders rejected: (<!-- -->)?0.4(<!-- -->)? → (<!-- -->)?0.45/);
    const bad = await admin.form('/procurement/admin/risk-settings', {
      'rules.PZ06.threshold': 'lots',
      'buckets.high': '0.1',
      'weights.R018': '0.3',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(
      /<p class="error" id="([^"]+)">Enter a number<\/p><input id="field-rules.PZ06.threshold" aria-describedby="\1" aria-invalid="true"[^>]*value="lots"/,
    );
    expect(html).toMatch(/<p class="error"[^>]*>Must be above the medium-risk cut-off<\/p><input id="field-buckets.high"/);
    expect(html).toContain('>High risk from score: Must be above the medium-risk cut-off</a>');
    expect(html).toContain('name="weights.R018" value="0.3"');
    expect(await getRiskSettingsRow(t.deps.db, t.site.id)).toMatchObject({ settings: { weights: { PZ02: 0.45 } } });
    const ok = await admin.form('/procurement/admin/risk-settings', { 'rules.PZ06.threshold': '180000', 'buckets.high': '1.2' });
    expect(ok.headers.get('location')).toBe('/procurement/admin/risk-settings?saved=1');
    const after = await (await admin.get('/procurement/admin/risk-settings?saved=1')).text();
    expect(after).toContain('Settings saved.');
    expect(after).toMatch(/PZ06: open tender threshold for goods and services \(UAH\): (<!-- -->)?200000(<!-- -->)? → (<!-- -->)?180000/);
    expect(after).toMatch(/<td>auditor<\/td>/);
  });

  it('shows the dashboard and profiles to everyone', async () => {
    const dash = await (await createClient(t).get('/procurement/risk')).text();
    expect(dash).toContain('<figure class="bar-chart"');
    expect(dash).toContain('Demo Regional Roads Service');
    // Month x red flag: the road resurfacing (April 2025) carries PZ02, PZ03 and PZ04.
    expect(dash).toMatch(/<th scope="row">2025-04<\/th>(<td>\d+<\/td>)+<\/tr>/);
    const supplier = await createClient(t).get('/procurement/suppliers/UA-EDR-DEMO-102');
    expect(supplier.status).toBe(200);
    expect(await supplier.text()).toContain('Beta Trade LLC');
    expect((await createClient(t).get('/procurement/buyers/nobody')).status).toBe(404);
  });
});

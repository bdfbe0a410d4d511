import { benchBudgeting } from './budgeting.js';
import { benchColdStart } from './cold-start.js';
import { benchConsultations } from './consultations.js';
import { benchConsultationsDb } from './consultations-db.js';
import { benchConsultationResponses } from './consultation-responses.js';
import { benchConversations } from './conversations.js';
import { benchConversationVotes } from './conversation-votes.js';
import { benchGeocode } from './geocode.js';
import { benchLibrary } from './library.js';
import { benchPgliteDurability } from './pglite-durability.js';
import { benchProcurement } from './procurement.js';
import { benchProcurementHostile } from './procurement-hostile.js';
import { benchProcurementIndicators } from './procurement-indicators.js';
import { benchProcurementRisk } from './procurement-risk.js';
import { benchServiceRequests } from './service-requests.js';
import { ms, report } from './lib.js';

/**
 * `npm run bench`: prints figures and ratios to baselines measured in the same run. It never
 * fails on time; it fails only if something it measures is broken.
 */
async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  process.stdout.write(`# Polity benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
  if (want('library')) await benchLibrary();
  if (want('budgeting')) await benchBudgeting();
  if (want('conversations')) await benchConversations();
  if (want('conversation-votes')) await benchConversationVotes();
  if (want('procurement')) await benchProcurement();
  if (want('procurement-indicators')) await benchProcurementIndicators();
  if (want('procurement-hostile')) await benchProcurementHostile();
  if (want('procurement-risk')) await benchProcurementRisk();
  if (want('service-requests')) await benchServiceRequests();
  if (want('consultations')) await benchConsultations();
  if (want('consultations-db')) await benchConsultationsDb();
  if (want('consultation-responses')) await benchConsultationResponses();
  if (want('geocode')) await benchGeocode();
  if (want('pglite-durability')) await benchPgliteDurability();
  if (want('cold-start')) {
    const c = await benchColdStart();
    report('Cold start of `polity serve --demo` to /readyz', [
      ['empty data folder (migrate + demo seed)', ms(c.empty)],
      ['existing data folder', ms(c.existing)],
    ]);
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

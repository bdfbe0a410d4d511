import { asArray, asString, readId } from '../common.js';
import { flagProcess, readActiveAwards, readContracts, readMoney, readTime } from './helpers.js';
import type { ProzorroRule, ProzorroRuleSettings } from './types.js';

const DAY_MS = 86_400_000;

interface Purchase {
  ocid: string;
  time: number;
}

/**
 * PZ06 Split purchases: repeat purchases from one supplier just below the competitive threshold
 * within a year. Flags every process of a (buyer, supplier, works or not) group that has at least
 * `minimumPurchases` awards, each in [threshold x (1 - band), threshold), within `windowDays` of
 * each other (a sliding window over award dates).
 *
 * Buyer: `buyer.id`, else `tender.procuringEntity.id`. Purchase: an active award to exactly one
 * supplier, its amount in `currency`, dated by `awards[].date`, else the first
 * `contracts[].dateSigned` of that award, else the release `date`. Processes of any method count
 * (the point of splitting is to stay out of the competitive ones); value floors do not apply.
 * Reads: `buyer.id`, `tender.procuringEntity.id`, `awards[].status|suppliers|value|date|id`,
 * `contracts[].awardID|dateSigned`, `date`.
 * Parameters: `threshold` for goods and services and `worksThreshold` for works
 * (`tender.mainProcurementCategory` = works), defaults 200,000 and 1,500,000 UAH: the competitive
 * thresholds of the Law of Ukraine "On Public Procurement", art. 3 part 1 (COMPETITIVE_THRESHOLDS_UAH
 * in ../risk-settings.ts, with the source); `currency` (default UAH), `band` (default 0.2: for
 * goods 160,000-199,999.99), `windowDays` (default 365), `minimumPurchases` (default 2). A site
 * changes them in its risk settings. Output: OCID = the largest number of purchases in a window
 * holding this process.
 * Source: ProZorro/DOZORRO splitting rule ("подрібнення предмета закупівлі"), State Audit
 * Service risk catalogue; /work/shared/references/procurement-indicators.md.
 */
export function createPz06(settings: NonNullable<ProzorroRuleSettings['PZ06']>): ProzorroRule {
  const goodsThreshold = settings.threshold ?? 200_000;
  const worksThreshold = settings.worksThreshold ?? 1_500_000;
  const currency = settings.currency ?? 'UAH';
  const band = settings.band ?? 0.2;
  const windowMs = (settings.windowDays ?? 365) * DAY_MS;
  const minimum = Math.max(settings.minimumPurchases ?? 2, 2);
  const pairs = new Map<string, Purchase[]>();
  return {
    code: 'PZ06',
    accumulate(release, ocid) {
      const buyer = readId(release.buyer) ?? readId((release.tender as Record<string, unknown> | undefined)?.procuringEntity);
      if (buyer === undefined) return;
      const contracts = readContracts(release);
      const category = (release.tender as Record<string, unknown> | undefined)?.mainProcurementCategory;
      const threshold = category === 'works' ? worksThreshold : goodsThreshold;
      const floor = threshold * (1 - band);
      for (const award of readActiveAwards(release)) {
        const suppliers = asArray(award.suppliers) ?? [];
        const supplier = suppliers.length === 1 ? readId(suppliers[0]) : undefined;
        const value = readMoney(award.value);
        if (supplier === undefined || !value || value.currency !== currency) continue;
        if (value.amount < floor || value.amount >= threshold) continue;
        const signed = contracts.find((c) => String(c.awardID) === String(award.id) && readTime(c.dateSigned) !== undefined);
        const time = readTime(award.date) ?? readTime(signed?.dateSigned) ?? readTime(asString(release.date));
        if (time === undefined) continue;
        const key = JSON.stringify([buyer, supplier, category === 'works']);
        let list = pairs.get(key);
        if (!list) pairs.set(key, (list = []));
        list.push({ ocid, time });
      }
    },
    finish(out) {
      for (const list of pairs.values()) {
        if (list.length < minimum) continue;
        list.sort((a, b) => a.time - b.time || (a.ocid < b.ocid ? -1 : a.ocid > b.ocid ? 1 : 0));
        const best = new Map<string, number>();
        let start = 0;
        for (let end = 0; end < list.length; end++) {
          while (list[end].time - list[start].time > windowMs) start++;
          const count = new Set(list.slice(start, end + 1).map((p) => p.ocid)).size;
          if (count < minimum) continue;
          for (let i = start; i <= end; i++) best.set(list[i].ocid, Math.max(best.get(list[i].ocid) ?? 0, count));
        }
        for (const [ocid, count] of best) flagProcess(out, ocid, 'PZ06', count);
      }
    },
  };
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRandom } from '../../../math/random.js';

type Obj = Record<string, unknown>;

/**
 * A publisher profile: the real data sets in `ocds/` (ProZorro, Armenia's ARMEPS, Moldova's
 * MTender, Portugal's BASE) differ in currency, methods and the `procurementMethodDetails` codes.
 */
interface Country {
  prefix: string;
  scheme: string;
  currency: string;
  /** Share of processes in a second currency (foreign-currency tenders). */
  foreign: { currency: string; share: number };
  countryName: string;
  localities: readonly string[];
  streets: readonly string[];
  /** Method, its details code, and its weight. */
  methods: readonly (readonly [string, string, number])[];
  /** Typical tender value, in the main currency. */
  scale: number;
  language: string;
}

const COUNTRIES: readonly (Country & { weight: number })[] = [
  {
    weight: 0.55,
    prefix: 'ocds-be6bcu-UA',
    scheme: 'UA-EDR',
    currency: 'UAH',
    foreign: { currency: 'USD', share: 0.03 },
    countryName: 'Україна',
    localities: ['м. Київ', 'м. Харків', 'м. Львів', 'м. Одеса', 'м. Дніпро', 'м. Кривий Ріг', 'м. Вінниця', 'м. Полтава'],
    streets: ['вул. Хрещатик', 'вул. Шевченка', 'просп. Перемоги', 'вул. Франка', 'вул. Соборна', 'вул. Героїв Праці'],
    methods: [
      ['open', 'aboveThresholdUA', 0.25],
      ['open', 'belowThreshold', 0.35],
      ['open', 'aboveThresholdEU', 0.05],
      ['selective', 'competitiveDialogueUA', 0.03],
      ['limited', 'reporting', 0.22],
      ['limited', 'negotiation.quick', 0.1],
    ],
    scale: 400_000,
    language: 'uk',
  },
  {
    weight: 0.2,
    prefix: 'ocds-3kn1tb-AM',
    scheme: 'AM-TIN',
    currency: 'AMD',
    foreign: { currency: 'EUR', share: 0.02 },
    countryName: 'AM',
    localities: ['Երևան', 'Գյումրի', 'Վանաձոր', 'Աբովյան'],
    streets: ['Բաղրամյան', 'Մաշտոցի', 'Տիգրան Մեծի', 'Կոմիտասի'],
    methods: [
      ['open', 'open procedure', 0.45],
      ['selective', 'request for quotations', 0.3],
      ['direct', 'single source procurement', 0.25],
    ],
    scale: 3_000_000,
    language: 'hy',
  },
  {
    weight: 0.15,
    prefix: 'ocds-b3wdp1-MD',
    scheme: 'MD-IDNO',
    currency: 'MDL',
    foreign: { currency: 'EUR', share: 0.05 },
    countryName: 'Moldova',
    localities: ['Chișinău', 'Bălți', 'Cahul', 'Orhei', 'Ungheni'],
    streets: ['str. Ștefan cel Mare', 'str. Pușkin', 'bd. Dacia', 'str. Columna'],
    methods: [
      ['open', 'licitatie deschisa', 0.6],
      ['selective', 'cerere a ofertelor de preturi', 0.3],
      ['limited', 'negociere fara publicare', 0.1],
    ],
    scale: 250_000,
    language: 'ro',
  },
  {
    weight: 0.1,
    prefix: 'ocds-a9s6qa-PT',
    scheme: 'PT-NIF',
    currency: 'EUR',
    foreign: { currency: 'USD', share: 0.01 },
    countryName: 'Portugal',
    localities: ['Lisboa', 'Porto', 'Braga', 'Coimbra', 'Faro'],
    streets: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina', 'Praça do Comércio'],
    methods: [
      ['open', 'Concurso público', 0.35],
      ['limited', 'Consulta Prévia', 0.25],
      ['direct', 'Ajuste Direto Regime Geral', 0.4],
    ],
    scale: 60_000,
    language: 'pt',
  },
];

/** CPV divisions with a code and description, for items' classifications. */
const CPV: readonly (readonly [string, string])[] = [
  ['03000000-1', 'Agricultural, farming, fishing, forestry and related products'],
  ['09000000-3', 'Petroleum products, fuel, electricity and other sources of energy'],
  ['15000000-8', 'Food, beverages, tobacco and related products'],
  ['18000000-9', 'Clothing, footwear, luggage articles and accessories'],
  ['22000000-0', 'Printed matter and related products'],
  ['30000000-9', 'Office and computing machinery, equipment and supplies'],
  ['31000000-6', 'Electrical machinery, apparatus, equipment and consumables'],
  ['32000000-3', 'Radio, television, communication, telecommunication and related equipment'],
  ['33000000-0', 'Medical equipments, pharmaceuticals and personal care products'],
  ['34000000-7', 'Transport equipment and auxiliary products to transportation'],
  ['39000000-2', 'Furniture, furnishings, domestic appliances and cleaning products'],
  ['42000000-6', 'Industrial machinery'],
  ['44000000-0', 'Construction structures and materials'],
  ['45000000-7', 'Construction work'],
  ['48000000-8', 'Software package and information systems'],
  ['50000000-5', 'Repair and maintenance services'],
  ['60000000-8', 'Transport services (excl. Waste transport)'],
  ['71000000-8', 'Architectural, construction, engineering and inspection services'],
  ['72000000-5', 'IT services: consulting, software development, Internet and support'],
  ['79000000-4', 'Business services: law, marketing, consulting, recruitment, printing and security'],
  ['80000000-4', 'Education and training services'],
  ['85000000-9', 'Health and social work services'],
  ['90000000-7', 'Sewage, refuse, cleaning and environmental services'],
];

const FIRST_NAMES = ['Olena', 'Andrii', 'Iryna', 'Taras', 'Anna', 'Mihai', 'Ana', 'Armen', 'Lusine', 'João', 'Maria', 'Pedro', 'Oksana', 'Ion'];
const LAST_NAMES = ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Popescu', 'Rusu', 'Petrosyan', 'Hakobyan', 'Silva', 'Santos', 'Melnyk', 'Ceban'];
const COMPANY_KINDS = ['LLC', 'TOV', 'SRL', 'Lda', 'PE', 'CJSC'];
const COMPANY_WORDS = ['Alpha', 'Prime', 'Nova', 'Techno', 'Agro', 'Med', 'Stroy', 'Trans', 'Invest', 'Servis', 'Energo', 'Ukr', 'Arm', 'Lus'];

/** How many buyers and suppliers the generated market has (few enough that many recur, as in real data). */
export const GENERATED_BUYERS = 4_000;
export const GENERATED_SUPPLIERS = 30_000;

/** Options of the generator. */
export interface CompiledReleaseOptions {
  /** Seed of `createRandom` (the same seed gives the same releases). Default 6. */
  seed?: number;
  /** Number of buyers (default {@link GENERATED_BUYERS}). */
  buyers?: number;
  /** Number of suppliers (default {@link GENERATED_SUPPLIERS}); a small market lets a few releases fill the per-supplier indicators. */
  suppliers?: number;
}

/** One organisation of the generated market, described the same way in every release it appears in. */
interface Org {
  /** Its number among the buyers or the suppliers. */
  k: number;
  id: string;
  name: string;
  country: Country;
  /** A plain party reference (`{id, name}`), as in `buyer`, `tenderers` and `suppliers`. */
  ref: { id: string; name: string };
  address: Obj;
  contactPoint: Obj;
  identifier: Obj;
  /** CPV divisions this organisation usually sells (suppliers); a few sell anything. */
  divisions: readonly number[];
}

function pickWeighted<T>(random: () => number, items: readonly T[], weight: (t: T) => number): T {
  let r = random() * items.reduce((s, t) => s + weight(t), 0);
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1];
}

function iso(ms: number, offset: string): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, offset);
}

/** The organisation `k` of a kind: its names, address and contacts derive from `k`, so every release describes it alike. */
function makeOrg(kind: 'buyer' | 'supplier', k: number): Org {
  const country = COUNTRIES[k % COUNTRIES.length];
  const code = String((kind === 'buyer' ? 20_000_000 : 30_000_000) + k * 7);
  const id = `${country.scheme}-${code}`;
  const word = COMPANY_WORDS[k % COMPANY_WORDS.length] + COMPANY_WORDS[Math.floor(k / COMPANY_WORDS.length) % COMPANY_WORDS.length].toLowerCase();
  const name =
    kind === 'buyer'
      ? `Municipal authority no. ${k} (${country.localities[k % country.localities.length]})`
      : `${word} ${COMPANY_KINDS[k % COMPANY_KINDS.length]} ${k}`;
  // Supplier 2j+1 of every 50th pair is a shell of 2j: same address and contact person (R044 fires when both bid).
  const twin = kind === 'supplier' && k % 100 === 1 ? k - 1 : k;
  const person = `${FIRST_NAMES[twin % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(twin / FIRST_NAMES.length) % LAST_NAMES.length]} ${twin}`;
  const address = {
    streetAddress: `${country.streets[twin % country.streets.length]}, ${1 + (twin % 180)}, office ${twin}`,
    locality: country.localities[twin % country.localities.length],
    region: country.localities[(twin + 1) % country.localities.length],
    postalCode: String(10_000 + ((twin * 37) % 89_999)),
    countryName: country.countryName,
  };
  const divisions = kind === 'buyer' || k % 40 === 7 ? CPV.map((_, i) => i) : [k % CPV.length, (k * 7 + 3) % CPV.length];
  return {
    k,
    id,
    name,
    country,
    ref: { id, name },
    address,
    contactPoint: { name: person, email: `office${twin}@example.org`, telephone: `+${380_000_000_000 + twin * 13}` },
    identifier: { scheme: country.scheme, id: code, legalName: name },
    divisions,
  };
}

/**
 * Generates compiled releases shaped like the real ones in the shared data (`ocds/`: ProZorro,
 * Armenia, Moldova, Portugal): parties with roles, `buyer`, `tender` with method, method details,
 * value, period, items with CPV classifications, tenderers and documents, `bids.details`, awards
 * with suppliers, value, date and items, and contracts with amendments; several currencies.
 * A realistic share of Cardinal's red flags fire: short periods, single bids, cover bids, identical
 * prices, late winning bids, disqualified lowest bids, shared contact details, heterogeneous suppliers.
 * Seeded: the same seed gives the same sequence.
 */
export function* generateCompiledReleases(count: number, options: CompiledReleaseOptions = {}): Generator<Obj> {
  const random = createRandom(options.seed ?? 6);
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;
  const buyers = new Map<number, Org>();
  const suppliers = new Map<number, Org>();
  const org = (kind: 'buyer' | 'supplier', k: number) => {
    const cache = kind === 'buyer' ? buyers : suppliers;
    let o = cache.get(k);
    if (!o) cache.set(k, (o = makeOrg(kind, k)));
    return o;
  };
  const buyerCount = options.buyers ?? GENERATED_BUYERS;
  const supplierCount = options.suppliers ?? GENERATED_SUPPLIERS;
  // Popular suppliers bid more often than the long tail (a skewed choice).
  const supplierIndex = () => Math.min(supplierCount - 1, Math.floor(supplierCount * random() ** 1.3));
  // Cover bidders (one supplier in 250) bid often and never win (R025); one in 300 is often disqualified (R038).
  const coverBidders = Math.max(1, Math.floor(supplierCount / 250));
  const isCover = (k: number) => k % 250 === 3;
  const oftenDisqualified = (k: number) => k % 300 === 11;
  const start2016 = Date.UTC(2016, 0, 1);
  for (let i = 0; i < count; i++) {
    const country = pickWeighted(random, COUNTRIES, (c) => c.weight);
    const [method, details] = pickWeighted(random, country.methods, (m) => m[2]);
    const buyerK = Math.floor(buyerCount * random() ** 1.5);
    const buyer = org('buyer', buyerK);
    const foreign = chance(country.foreign.share);
    const currency = foreign ? country.foreign.currency : country.currency;
    const scale = foreign ? 20_000 : country.scale;
    const estimate = Math.round(scale * (0.05 + random() * random() * 4) * 100) / 100;
    const competitive = method === 'open' || method === 'selective';
    const offset = country.prefix.endsWith('UA') ? '+02:00' : country.prefix.endsWith('AM') ? '+04:00' : 'Z';
    const ocid = `${country.prefix}-${2016 + (i % 8)}-${String(i).padStart(7, '0')}`;

    const tenderStart = start2016 + int(8 * 365) * 86_400_000 + int(86_400) * 1000;
    // Most periods follow the law (15 to 45 days); some are cut short (R003).
    const days = chance(0.08) ? 2 + int(10) : 15 + int(31);
    const tenderEnd = tenderStart + days * 86_400_000 + int(3_600) * 1000;

    // Bidders: competitive methods get 1 to 7 (one in six gets a single bid, R018), others one or none.
    let bidders: Org[] = [];
    let lead = supplierIndex();
    if (competitive) {
      const n = chance(0.16) ? 1 : 2 + Math.min(5, Math.floor(-Math.log(1 - random()) * 1.6));
      while (isCover(lead)) lead = supplierIndex();
      const seen = new Set<number>([lead]);
      // A shell pair bids together now and then (R044).
      if (n >= 2 && chance(0.01)) {
        const base = 100 * int(Math.max(1, Math.floor(supplierCount / 100)));
        seen.add(base).add(base + 1);
      }
      if (n >= 2 && chance(0.05)) seen.add(250 * int(coverBidders) + 3);
      while (seen.size < n) seen.add(supplierIndex());
      // The lead bidder bids lowest; a cover bidder is never first.
      bidders = [...seen].filter((k) => k < supplierCount).map((k) => org('supplier', k));
    }
    const leadOrg = org('supplier', lead);
    const division = leadOrg.divisions[int(leadOrg.divisions.length)];
    const itemCount = 1 + Math.min(4, Math.floor(-Math.log(1 - random()) * 0.9));
    const items = Array.from({ length: itemCount }, (_, j) => {
      const [cpv, description] = CPV[j === 0 || chance(0.9) ? division : leadOrg.divisions[int(leadOrg.divisions.length)]];
      const cpvCode = `${cpv.slice(0, 3)}${int(10)}${int(10)}000-${int(10)}`;
      return {
        id: `${i.toString(16)}-${j}`,
        description,
        classification: { scheme: 'CPV', id: cpvCode, description },
        quantity: 1 + int(200),
        unit: { scheme: 'UNCEFACT', id: 'H87', name: 'piece' },
      };
    });

    // Bids: amounts spread around the estimate; some disqualified; a few identical prices (R028),
    // a few late (R030), a few with the lowest bid disqualified (R036).
    const cheapest = estimate * (0.6 + random() * 0.35);
    // The second-lowest bid is usually 4-8 % above the lowest; now and then far above (R058) or
    // just above it, a cover bid (R024); the others higher still.
    const second = chance(0.03) ? 0.3 + random() * 0.5 : chance(0.02) ? 0.002 : 0.04 + random() * 0.04;
    const bids = bidders.map((b, j) => {
      const amount = Math.round(cheapest * (j === 0 ? 1 : j === 1 ? 1 + second : 1 + second + random() * 0.3) * 100) / 100;
      const late = j === 0 && chance(0.01);
      const date = late ? tenderEnd + (1 + int(48)) * 3_600_000 : tenderStart + int(Math.max(1, tenderEnd - tenderStart));
      return {
        id: `${ocid}-bid-${j}`,
        date: iso(date, offset),
        status: 'valid',
        tenderers: [b.ref],
        value: { amount, currency },
      };
    });
    if (bids.length >= 2 && chance(0.01)) bids[bids.length - 1].value = { ...bids[0].value };
    // Winner: the lowest valid bid (usually the first); sometimes the lowest is disqualified first.
    let winner = 0;
    if (bids.length >= 2) {
      const rejectedLowest = chance(0.05);
      if (rejectedLowest) {
        bids[0].status = 'disqualified';
        winner = 1 + int(bids.length - 1);
      }
      for (let j = 1; j < bids.length; j++) {
        if (j !== winner && chance(oftenDisqualified(bidders[j].k) ? 0.5 : 0.06)) bids[j].status = 'disqualified';
      }
      // All but the winner disqualified now and then (R035).
      if (chance(0.005)) for (let j = 0; j < bids.length; j++) if (j !== winner) bids[j].status = 'disqualified';
    }
    const tenderStatus = chance(0.03) ? 'cancelled' : chance(0.06) ? 'active' : 'complete';
    const pendingAward = tenderStatus === 'active';

    // Awards: unsuccessful ones for disqualified bids, then the winner's (pending while the tender is active).
    const winnerOrg = competitive ? bidders[winner] : leadOrg;
    const awardValue = competitive ? bids[winner].value.amount : Math.round(estimate * (0.8 + random() * 0.2) * 100) / 100;
    const awardDate = tenderEnd + (1 + int(20)) * 86_400_000;
    const awards: Obj[] = [];
    bids.forEach((bid, j) => {
      if (bid.status === 'disqualified')
        awards.push({
          id: `${ocid}-a${j}`,
          status: 'unsuccessful',
          date: iso(awardDate - 86_400_000, offset),
          suppliers: [bidders[j].ref],
          value: bid.value,
        });
    });
    if (tenderStatus !== 'cancelled' && winnerOrg) {
      awards.push({
        id: `${ocid}-a`,
        title: items[0].description,
        status: pendingAward ? 'pending' : 'active',
        date: iso(awardDate, offset),
        value: { amount: awardValue, currency },
        suppliers: [winnerOrg.ref],
        items: items.map((it) => ({ id: it.id, classification: it.classification, quantity: it.quantity })),
      });
    }
    const contracts: Obj[] = [];
    if (!pendingAward && tenderStatus === 'complete' && winnerOrg) {
      const amendments = chance(0.12) ? 1 + int(4) : 0;
      const increased = amendments > 0 && chance(0.5);
      contracts.push({
        id: `${ocid}-c`,
        awardID: `${ocid}-a`,
        status: 'active',
        title: `Contract for ${items[0].description.toLowerCase()}`,
        dateSigned: iso(awardDate + 5 * 86_400_000, offset),
        period: { startDate: iso(awardDate + 5 * 86_400_000, offset), endDate: iso(awardDate + 200 * 86_400_000, offset) },
        value: { amount: increased ? Math.round(awardValue * 110) / 100 : awardValue, currency },
        amendments: Array.from({ length: amendments }, (_, j) => ({
          id: `${ocid}-c-m${j}`,
          date: iso(awardDate + (30 + 20 * j) * 86_400_000, offset),
          rationale: increased && j === 0 ? 'Price increase after market change' : 'Change of delivery dates',
        })),
      });
    }
    const parties: Obj[] = [
      {
        id: buyer.id,
        name: buyer.name,
        identifier: buyer.identifier,
        address: buyer.address,
        contactPoint: buyer.contactPoint,
        roles: ['buyer', 'procuringEntity'],
      },
    ];
    for (const b of bidders) {
      parties.push({
        id: b.id,
        name: b.name,
        identifier: b.identifier,
        address: b.address,
        contactPoint: b.contactPoint,
        roles: b === winnerOrg ? ['tenderer', 'supplier'] : ['tenderer'],
      });
    }
    if (!competitive && winnerOrg)
      parties.push({ id: winnerOrg.id, name: winnerOrg.name, identifier: winnerOrg.identifier, address: winnerOrg.address, roles: ['supplier'] });

    yield {
      ocid,
      id: `${ocid}-${tenderEnd}`,
      date: iso(contracts.length > 0 ? awardDate + 5 * 86_400_000 : tenderEnd, offset),
      tag: ['compiled'],
      initiationType: 'tender',
      language: country.language,
      parties,
      buyer: buyer.ref,
      tender: {
        id: `${ocid}-tender`,
        title: `${items[0].description} (${buyer.country.localities[buyerK % buyer.country.localities.length]})`,
        status: tenderStatus,
        procuringEntity: buyer.ref,
        value: { amount: estimate, currency },
        procurementMethod: method,
        procurementMethodDetails: details,
        mainProcurementCategory: division === 13 || division === 17 ? 'works' : division >= 15 ? 'services' : 'goods',
        awardCriteria: 'lowestCost',
        submissionMethod: ['electronicSubmission'],
        tenderPeriod: { startDate: iso(tenderStart, offset), endDate: iso(tenderEnd, offset) },
        ...(competitive ? { numberOfTenderers: bidders.length, tenderers: bidders.map((b) => b.ref) } : {}),
        items,
        documents: [
          {
            id: `${ocid}-doc-1`,
            documentType: 'tenderNotice',
            title: 'Notice.pdf',
            url: `https://public.docs.example.org/get/${ocid}/notice.pdf`,
            format: 'application/pdf',
            datePublished: iso(tenderStart, offset),
          },
        ],
      },
      ...(competitive ? { bids: { details: bids } } : {}),
      awards,
      contracts,
    };
  }
}

/**
 * Writes `count` generated compiled releases to `file`, one JSON object per line, streaming with
 * back-pressure (memory stays bounded whatever `count`). Returns the number of bytes written.
 */
export async function writeCompiledReleases(file: string, count: number, options: CompiledReleaseOptions = {}): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk = '';
  try {
    for (const release of generateCompiledReleases(count, options)) {
      chunk += JSON.stringify(release) + '\n';
      if (chunk.length >= 1 << 20) {
        bytes += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    bytes += Buffer.byteLength(chunk);
    out.end(chunk);
    await once(out, 'finish');
    return bytes;
  } catch (e) {
    out.destroy();
    throw e;
  }
}

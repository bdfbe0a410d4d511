import type { CaseStudyInput, PostInput } from '../core/schemas.js';

/**
 * Demo case studies for the innovation library: well-known public-sector innovations from every
 * level of government, described in general terms in Polity's own words. Some are written in two
 * languages and a few only in their original language, so the locale fallback can be seen.
 */
export const demoCaseStudies: CaseStudyInput[] = [
  {
    slug: 'citizens-connect-punjab',
    title: { en: 'Citizens Connect: asking citizens how their public services went, Punjab' },
    summary: {
      en: 'Instead of waiting for complaints, the Punjab government contacts people right after they use a public service and asks, by text message or call, whether it went well and whether anyone asked for a bribe. The answers are gathered into dashboards that senior officials use to follow up with offices.',
    },
    body: {
      en: `## The problem

Many people who deal with a land registry, a police station or a health clinic never complain, even when the service is slow or someone demands an informal payment. Complaint systems only hear from the few who know how to use them, so managers rarely see the everyday experience of ordinary users.

## What was done

The idea started as an experiment by a district administration in Punjab and was later taken up across the province with the Punjab Information Technology Board. When a citizen completes a transaction, their phone number is recorded and they receive a message or call from the government asking about the experience.

- Questions are short and can be answered by text message or through a mobile app.
- Answers are grouped by office, service and official, and shown on dashboards.
- Senior officials call back a sample of citizens themselves, which signals that the feedback is taken seriously.

## Results and lessons

The programme turned feedback from a rare, adversarial act into a routine one, and gave managers a steady signal about where petty corruption and poor treatment occurred. It also showed that the act of asking matters: being contacted by the state changes how citizens see it. Response rates and follow-up vary between departments, which is a reminder that the data is only as useful as the management routines built around it.`,
    },
    country: 'PK',
    level: 'regional',
    sectors: ['general-public-services', 'digital-government', 'justice'],
    tags: ['citizen feedback', 'sms', 'anti-corruption', 'service quality'],
    stage: 'diffusion',
    yearLaunched: 2008,
    organisations: [
      { name: 'Government of the Punjab', role: 'lead' },
      { name: 'Punjab Information Technology Board', role: 'partner' },
    ],
    links: [{ title: 'Punjab Information Technology Board', url: 'https://pitb.gov.pk' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-02-12T09:00:00Z'),
  },
  {
    slug: 'fixmystreet',
    title: { en: 'FixMyStreet: reporting street problems to the right council' },
    summary: {
      en: 'FixMyStreet lets anyone put a pin on a map to report a pothole, a broken streetlight or fly-tipping, and sends the report to the authority responsible for that spot. Reports are public, so neighbours can see what has been reported and whether it was fixed.',
    },
    body: {
      en: `## The problem

In the United Kingdom, responsibility for streets is split between district, county and unitary councils, and residents rarely know which one looks after a given pavement or lamp post. Reporting a problem often meant finding the right phone number first, and then hearing nothing back.

## How it works

The charity mySociety built FixMyStreet so that the citizen only has to say *where* and *what*. The site works out which body is responsible from the location and category and forwards the report.

- A report has a location, a category, a description and optionally a photo.
- Reports and updates are published, which reduces duplicates and adds gentle public pressure.
- Councils can receive reports by email or connect the platform to their own systems, and some run it as their official reporting channel.

## Results and lessons

FixMyStreet became one of the best-known civic tech tools in Europe. Its code is open source and has been reused by groups and public bodies in many other countries. The main lessons are that routing is the hard part, that closing the loop with the reporter matters as much as collecting the report, and that a civil society tool can become part of the official service when councils choose to adopt it.`,
    },
    country: 'GB',
    level: 'local',
    sectors: ['urban-development', 'transport', 'waste'],
    tags: ['civic tech', 'service requests', 'open source', 'maps'],
    stage: 'diffusion',
    yearLaunched: 2007,
    organisations: [{ name: 'mySociety', role: 'lead' }],
    links: [
      { title: 'FixMyStreet', url: 'https://www.fixmystreet.com' },
      { title: 'mySociety', url: 'https://www.mysociety.org' },
    ],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-03-05T09:00:00Z'),
  },
  {
    slug: 'bogota-data-driven-waste-collection',
    title: {
      es: 'Bogotá: un servicio de aseo guiado por datos',
      en: 'Bogotá: a data-driven waste collection service',
    },
    summary: {
      es: 'Bogotá reorganizó la recolección de basuras y la limpieza urbana por zonas, con operadores obligados a reportar datos de sus rutas y con reclamos ciudadanos que alimentan la supervisión. La ciudad usa esa información para vigilar la calidad del servicio barrio por barrio.',
      en: 'Bogotá reorganised rubbish collection and street cleaning into service areas, with operators required to report data on their routes and with citizen complaints feeding supervision. The city uses that information to watch service quality neighbourhood by neighbourhood.',
    },
    body: {
      es: `## El problema

Durante años la recolección de residuos en Bogotá pasó por cambios de modelo y crisis visibles en las calles. La ciudad necesitaba saber, con algo más que inspecciones puntuales, si los camiones pasaban cuando debían y si las calles quedaban limpias.

## Qué se hizo

La Unidad Administrativa Especial de Servicios Públicos (UAESP) organizó el servicio en áreas atendidas por operadores contratados, con obligaciones de información detalladas.

- Los vehículos reportan su posición y el cumplimiento de las rutas.
- Las peticiones y quejas de los ciudadanos se registran y se cruzan con los datos de operación.
- La interventoría y la unidad revisan indicadores por zona y exigen correcciones.

## Resultados y lecciones

El enfoque dio a la administración una imagen más continua del servicio y una base más sólida para discutir con los operadores. La lección principal es que los contratos deben exigir los datos desde el principio: sin obligaciones de reporte claras, la supervisión vuelve a depender de visitas aisladas.`,
      en: `## The problem

For years, waste collection in Bogotá went through changes of model and crises that were visible in the streets. The city needed to know, with more than occasional inspections, whether trucks came when they should and whether streets were left clean.

## What was done

The city's Special Administrative Unit for Public Services (UAESP) organised the service into areas served by contracted operators with detailed reporting duties.

- Vehicles report their position and whether routes were completed.
- Citizens' requests and complaints are recorded and compared with operating data.
- Supervisors and the unit review indicators by area and demand corrections.

## Results and lessons

The approach gave the administration a more continuous picture of the service and a firmer basis for discussions with operators. The main lesson is that contracts must require the data from the start: without clear reporting duties, supervision falls back on isolated visits.`,
    },
    country: 'CO',
    level: 'local',
    sectors: ['waste', 'urban-development', 'environment'],
    tags: ['open data', 'service monitoring', 'contract management'],
    stage: 'implementation',
    yearLaunched: 2018,
    organisations: [{ name: 'Unidad Administrativa Especial de Servicios Públicos (UAESP)', role: 'lead' }],
    links: [{ title: 'UAESP', url: 'https://www.uaesp.gov.co' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2024-04-18T09:00:00Z'),
  },
  {
    slug: 'vtaiwan-polis',
    title: { en: 'vTaiwan: open conversations that find rough consensus with Pol.is' },
    summary: {
      en: 'vTaiwan is a process, started by the civic tech community and taken up by government, for discussing contested digital regulation in the open. Its best-known step uses Pol.is, where participants vote on short statements and the tool maps opinion groups and the statements that many groups agree on.',
    },
    body: {
      en: `## The problem

Questions such as how to regulate ride-hailing or online alcohol sales set established industries against new entrants and their users. Traditional consultations tended to collect long position papers and amplify the loudest voices, which made it hard for officials to see where agreement was possible.

## How it works

vTaiwan grew out of the g0v civic tech community and was adopted by government ministries as a way to prepare regulation. A typical process moves from gathering facts, to an open online conversation, to face-to-face meetings that are streamed, to a government response.

- In Pol.is, participants write short statements and vote agree, disagree or pass on others' statements.
- There is no reply button, so there is nothing to argue with; the tool clusters participants by how they vote.
- Statements supported across all clusters are highlighted as a basis for the next stage.

## Results and lessons

Several conversations fed into regulations, and the approach drew international attention as a way to make online deliberation less polarised. Not every process led to a decision, and its influence depended on ministries committing in advance to respond. The lasting lesson is that a design which rewards finding common ground, rather than winning arguments, changes how people take part.`,
    },
    country: 'TW',
    level: 'national',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['polis', 'civic tech', 'deliberation', 'open conversations'],
    stage: 'diffusion',
    yearLaunched: 2015,
    organisations: [
      { name: 'g0v community', role: 'lead' },
      { name: 'Executive Yuan', role: 'partner' },
    ],
    links: [
      { title: 'vTaiwan', url: 'https://vtaiwan.tw' },
      { title: 'Pol.is', url: 'https://pol.is' },
    ],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-05-07T09:00:00Z'),
  },
  {
    slug: 'canada-polis-official-languages',
    title: {
      en: 'Pol.is in the Government of Canada: listening across official languages',
      fr: 'Pol.is au gouvernement du Canada : écouter dans les deux langues officielles',
    },
    summary: {
      en: 'A federal policy team adapted Pol.is for the Canadian context to hear from a large and diverse population in both official languages. The open conversation showed where stakeholders agreed and disagreed, and was used alongside other engagement methods.',
      fr: 'Une équipe fédérale chargée des politiques a adapté Pol.is au contexte canadien pour entendre une population nombreuse et diverse dans les deux langues officielles. La conversation ouverte a montré les points d’accord et de désaccord et a complété d’autres méthodes de participation.',
    },
    body: {
      en: `## The problem

Canadian engagement has to work for a very heterogeneous population and in English and French. Forums, focus groups and written submissions are slow and costly, and online comment threads tend to let organised interests dominate.

## What was done

A team in the federal public service tried Pol.is, the open source tool that groups participants by how they vote on short statements, as part of a wider engagement strategy on official languages policy.

- Statements could be submitted and read in both official languages.
- Participants voted on each other's statements rather than debating in threads.
- The team read the resulting opinion map together with results from conventional methods.

## Lessons

The pilot suggested that a cheap, scalable tool can surface areas of consensus that would otherwise take many meetings to find. It also showed the work needed around the tool: moderation, translation, and a clear explanation of how results feed into policy.`,
      fr: `## Le problème

Au Canada, la participation publique doit convenir à une population très hétérogène, en français et en anglais. Les forums, groupes de discussion et mémoires écrits sont lents et coûteux, et les fils de commentaires en ligne laissent souvent dominer les intérêts organisés.

## Ce qui a été fait

Une équipe de la fonction publique fédérale a essayé Pol.is, l’outil libre qui regroupe les participants selon leurs votes sur de courts énoncés, dans une stratégie de consultation plus large sur les langues officielles.

- Les énoncés pouvaient être proposés et lus dans les deux langues officielles.
- Les participants votaient sur les énoncés des autres au lieu de débattre en fil de discussion.
- L’équipe a lu la carte des opinions avec les résultats des méthodes classiques.

## Leçons

Le projet pilote a montré qu’un outil peu coûteux et évolutif peut faire émerger des zones de consensus qu’il faudrait autrement de nombreuses réunions pour trouver. Il a aussi rappelé le travail nécessaire autour de l’outil : modération, traduction et explication claire de l’usage des résultats.`,
    },
    country: 'CA',
    level: 'national',
    sectors: ['democracy-participation', 'culture'],
    tags: ['polis', 'official languages', 'consultation'],
    stage: 'pilot',
    yearLaunched: 2019,
    organisations: [{ name: 'Government of Canada', role: 'lead' }],
    links: [{ title: 'Pol.is', url: 'https://pol.is' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-01-21T09:00:00Z'),
  },
  {
    slug: 'rome-participatory-budgeting',
    title: {
      it: 'Il bilancio partecipativo di Roma e dei suoi municipi',
      en: 'Participatory budgeting in Rome and its districts',
    },
    summary: {
      it: 'Roma ha messo una parte delle risorse per investimenti a disposizione delle proposte dei cittadini, organizzate per municipio. I residenti propongono piccoli interventi su spazi pubblici, gli uffici ne verificano la fattibilità e poi si vota.',
      en: 'Rome set aside part of its investment resources for residents’ proposals, organised by district (municipio). Residents propose small works on public spaces, offices check feasibility, and then people vote.',
    },
    body: {
      it: `## Il contesto

Roma è divisa in quindici municipi, ciascuno grande come una città. Le decisioni sugli interventi minuti — un parco giochi, un marciapiede, un'aiuola — restavano lontane dai quartieri che li vivono ogni giorno.

## Come funziona

Il percorso segue le fasi classiche del bilancio partecipativo:

- raccolta delle proposte, online e in incontri pubblici nei municipi;
- verifica tecnica ed economica da parte degli uffici;
- voto dei residenti e inserimento dei progetti vincitori nella programmazione.

## Lezioni

La scala dei municipi rende le proposte concrete e riconoscibili. La sfida più grande è la fase dopo il voto: i tempi di realizzazione delle opere pubbliche sono lunghi e, se i cittadini non vedono i cantieri, la fiducia nel processo cala. Comunicare lo stato di avanzamento è parte del progetto quanto il voto.`,
      en: `## Context

Rome is divided into fifteen districts (municipi), each the size of a city. Decisions on small works — a playground, a pavement, a flower bed — were far from the neighbourhoods that live with them every day.

## How it works

The process follows the classic phases of participatory budgeting:

- collecting proposals, online and at public meetings in each district;
- technical and cost checks by the city's offices;
- a vote by residents, after which the winning projects enter the works programme.

## Lessons

The district scale makes proposals concrete and recognisable. The hardest part comes after the vote: public works take a long time, and if residents do not see building sites, trust in the process falls. Reporting progress is as much a part of the project as the vote.`,
    },
    country: 'IT',
    level: 'local',
    sectors: ['democracy-participation', 'public-finance', 'urban-development'],
    tags: ['participatory budgeting', 'districts', 'public works'],
    stage: 'implementation',
    yearLaunched: 2019,
    organisations: [{ name: 'Roma Capitale', role: 'lead' }],
    links: [{ title: 'Roma Capitale', url: 'https://www.comune.roma.it' }],
    status: 'published',
    originalLocale: 'it',
    publishedAt: new Date('2024-06-11T09:00:00Z'),
  },
  {
    slug: 'porto-alegre-participatory-budgeting',
    title: {
      pt: 'Orçamento Participativo de Porto Alegre: onde tudo começou',
      en: 'Porto Alegre participatory budgeting: where it all began',
    },
    summary: {
      pt: 'Em 1989, Porto Alegre passou a decidir parte dos investimentos municipais em assembleias abertas nos bairros. O modelo de ciclos anuais, delegados e critérios de distribuição inspirou milhares de cidades no mundo.',
      en: 'In 1989 Porto Alegre began deciding part of its municipal investment in open neighbourhood assemblies. Its model of yearly cycles, delegates and distribution criteria inspired thousands of cities around the world.',
    },
    body: {
      pt: `## O contexto

No fim dos anos 1980, bairros pobres de Porto Alegre não tinham saneamento nem ruas pavimentadas, e o orçamento era decidido longe deles. A nova administração municipal abriu parte das decisões de investimento à população.

## Como funciona

O Orçamento Participativo segue um ciclo anual:

- assembleias abertas por região e por tema definem prioridades;
- os participantes elegem delegados e conselheiros que acompanham o processo;
- critérios como carência de serviços e população orientam a distribuição dos recursos entre regiões.

## Resultados e lições

Nos primeiros anos, prioridades como saneamento e pavimentação ganharam espaço, e a participação cresceu entre moradores de baixa renda. O modelo se espalhou pelo Brasil e pelo mundo. Mudanças políticas posteriores enfraqueceram o processo na própria cidade, o que mostra que a participação depende de compromisso duradouro e de regras claras.`,
      en: `## Context

At the end of the 1980s, poor neighbourhoods in Porto Alegre lacked sanitation and paved streets, and the budget was decided far away from them. The new city administration opened part of its investment decisions to residents.

## How it works

Participatory budgeting runs in a yearly cycle:

- open assemblies by region and by theme set priorities;
- participants elect delegates and councillors who follow the process;
- criteria such as lack of services and population guide how money is shared between regions.

## Results and lessons

In the early years, priorities such as sanitation and paving gained ground, and participation grew among low-income residents. The model spread across Brazil and the world. Later political changes weakened the process in the city itself, which shows that participation needs lasting commitment and clear rules.`,
    },
    country: 'BR',
    level: 'local',
    sectors: ['democracy-participation', 'public-finance', 'water-sanitation'],
    tags: ['participatory budgeting', 'assemblies', 'social justice'],
    stage: 'diffusion',
    yearLaunched: 1989,
    organisations: [{ name: 'Prefeitura de Porto Alegre', role: 'lead' }],
    links: [{ title: 'Prefeitura de Porto Alegre', url: 'https://prefeitura.poa.br' }],
    status: 'published',
    originalLocale: 'pt',
    publishedAt: new Date('2024-01-16T09:00:00Z'),
  },
  {
    slug: 'european-citizens-consultations',
    title: {
      en: 'European Citizens’ Consultations',
      fr: 'Consultations européennes des citoyens',
    },
    summary: {
      en: 'The European Citizens’ Consultations brought randomly selected citizens together in every member state to discuss the future of the European Union, then combined national results into shared recommendations for EU decision makers.',
      fr: 'Les Consultations européennes des citoyens ont réuni dans chaque État membre des citoyens tirés au sort pour débattre de l’avenir de l’Union européenne, puis ont rassemblé les résultats nationaux en recommandations communes pour les décideurs européens.',
    },
    body: {
      en: `## The problem

The European Union is often described as distant from its citizens, and debates about its future have mostly involved experts and officials. A transnational conversation is hard to organise across many languages and political cultures.

## What was done

A consortium of foundations and civil society organisations, coordinated by the King Baudouin Foundation with support from the European Commission, ran simultaneous citizens' consultations in all member states.

- Participants were chosen to reflect the diversity of each country's population.
- National events ran in the national language on a common agenda.
- Online and European-level steps merged the national conclusions into one set of recommendations presented to EU institutions.

## Lessons

The consultations showed that ordinary citizens can deliberate on European questions when given time and information. Their direct policy influence was modest, which later efforts, such as the citizens' panels of the Conference on the Future of Europe, tried to address by linking panels more formally to institutions.`,
      fr: `## Le problème

L’Union européenne passe souvent pour éloignée de ses citoyens, et les débats sur son avenir ont surtout impliqué des experts et des responsables. Une conversation transnationale est difficile à organiser entre de nombreuses langues et cultures politiques.

## Ce qui a été fait

Un consortium de fondations et d’organisations de la société civile, coordonné par la Fondation Roi Baudouin avec le soutien de la Commission européenne, a mené des consultations citoyennes simultanées dans tous les États membres.

- Les participants ont été choisis pour refléter la diversité de la population de chaque pays.
- Les rencontres nationales se sont tenues dans la langue du pays, sur un programme commun.
- Des étapes en ligne et européennes ont fusionné les conclusions nationales en un ensemble de recommandations présenté aux institutions.

## Leçons

Les consultations ont montré que des citoyens ordinaires peuvent délibérer sur des questions européennes quand on leur donne du temps et de l’information. Leur influence directe est restée modeste, ce que des démarches ultérieures, comme les panels de la Conférence sur l’avenir de l’Europe, ont tenté de corriger.`,
    },
    country: 'BE',
    level: 'supranational',
    sectors: ['democracy-participation'],
    tags: ['deliberation', 'consultation', 'european union', 'citizens panels'],
    stage: 'evaluation',
    yearLaunched: 2007,
    organisations: [
      { name: 'King Baudouin Foundation', role: 'lead' },
      { name: 'European Commission', role: 'funder' },
    ],
    links: [{ title: 'King Baudouin Foundation', url: 'https://kbs-frb.be' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-07-02T09:00:00Z'),
  },
  {
    slug: 'brasil-planos-de-acao-governo-aberto',
    title: { pt: 'Planos de ação de Governo Aberto do Brasil e o monitoramento de marcos' },
    summary: {
      pt: 'Como membro fundador da Parceria para Governo Aberto, o Brasil elabora planos de ação nacionais com governo e sociedade civil. Cada compromisso é dividido em marcos com prazos e responsáveis, e o andamento é acompanhado publicamente.',
    },
    body: {
      pt: `## O contexto

Compromissos de transparência costumam ser anunciados com entusiasmo e depois esquecidos. A Parceria para Governo Aberto (OGP), criada em 2011 com o Brasil entre os fundadores, exige planos de ação com compromissos concretos e avaliação independente.

## Como funciona

A Controladoria-Geral da União coordena a elaboração dos planos junto com organizações da sociedade civil.

- Temas são escolhidos em consultas e oficinas abertas.
- Cada compromisso é dividido em marcos, com datas e órgãos responsáveis.
- O andamento de cada marco é registrado e publicado, e relatórios independentes avaliam os resultados.

## Lições

Dividir compromissos em marcos verificáveis torna o acompanhamento possível para quem está fora do governo. A experiência brasileira mostra também que a cocriação com a sociedade civil melhora a qualidade dos compromissos, mas exige tempo e continuidade entre mudanças de governo.`,
    },
    country: 'BR',
    level: 'national',
    sectors: ['general-public-services', 'democracy-participation'],
    tags: ['open government', 'ogp', 'monitoring', 'co-creation'],
    stage: 'implementation',
    yearLaunched: 2011,
    organisations: [
      { name: 'Controladoria-Geral da União', role: 'lead' },
      { name: 'Open Government Partnership', role: 'partner' },
    ],
    links: [{ title: 'Open Government Partnership', url: 'https://www.opengovpartnership.org' }],
    status: 'published',
    originalLocale: 'pt',
    publishedAt: new Date('2024-08-20T09:00:00Z'),
  },
  {
    slug: 'prozorro',
    title: {
      uk: 'ProZorro: відкрита система публічних закупівель України',
      en: 'ProZorro: Ukraine’s open public procurement system',
    },
    summary: {
      uk: 'ProZorro — електронна система публічних закупівель, у якій усі дані про тендери, учасників і договори відкриті для кожного. Її створили у співпраці держави, бізнесу та громадянського суспільства, а публічні дані дали змогу громадянам стежити за закупівлями.',
      en: 'ProZorro is an electronic public procurement system in which data about tenders, bidders and contracts is open to everyone. It was built by government, business and civil society together, and its open data lets citizens keep watch over public purchasing.',
    },
    body: {
      uk: `## Проблема

Публічні закупівлі в Україні довго вважали однією з найбільш корупційних сфер. Паперові процедури були непрозорими, а доступ до інформації про тендери — обмеженим.

## Що зроблено

Після 2014 року волонтери, підприємці та державні службовці разом створили ProZorro. Система стала обов’язковою для державних замовників.

- Центральна база даних поєднана з кількома комерційними майданчиками, через які працюють замовники й постачальники.
- Дані публікують за стандартом Open Contracting Data Standard.
- Кожен може переглянути тендер, пропозиції та укладений договір.

## Результати й уроки

Система збільшила конкуренцію та довіру бізнесу до закупівель і стала прикладом для інших країн. Головний урок: відкриті дані мають сенс, коли є ті, хто їх використовує, — звідси поява громадського моніторингу DOZORRO.`,
      en: `## The problem

Public procurement in Ukraine was long seen as one of the most corrupt areas of government. Paper procedures were opaque, and information about tenders was hard to obtain.

## What was done

After 2014, volunteers, entrepreneurs and civil servants built ProZorro together. Its use became mandatory for public buyers.

- A central database is connected to several commercial marketplaces through which buyers and suppliers work.
- Data is published in the Open Contracting Data Standard.
- Anyone can look at a tender, the bids and the contract that was signed.

## Results and lessons

The system increased competition and business trust in procurement and became a model for other countries. The main lesson is that open data matters when someone uses it — which is why the DOZORRO civic monitoring community followed.`,
    },
    country: 'UA',
    level: 'national',
    sectors: ['procurement', 'digital-government', 'public-finance'],
    tags: ['e-procurement', 'open contracting', 'open data', 'anti-corruption'],
    stage: 'diffusion',
    yearLaunched: 2015,
    organisations: [
      { name: 'Ministry of Economy of Ukraine', role: 'lead' },
      { name: 'Transparency International Ukraine', role: 'partner' },
    ],
    links: [{ title: 'ProZorro', url: 'https://prozorro.gov.ua' }],
    recognitions: [{ name: 'World Procurement Award (public sector)', year: 2016 }],
    status: 'published',
    originalLocale: 'uk',
    publishedAt: new Date('2024-02-27T09:00:00Z'),
  },
  {
    slug: 'dozorro-civic-monitoring',
    title: { en: 'DOZORRO: civic monitoring of public procurement with risk indicators' },
    summary: {
      en: 'DOZORRO is a civil society platform that reads ProZorro’s open data, flags risky tenders automatically and lets a network of monitors review them and report violations to buyers and control bodies.',
    },
    body: {
      en: `## The problem

Open procurement data produces far more tenders than any auditor or journalist can read. Without a way to pick out the suspicious ones, transparency alone does not catch much.

## How it works

Transparency International Ukraine built DOZORRO on top of ProZorro's open data.

- Automated risk indicators flag tenders with warning signs such as a single bidder, unusual requirements or disqualification of cheaper bids.
- Anyone can leave feedback on a tender, and buyers can reply.
- A network of regional civil society organisations investigates flagged cases and sends complaints to buyers, the audit service or the police when needed.

## Results and lessons

The platform turned open data into a routine of public scrutiny: some procedures were cancelled or corrected after monitors raised concerns, and risk indicators later informed state auditing. The lesson is that machine scoring works best as a triage tool that directs human reviewers, not as a verdict.`,
    },
    country: 'UA',
    level: 'national',
    sectors: ['procurement', 'justice'],
    tags: ['civic monitoring', 'risk indicators', 'e-procurement', 'civic tech'],
    stage: 'diffusion',
    yearLaunched: 2016,
    organisations: [{ name: 'Transparency International Ukraine', role: 'lead' }],
    links: [{ title: 'DOZORRO', url: 'https://dozorro.org' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-09-10T09:00:00Z'),
  },
  {
    slug: 'citizenlab-go-vocal-text-analysis',
    title: { en: 'CitizenLab (Go Vocal): machine analysis of thousands of citizen contributions' },
    summary: {
      en: 'CitizenLab, now Go Vocal, is a Brussels-founded participation platform used by local governments. It uses natural language processing to group and summarise large volumes of citizen ideas and comments, so that staff can read them faster and report back.',
    },
    body: {
      en: `## The problem

When a city opens a consultation online, it may receive thousands of ideas and comments. Reading, tagging and summarising them by hand takes weeks, and the temptation is to skim — which means contributions go unheard and participants stop taking part.

## What was done

CitizenLab, a Belgian civic tech company founded in 2015 and renamed Go Vocal in 2024, added text analysis features to its participation platform.

- Contributions are clustered by topic and tagged automatically, and staff correct the tags.
- Summaries and charts help officials see themes across neighbourhoods and groups.
- The platform supports several languages, which matters in multilingual cities such as Brussels.

## Lessons

Machine analysis shortens the time between a consultation and the feedback to participants, which is where many processes fail. It works best when staff keep control of the final categories and are open about how the analysis was done.`,
    },
    country: 'BE',
    level: 'local',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['civic tech', 'natural language processing', 'consultation'],
    stage: 'diffusion',
    yearLaunched: 2015,
    organisations: [{ name: 'Go Vocal (formerly CitizenLab)', role: 'lead' }],
    links: [{ title: 'Go Vocal', url: 'https://www.govocal.com' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-10-15T09:00:00Z'),
  },
  {
    slug: 'gipuzkoa-etorkizuna-eraikiz',
    title: {
      es: 'Etorkizuna Eraikiz: Gipuzkoa construye su futuro con la ciudadanía',
      en: 'Etorkizuna Eraikiz: Gipuzkoa building its future with citizens',
    },
    summary: {
      es: 'La Diputación Foral de Gipuzkoa creó Etorkizuna Eraikiz («construyendo el futuro») para diseñar políticas con la ciudadanía, las universidades y las organizaciones del territorio. Combina escucha abierta, proyectos experimentales y espacios de deliberación.',
      en: 'The Provincial Council of Gipuzkoa created Etorkizuna Eraikiz (“building the future”) to design policy together with citizens, universities and local organisations. It combines open listening, experimental projects and spaces for deliberation.',
    },
    body: {
      es: `## El reto

Gipuzkoa afronta retos como el envejecimiento, la transformación industrial y el cambio climático, que ninguna institución puede resolver sola. La Diputación quería un modo de gobernar que incorporara a la sociedad en la definición de las políticas, no solo en su consulta.

## Qué se hizo

Desde 2016, Etorkizuna Eraikiz organiza la colaboración en varios espacios:

- un espacio abierto donde la ciudadanía plantea prioridades y propuestas;
- proyectos experimentales en temas concretos, evaluados antes de generalizarse;
- un espacio de reflexión (Think Tank) con agentes del territorio para deliberar sobre la agenda de futuro.

## Lecciones

El modelo muestra cómo una institución regional puede convertir la cocreación en una forma estable de trabajar. Su continuidad depende de dedicar personas y presupuesto de forma permanente y de mostrar qué políticas cambiaron gracias a la colaboración.`,
      en: `## The challenge

Gipuzkoa faces challenges such as ageing, industrial change and climate change that no single institution can solve alone. The Provincial Council wanted a way of governing that brought society into designing policy, not only into commenting on it.

## What was done

Since 2016, Etorkizuna Eraikiz has organised collaboration in several spaces:

- an open space where citizens raise priorities and proposals;
- experimental projects on specific themes, evaluated before being scaled;
- a reflection space (Think Tank) where local actors deliberate on the agenda for the future.

## Lessons

The model shows how a regional institution can turn co-creation into a stable way of working. Its continuity depends on permanent staff and budget and on showing which policies changed because of the collaboration.`,
    },
    country: 'ES',
    level: 'regional',
    sectors: ['democracy-participation', 'general-public-services'],
    tags: ['co-creation', 'collaborative governance', 'experimentation'],
    stage: 'implementation',
    yearLaunched: 2016,
    organisations: [{ name: 'Diputación Foral de Gipuzkoa', role: 'lead' }],
    links: [{ title: 'Etorkizuna Eraikiz', url: 'https://www.etorkizunaeraikiz.eus' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2025-02-04T09:00:00Z'),
  },
  {
    slug: 'les-halles-civiques-bruxelles',
    title: { fr: 'Les Halles Civiques : un réseau de lieux civiques à Bruxelles' },
    summary: {
      fr: 'Les Halles Civiques imaginent, à Bruxelles, un réseau de lieux de quartier où les habitants peuvent se rencontrer, être accompagnés dans leurs démarches et participer à la vie publique. Le projet relie ces lieux entre eux pour partager méthodes et activités.',
    },
    body: {
      fr: `## Le constat

Beaucoup d’habitants n’ont pas d’endroit proche où parler de leur quartier, obtenir de l’aide pour une démarche administrative ou prendre part à une consultation. La participation en ligne ne touche pas tout le monde, et les guichets publics ne sont pas faits pour la discussion.

## L’idée

Les Halles Civiques proposent de faire de lieux existants — maisons de quartier, bibliothèques, espaces associatifs — un réseau de lieux civiques.

- Chaque lieu accueille des permanences, des ateliers et des moments de débat.
- Le réseau partage des méthodes d’animation et un calendrier commun.
- Les contributions recueillies sur place peuvent alimenter les démarches participatives des pouvoirs publics.

## Enseignements

Un lieu physique et familier abaisse le seuil de la participation, en particulier pour les personnes éloignées du numérique. Le défi est de financer l’animation dans la durée et de montrer aux habitants ce que leurs contributions ont changé.`,
    },
    country: 'BE',
    level: 'local',
    sectors: ['democracy-participation', 'urban-development', 'culture'],
    tags: ['civic places', 'community', 'participation'],
    stage: 'pilot',
    yearLaunched: 2022,
    organisations: [{ name: 'Les Halles Civiques', role: 'lead' }],
    status: 'published',
    originalLocale: 'fr',
    publishedAt: new Date('2025-03-18T09:00:00Z'),
  },
  {
    slug: 'oecd-observatory-of-public-sector-innovation',
    title: { en: 'The OECD Observatory of Public Sector Innovation' },
    summary: {
      en: 'The OECD Observatory of Public Sector Innovation (OPSI) collects and shares examples of how governments innovate, and helps them build the skills and systems to do it on purpose. Its case study library and open calls for innovations are a model for libraries like this one.',
    },
    body: {
      en: `## The problem

Public servants who try something new often do not know that colleagues elsewhere have tried something similar. Lessons stay inside one ministry or one city, and innovation depends on individual champions rather than on systems.

## What OPSI does

The OECD set up the Observatory to help governments understand and support innovation.

- It maintains an online library of innovation case studies submitted by governments.
- It runs regular calls for innovations, often tied to a theme, and publishes reviews of global trends.
- It develops frameworks and tools, such as its model of innovation facets and guidance on anticipatory innovation.

## Lessons

By making cases searchable and comparable, OPSI gives public servants examples they can cite to justify trying something new. Its work also shows that case studies are more useful when they describe stages, results and difficulties honestly rather than only successes.`,
    },
    country: 'FR',
    level: 'supranational',
    sectors: ['general-public-services'],
    tags: ['innovation', 'knowledge sharing', 'case studies'],
    stage: 'diffusion',
    yearLaunched: 2014,
    organisations: [{ name: 'OECD', role: 'lead' }],
    links: [{ title: 'OECD Observatory of Public Sector Innovation', url: 'https://oecd-opsi.org' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-01-09T09:00:00Z'),
  },
  {
    slug: 'estonia-x-road',
    title: { en: 'X-Road: Estonia’s data exchange layer' },
    summary: {
      en: 'X-Road is the secure data exchange layer that lets Estonian public and private information systems query each other. It underpins the principle that citizens should give the state a piece of information only once.',
    },
    body: {
      en: `## The problem

After independence, Estonia had to build its public administration quickly and with limited money. Building one central database was neither affordable nor desirable; agencies needed to keep their own registers but share data safely.

## How it works

X-Road connects separate databases through standard security servers.

- Each organisation keeps its own data and publishes services that others may call.
- Messages are signed and encrypted, and every exchange is logged.
- Citizens can see, through the state portal, which institutions have looked at their data.

## Results and lessons

X-Road made possible many of Estonia's digital services, from tax returns to prescriptions. It was later shared with Finland and other countries, and its development is now coordinated by the Nordic Institute for Interoperability Solutions. The key lesson is that interoperability and trust, not any single application, are the foundation of digital government.`,
    },
    country: 'EE',
    level: 'national',
    sectors: ['digital-government', 'general-public-services'],
    tags: ['interoperability', 'digital public infrastructure', 'once only'],
    stage: 'diffusion',
    yearLaunched: 2001,
    organisations: [
      { name: 'Information System Authority (RIA)', role: 'lead' },
      { name: 'Nordic Institute for Interoperability Solutions', role: 'partner' },
    ],
    links: [
      { title: 'X-Road', url: 'https://x-road.global' },
      { title: 'e-Estonia', url: 'https://e-estonia.com' },
    ],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-03-26T09:00:00Z'),
  },
  {
    slug: 'denmark-mindlab',
    title: { en: 'MindLab: Denmark’s cross-ministry innovation unit (archived)' },
    summary: {
      en: 'MindLab was one of the first government innovation labs, owned by several Danish ministries and a municipality. It used design methods and user research to rethink policy and services, and closed in 2018 after inspiring labs around the world.',
    },
    body: {
      en: `## The idea

Ministries tend to design policy from the inside out. MindLab was created to bring the experience of citizens and businesses into the policy process, using methods from design and social science.

## What it did

Over its lifetime, MindLab worked across ministries on topics such as business regulation, employment and education.

- Ethnographic research with citizens and frontline staff.
- Workshops that brought civil servants together with users to prototype new services.
- Support for ministries to build their own innovation skills.

## Lessons

MindLab showed that a small, independent team can change how policy is made, and it became a reference for innovation labs elsewhere. Its closure in 2018, when the government set up a new unit for digital and regulatory reform, is also a lesson: labs depend on political sponsorship and must keep showing their value.`,
    },
    country: 'DK',
    level: 'national',
    sectors: ['general-public-services', 'employment'],
    tags: ['innovation lab', 'design thinking', 'user research'],
    stage: 'evaluation',
    yearLaunched: 2002,
    organisations: [{ name: 'MindLab', role: 'lead' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-05-21T09:00:00Z'),
  },
  {
    slug: 'uk-government-digital-service-standard',
    title: { en: 'GOV.UK and the Government Digital Service standard' },
    summary: {
      en: 'The UK Government Digital Service replaced hundreds of department websites with a single site, GOV.UK, and set a service standard that new digital services must meet. The standard puts user needs, iterative delivery and multidisciplinary teams at the centre.',
    },
    body: {
      en: `## The problem

By the early 2010s, UK government information was spread across hundreds of websites, and large IT projects were often late, costly and hard to use. Citizens had to understand the structure of government to find what they needed.

## What was done

The Government Digital Service (GDS) was set up in the Cabinet Office in 2011.

- GOV.UK brought central government publishing into one site organised around user tasks.
- A service standard and service manual describe how to build services: research with users, work in small teams, release early and improve.
- Services are assessed against the standard at key points before they go live.

## Results and lessons

GOV.UK became a widely copied model, and its design principles were adopted by governments in many countries. The standard changed how departments buy and build technology. Later efforts, such as the GOV.UK Verify identity scheme, showed that platforms shared across departments are harder to get right than a single website.`,
    },
    country: 'GB',
    level: 'national',
    sectors: ['digital-government', 'general-public-services'],
    tags: ['service design', 'digital standards', 'user research'],
    stage: 'diffusion',
    yearLaunched: 2011,
    organisations: [{ name: 'Government Digital Service', role: 'lead' }],
    links: [
      { title: 'GOV.UK', url: 'https://www.gov.uk' },
      { title: 'Service Manual', url: 'https://www.gov.uk/service-manual' },
    ],
    recognitions: [{ name: 'Design of the Year', year: 2013, awardedBy: 'Design Museum, London' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-04-02T09:00:00Z'),
  },
  {
    slug: 'singapore-lifesg',
    title: { en: 'LifeSG: government services organised around life moments, Singapore' },
    summary: {
      en: 'LifeSG, which began as the Moments of Life app, groups Singapore government services around events such as having a baby or growing older, rather than around agencies. Parents can, for example, register a birth and apply for related benefits in one journey.',
    },
    body: {
      en: `## The problem

Life events touch many agencies at once. A new parent in Singapore used to deal separately with birth registration, baby bonus schemes, health records and childcare search.

## What was done

Under the Smart Nation programme, the Government Technology Agency (GovTech) built an app around life moments and later broadened it as LifeSG.

- A single sign-in with the national digital identity.
- Journeys that bundle the steps of several agencies, starting with families with young children.
- Information on benefits and local services tailored to the user's situation.

## Lessons

Designing around life events forces agencies to agree on shared data and processes, which is the hard part. The app's gradual expansion — one life moment at a time — made that coordination manageable.`,
    },
    country: 'SG',
    level: 'national',
    sectors: ['digital-government', 'social-protection'],
    tags: ['life events', 'service integration', 'mobile app'],
    stage: 'implementation',
    yearLaunched: 2018,
    organisations: [{ name: 'Government Technology Agency (GovTech)', role: 'lead' }],
    links: [{ title: 'LifeSG', url: 'https://www.life.gov.sg' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-06-25T09:00:00Z'),
  },
  {
    slug: 'india-direct-benefit-transfer',
    title: { en: 'Direct Benefit Transfer in India' },
    summary: {
      en: 'India’s Direct Benefit Transfer programme pays subsidies and benefits straight into beneficiaries’ bank accounts, using Aadhaar identity numbers to check who is entitled. It aims to cut leakages and delays caused by intermediaries.',
    },
    body: {
      en: `## The problem

Benefits such as scholarships, pensions and cooking gas subsidies passed through many hands before reaching people. Duplicate and ghost beneficiaries, delays and informal deductions reduced what arrived.

## How it works

The government combined three building blocks that are often called the JAM trinity: bank accounts opened at scale, Aadhaar biometric identity and mobile phones.

- Beneficiary lists are linked to Aadhaar numbers to remove duplicates.
- Payments go directly to bank accounts, often linked to the identity number.
- A central portal tracks schemes and transfers across ministries.

## Lessons

Direct transfers reduced some leakages and made payments traceable. They also raised concerns about people excluded when authentication fails or records do not match, which shows that digital delivery needs offline fallbacks and grievance channels.`,
    },
    country: 'IN',
    level: 'national',
    sectors: ['social-protection', 'public-finance', 'digital-government'],
    tags: ['cash transfers', 'digital identity', 'financial inclusion'],
    stage: 'diffusion',
    yearLaunched: 2013,
    organisations: [{ name: 'Government of India, Cabinet Secretariat (DBT Mission)', role: 'lead' }],
    links: [{ title: 'DBT Bharat', url: 'https://dbtbharat.gov.in' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-07-16T09:00:00Z'),
  },
  {
    slug: 'kenya-huduma-centres',
    title: { en: 'Huduma Centres: one-stop shops for public services in Kenya' },
    summary: {
      en: 'Huduma Centres bring many national and county services — identity documents, business registration, social security — under one roof in towns across Kenya, backed by a call centre and online channels.',
    },
    body: {
      en: `## The problem

Getting a document in Kenya often meant travelling to a distant office, queuing and coming back several times, with room for informal payments along the way.

## What was done

The government launched the Huduma Kenya programme in 2013, with centres in every county.

- Staff from several agencies work side by side in one centre.
- A single queue and service charter set expectations on waiting times.
- A contact centre, an online portal and mobile payments extend the same services beyond the centres.

## Lessons

Co-locating agencies made services easier to reach and raised expectations of how the state treats citizens. Keeping back-office processes in step with the front office remains the main challenge.`,
    },
    country: 'KE',
    level: 'national',
    sectors: ['general-public-services', 'digital-government'],
    tags: ['one-stop shop', 'service delivery', 'citizen experience'],
    stage: 'implementation',
    yearLaunched: 2013,
    organisations: [{ name: 'Huduma Kenya', role: 'lead' }],
    links: [{ title: 'Huduma Kenya', url: 'https://www.hudumakenya.go.ke' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-08-06T09:00:00Z'),
  },
  {
    slug: 'chilecompra',
    title: {
      es: 'ChileCompra: compras públicas abiertas y en línea',
      en: 'ChileCompra: open, online public procurement',
    },
    summary: {
      es: 'ChileCompra administra el sistema de compras públicas de Chile a través de la plataforma Mercado Público, donde los organismos publican sus licitaciones y los proveedores ofertan en línea. Los datos de compras se publican de forma abierta.',
      en: 'ChileCompra runs Chile’s public procurement system through the Mercado Público platform, where public bodies publish tenders and suppliers bid online. Procurement data is published openly.',
    },
    body: {
      es: `## El problema

Antes de la reforma, cada organismo compraba a su manera, con poca competencia y poca información pública. Las pequeñas empresas tenían dificultades para enterarse de las oportunidades.

## Qué se hizo

La ley de compras públicas creó la Dirección ChileCompra en 2003.

- Las licitaciones se publican en una plataforma única.
- Los convenios marco permiten comprar productos habituales en una tienda en línea.
- Los datos de compras se ofrecen como datos abiertos para análisis y control ciudadano.

## Lecciones

El sistema aumentó la transparencia y la participación de pequeñas empresas. Su experiencia muestra que una plataforma necesita además capacitación de compradores y proveedores y reglas claras.`,
      en: `## The problem

Before the reform, each public body bought in its own way, with little competition and little public information. Small businesses struggled to hear about opportunities.

## What was done

The public procurement law created the ChileCompra directorate in 2003.

- Tenders are published on a single platform.
- Framework agreements let public bodies buy common goods from an online catalogue.
- Procurement data is released as open data for analysis and citizen oversight.

## Lessons

The system increased transparency and the participation of small businesses. It shows that a platform also needs training for buyers and suppliers and clear rules.`,
    },
    country: 'CL',
    level: 'national',
    sectors: ['procurement', 'digital-government'],
    tags: ['e-procurement', 'open data', 'small business'],
    stage: 'diffusion',
    yearLaunched: 2003,
    organisations: [{ name: 'Dirección ChileCompra', role: 'lead' }],
    links: [{ title: 'ChileCompra', url: 'https://www.chilecompra.cl' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2024-09-24T09:00:00Z'),
  },
  {
    slug: 'korea-koneps',
    title: { en: 'KONEPS: Korea’s national e-procurement system' },
    summary: {
      en: 'KONEPS is the single window through which Korean public bodies buy goods, services and works, covering the procurement process from registration and bidding to contracts and payment.',
    },
    body: {
      en: `## The problem

Public procurement in Korea involved paper documents, visits to many offices and separate registrations for each buyer, which was costly for companies and opened space for collusion.

## How it works

The Public Procurement Service launched KONEPS in 2002.

- Suppliers register once and can bid for tenders from any public body.
- Bidding, evaluation, contracting and payment happen online and leave an audit trail.
- The system connects with other government databases to check certificates automatically.

## Lessons

KONEPS cut transaction costs and became a reference for other countries' e-procurement reforms. Its success rested on making it the single mandatory channel, so that buyers and suppliers had no parallel paper route.`,
    },
    country: 'KR',
    level: 'national',
    sectors: ['procurement', 'digital-government'],
    tags: ['e-procurement', 'single window'],
    stage: 'diffusion',
    yearLaunched: 2002,
    organisations: [{ name: 'Public Procurement Service', role: 'lead' }],
    links: [{ title: 'KONEPS', url: 'https://www.g2b.go.kr' }],
    recognitions: [{ name: 'United Nations Public Service Award', year: 2003, awardedBy: 'United Nations' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-10-29T09:00:00Z'),
  },
  {
    slug: 'finland-basic-income-experiment',
    title: { en: 'Finland’s basic income experiment' },
    summary: {
      en: 'For two years, a randomly selected group of unemployed people in Finland received a monthly payment with no conditions, even if they found work. Kela, the social insurance institution, evaluated the experiment against a control group.',
    },
    body: {
      en: `## The question

Finland's benefit system could discourage unemployed people from taking short or part-time jobs, because earnings reduced benefits and paperwork was heavy. The government wanted evidence on whether an unconditional payment would change behaviour.

## What was done

The experiment ran in 2017 and 2018.

- Participants were drawn at random from people receiving unemployment benefits.
- They received a fixed monthly payment that continued even if they started working.
- Kela and researchers compared them with a control group using registers and surveys.

## Results and lessons

The evaluation found small effects on employment but clearly better reported wellbeing, less stress and more trust in others and in institutions. The experiment is often cited as an example of testing a policy idea with a randomised design before deciding on it — and of how hard it is to design an experiment that answers every political question.`,
    },
    country: 'FI',
    level: 'national',
    sectors: ['social-protection', 'employment'],
    tags: ['basic income', 'randomised trial', 'policy experiment'],
    stage: 'evaluation',
    yearLaunched: 2017,
    organisations: [{ name: 'Kela (Social Insurance Institution of Finland)', role: 'lead' }],
    links: [{ title: 'Kela', url: 'https://www.kela.fi' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2024-11-12T09:00:00Z'),
  },
  {
    slug: 'mexico-progresa-prospera-evaluation',
    title: {
      es: 'Progresa-Oportunidades-Prospera: una transferencia condicionada evaluada desde el diseño',
      en: 'Progresa-Oportunidades-Prospera: a conditional cash transfer evaluated by design',
    },
    summary: {
      es: 'México creó en 1997 un programa de transferencias a familias pobres condicionadas a la asistencia escolar y a controles de salud, y lo evaluó desde el inicio con una incorporación escalonada de comunidades. Su evaluación influyó en programas de todo el mundo.',
      en: 'In 1997 Mexico created cash transfers for poor families, conditional on school attendance and health check-ups, and evaluated them from the start by phasing in communities. The evaluation influenced programmes around the world.',
    },
    body: {
      es: `## El problema

Los programas sociales cambiaban con cada gobierno y rara vez se sabía si funcionaban. Las familias rurales pobres tenían bajas tasas de escolaridad y acceso limitado a la salud.

## Qué se hizo

Progresa entregó apoyos en efectivo, normalmente a las madres, a cambio de asistencia escolar y visitas médicas.

- Las comunidades se incorporaron por etapas, lo que permitió compararlas con otras aún no incluidas.
- Investigadores externos evaluaron los efectos en educación, salud y nutrición.
- El programa continuó con otros nombres (Oportunidades y Prospera) hasta 2019.

## Lecciones

La evaluación encontró mejoras en la asistencia escolar y en indicadores de salud, y ayudó a que el programa sobreviviera a cambios de gobierno. También contribuyó a crear una institución de evaluación, el CONEVAL.`,
      en: `## The problem

Social programmes changed with every government and it was rarely known whether they worked. Poor rural families had low school enrolment and limited access to health care.

## What was done

Progresa gave cash support, usually to mothers, in return for school attendance and health visits.

- Communities were brought in in phases, so they could be compared with others not yet included.
- External researchers evaluated effects on education, health and nutrition.
- The programme continued under other names (Oportunidades and Prospera) until 2019.

## Lessons

The evaluation found improvements in school attendance and health indicators and helped the programme survive changes of government. It also contributed to creating an evaluation institution, CONEVAL.`,
    },
    country: 'MX',
    level: 'national',
    sectors: ['social-protection', 'education', 'health'],
    tags: ['conditional cash transfers', 'impact evaluation', 'evidence'],
    stage: 'evaluation',
    yearLaunched: 1997,
    organisations: [
      { name: 'Government of Mexico', role: 'lead' },
      { name: 'CONEVAL', role: 'evaluator' },
    ],
    links: [{ title: 'CONEVAL', url: 'https://www.coneval.org.mx' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2024-12-03T09:00:00Z'),
  },
  {
    slug: 'new-zealand-wellbeing-budget',
    title: { en: 'New Zealand’s Wellbeing Budget' },
    summary: {
      en: 'In 2019 New Zealand framed its national budget around wellbeing priorities, such as mental health and child poverty, rather than economic growth alone. The Treasury’s Living Standards Framework guided which proposals were funded.',
    },
    body: {
      en: `## The problem

Budgets usually judge spending by its effect on growth and fiscal balance. Outcomes that matter to people — health, housing, the environment, social connection — were tracked elsewhere and played a smaller part in decisions.

## What was done

The government asked ministries to bid for funding against a small set of wellbeing priorities.

- The Treasury's Living Standards Framework describes wellbeing across several dimensions and capitals.
- Ministries were encouraged to submit joint bids on cross-cutting problems.
- Later legislation required governments to report on wellbeing objectives in budget documents.

## Lessons

The Wellbeing Budget drew international attention as an example of changing what a budget measures. Commentators noted that changing the frame is easier than changing how money flows; the lasting effect depends on evaluation and on ministries really working across their boundaries.`,
    },
    country: 'NZ',
    level: 'national',
    sectors: ['public-finance', 'health', 'social-protection'],
    tags: ['wellbeing', 'budgeting', 'outcomes'],
    stage: 'implementation',
    yearLaunched: 2019,
    organisations: [{ name: 'The Treasury (Te Tai Ōhanga)', role: 'lead' }],
    links: [{ title: 'The Treasury', url: 'https://www.treasury.govt.nz' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-04-08T09:00:00Z'),
  },
  {
    slug: 'canada-policy-horizons',
    title: {
      en: 'Policy Horizons Canada: foresight for the federal public service',
      fr: 'Horizons de politiques Canada : la prospective au service de l’État fédéral',
    },
    summary: {
      en: 'Policy Horizons Canada is the federal government’s foresight organisation. It explores plausible futures with public servants so that today’s policies can be tested against changes that may come.',
      fr: 'Horizons de politiques Canada est l’organisation de prospective du gouvernement fédéral. Elle explore avec les fonctionnaires des futurs plausibles afin que les politiques d’aujourd’hui puissent être éprouvées face aux changements à venir.',
    },
    body: {
      en: `## The problem

Policy is usually built on the assumption that the future will look like the recent past. Disruptive changes — in technology, climate or demography — then catch governments by surprise.

## What it does

Policy Horizons works with departments to think systematically about the future.

- It scans for weak signals of change and publishes foresight reports.
- It runs scenario workshops where public servants test policies against different futures.
- It trains public servants in foresight methods so departments can use them on their own.

## Lessons

Foresight is most useful when it is linked to concrete decisions and done with the people who make them. Policy Horizons shows that a small central team can spread anticipatory thinking across a large public service.`,
      fr: `## Le problème

Les politiques publiques reposent souvent sur l’hypothèse que l’avenir ressemblera au passé récent. Les changements de rupture — technologiques, climatiques ou démographiques — prennent alors les gouvernements au dépourvu.

## Ce que fait l’organisation

Horizons de politiques travaille avec les ministères pour penser l’avenir de façon méthodique.

- Elle repère les signaux faibles de changement et publie des rapports de prospective.
- Elle anime des ateliers de scénarios où les fonctionnaires éprouvent des politiques face à différents futurs.
- Elle forme les fonctionnaires aux méthodes de prospective pour que les ministères les utilisent eux-mêmes.

## Leçons

La prospective est plus utile lorsqu’elle est liée à des décisions concrètes et menée avec ceux qui les prennent. Horizons de politiques montre qu’une petite équipe centrale peut diffuser la réflexion anticipatrice dans une grande fonction publique.`,
    },
    country: 'CA',
    level: 'national',
    sectors: ['general-public-services'],
    tags: ['foresight', 'anticipatory innovation', 'scenarios'],
    stage: 'implementation',
    yearLaunched: 2011,
    organisations: [{ name: 'Policy Horizons Canada', role: 'lead' }],
    links: [{ title: 'Policy Horizons Canada', url: 'https://horizons.service.canada.ca' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-05-13T09:00:00Z'),
  },
  {
    slug: 'orcamento-participativo-portugal',
    title: { pt: 'Orçamento Participativo Portugal: o primeiro orçamento participativo nacional' },
    summary: {
      pt: 'Em 2017, Portugal lançou um orçamento participativo à escala de todo o país: qualquer pessoa podia propor projetos regionais ou nacionais, e a votação decidia quais seriam financiados pelo Estado.',
    },
    body: {
      pt: `## O contexto

Os orçamentos participativos já eram comuns em municípios portugueses, mas decisões de âmbito nacional continuavam longe dos cidadãos. O Governo quis testar o modelo à escala do país.

## Como funcionou

O processo seguiu fases anuais:

- apresentação de propostas em encontros presenciais por todo o país e online;
- análise técnica pelas áreas de governo envolvidas, como cultura, ciência, agricultura e educação;
- votação por SMS e online, com projetos escolhidos por região e de âmbito nacional.

## Lições

A experiência mostrou que é possível levar o orçamento participativo à escala nacional e atrair pessoas que nunca tinham participado. Mostrou também os limites: áreas temáticas restritas, execução lenta de alguns projetos e dificuldade em manter o processo entre ciclos políticos.`,
    },
    country: 'PT',
    level: 'national',
    sectors: ['democracy-participation', 'public-finance', 'culture'],
    tags: ['participatory budgeting', 'national scale', 'sms voting'],
    stage: 'evaluation',
    yearLaunched: 2017,
    organisations: [{ name: 'Agência para a Modernização Administrativa', role: 'lead' }],
    links: [{ title: 'Orçamento Participativo Portugal', url: 'https://opp.gov.pt' }],
    status: 'published',
    originalLocale: 'pt',
    publishedAt: new Date('2025-06-03T09:00:00Z'),
  },
  {
    slug: 'budget-participatif-paris',
    title: {
      fr: 'Le budget participatif de Paris',
      en: 'The Paris participatory budget',
    },
    summary: {
      fr: 'Depuis 2014, Paris consacre une part de son budget d’investissement à des projets proposés et votés par les habitants, à l’échelle de la ville et des arrondissements, avec une attention particulière aux quartiers populaires.',
      en: 'Since 2014, Paris has set aside part of its investment budget for projects proposed and chosen by residents, at city and district (arrondissement) level, with particular attention to working-class neighbourhoods.',
    },
    body: {
      fr: `## Le contexte

Paris voulait associer les habitants aux choix d’investissement de la ville, au-delà des réunions de quartier et des consultations ponctuelles.

## Comment ça marche

Chaque édition suit un cycle annuel :

- les Parisiens déposent des projets en ligne ou lors d’ateliers ;
- les services de la ville étudient leur faisabilité et leur coût, et les projets proches sont regroupés ;
- les habitants votent, en ligne ou dans des urnes installées dans l’espace public, sans condition de nationalité.

## Enseignements

Le budget participatif de Paris est devenu l’un des plus importants au monde par son montant. Il montre l’intérêt de réserver une enveloppe aux quartiers populaires et d’accompagner les porteurs de projets, mais aussi la nécessité de suivre publiquement la réalisation des projets votés.`,
      en: `## Context

Paris wanted to involve residents in the city's investment choices, beyond neighbourhood meetings and one-off consultations.

## How it works

Each edition follows a yearly cycle:

- Parisians submit projects online or at workshops;
- city departments study feasibility and cost, and similar projects are merged;
- residents vote online or at ballot boxes in public spaces, whatever their nationality.

## Lessons

The Paris participatory budget became one of the largest in the world by amount. It shows the value of reserving funds for working-class neighbourhoods and of supporting project authors, and the need to track the delivery of winning projects in public.`,
    },
    country: 'FR',
    level: 'local',
    sectors: ['democracy-participation', 'public-finance', 'urban-development'],
    tags: ['participatory budgeting', 'inclusion', 'voting'],
    stage: 'diffusion',
    yearLaunched: 2014,
    organisations: [{ name: 'Ville de Paris', role: 'lead' }],
    links: [{ title: 'Ville de Paris', url: 'https://www.paris.fr' }],
    status: 'published',
    originalLocale: 'fr',
    publishedAt: new Date('2025-01-07T09:00:00Z'),
  },
  {
    slug: 'decide-madrid',
    title: {
      es: 'Decide Madrid: propuestas ciudadanas, debates y presupuestos participativos',
      en: 'Decide Madrid: citizen proposals, debates and participatory budgets',
    },
    summary: {
      es: 'Decide Madrid es el portal de participación del Ayuntamiento de Madrid, construido con el software libre CONSUL. Permite debatir, presentar propuestas que pasan a votación si reúnen apoyos suficientes y decidir presupuestos participativos.',
      en: 'Decide Madrid is Madrid City Council’s participation portal, built on the free software CONSUL. Residents can debate, submit proposals that go to a vote if they gather enough support, and decide participatory budgets.',
    },
    body: {
      es: `## El problema

Los canales de participación tradicionales llegaban a pocas personas y no daban a la ciudadanía capacidad real de iniciativa.

## Qué se hizo

En 2015 el Ayuntamiento lanzó Decide Madrid con software desarrollado por la propia ciudad y publicado como software libre.

- Debates abiertos sobre temas de la ciudad.
- Propuestas ciudadanas que, al alcanzar un umbral de apoyos, se someten a votación.
- Presupuestos participativos para toda la ciudad y por distritos.

## Resultados y lecciones

La plataforma recibió el Premio de las Naciones Unidas al Servicio Público en 2018, y CONSUL se ha reutilizado en muchas instituciones de distintos países. La experiencia mostró que los umbrales de apoyo deben ser alcanzables y que compartir el código multiplica el impacto.`,
      en: `## The problem

Traditional participation channels reached few people and gave residents no real power of initiative.

## What was done

In 2015 the City Council launched Decide Madrid, with software developed by the city and released as free software.

- Open debates on city issues.
- Citizen proposals that go to a public vote once they reach a support threshold.
- Participatory budgets for the whole city and for each district.

## Results and lessons

The platform received the United Nations Public Service Award in 2018, and CONSUL has been reused by many institutions in different countries. The experience showed that support thresholds must be reachable and that sharing the code multiplies impact.`,
    },
    country: 'ES',
    level: 'local',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['participatory budgeting', 'open source', 'citizen proposals'],
    stage: 'diffusion',
    yearLaunched: 2015,
    organisations: [
      { name: 'Ayuntamiento de Madrid', role: 'lead' },
      { name: 'CONSUL Democracy Foundation', role: 'partner' },
    ],
    links: [
      { title: 'Decide Madrid', url: 'https://decide.madrid.es' },
      { title: 'CONSUL Democracy', url: 'https://consuldemocracy.org' },
    ],
    recognitions: [{ name: 'United Nations Public Service Award', year: 2018, awardedBy: 'United Nations' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2025-02-25T09:00:00Z'),
  },
  {
    slug: 'better-reykjavik',
    title: { en: 'Better Reykjavík: citizens’ ideas on the city agenda' },
    summary: {
      en: 'Better Reykjavík is an online platform where residents post, debate and rank ideas for their city. The most supported ideas are reviewed by the city council every month.',
    },
    body: {
      en: `## The problem

After the 2008 financial crisis, trust in Icelandic institutions was low, and residents wanted more direct influence over local decisions.

## How it works

The non-profit Citizens Foundation built the platform, and the City of Reykjavík committed to processing the top ideas.

- Residents post ideas and write arguments for and against, listed side by side.
- Others vote ideas up or down.
- The most supported ideas go to the relevant committee, and the outcome is reported back.

## Lessons

A clear promise about what happens to top ideas kept people engaged over many years. The separate columns for arguments for and against make discussion more constructive than a comment thread. The same software was later used for neighbourhood budgeting in the city and elsewhere.`,
    },
    country: 'IS',
    level: 'local',
    sectors: ['democracy-participation', 'urban-development'],
    tags: ['civic tech', 'idea crowdsourcing', 'open source'],
    stage: 'implementation',
    yearLaunched: 2010,
    organisations: [
      { name: 'Citizens Foundation', role: 'lead' },
      { name: 'Reykjavíkurborg', role: 'partner' },
    ],
    links: [{ title: 'Citizens Foundation', url: 'https://www.citizens.is' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-03-04T09:00:00Z'),
  },
  {
    slug: 'decidim-barcelona',
    title: { en: 'Decidim: Barcelona’s free software for participatory democracy' },
    summary: {
      en: 'Decidim is a participation platform created by Barcelona City Council and a community of developers and researchers. It supports strategic plans, participatory budgets, assemblies and initiatives, and is governed as a public, free software commons.',
    },
    body: {
      en: `## The problem

In 2016 Barcelona began a municipal action plan with broad public input and needed a platform it could trust, audit and adapt. Commercial tools raised concerns about data ownership and dependence on a vendor.

## What was done

The city built Decidim as free software, together with a community that now organises itself through an association.

- Processes are assembled from components: proposals, debates, meetings, votes, budgets and accountability.
- An accountability module lets residents follow the implementation of decisions.
- A social contract commits every installation to transparency, traceability and integrity.

## Results and lessons

Decidim has been adopted by many cities, regions and organisations across the world. Its governance shows that public institutions can co-own digital infrastructure rather than rent it — with the ongoing cost of maintaining a community.`,
    },
    country: 'ES',
    level: 'local',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['open source', 'digital commons', 'participatory democracy'],
    stage: 'diffusion',
    yearLaunched: 2016,
    organisations: [
      { name: 'Ajuntament de Barcelona', role: 'lead' },
      { name: 'Decidim Association', role: 'partner' },
    ],
    links: [{ title: 'Decidim', url: 'https://decidim.org' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-04-22T09:00:00Z'),
  },
  {
    slug: 'seoul-mvoting',
    title: { en: 'Seoul mVoting: residents vote on city questions from their phones' },
    summary: {
      en: 'With mVoting, the Seoul Metropolitan Government asks residents to vote by smartphone on questions about city policies and services. Residents and city departments can both propose questions.',
    },
    body: {
      en: `## The problem

Seoul is a city of millions, and public hearings reach only a small fraction of residents. The city wanted a quick, cheap way to test public opinion on concrete choices.

## How it works

The city launched mVoting as part of its wider push for participation and open government.

- Questions range from policy priorities to the design of public facilities.
- Residents can propose questions, and those with enough interest are put to a vote.
- Results are published, and departments report how they used them.

## Lessons

Mobile voting brought in younger residents who rarely attend meetings. Because the votes are advisory and self-selected, the city used them alongside other methods rather than as binding decisions — a useful reminder of what such tools can and cannot show.`,
    },
    country: 'KR',
    level: 'local',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['mobile voting', 'e-participation', 'smart city'],
    stage: 'implementation',
    yearLaunched: 2014,
    organisations: [{ name: 'Seoul Metropolitan Government', role: 'lead' }],
    links: [{ title: 'Seoul Metropolitan Government', url: 'https://english.seoul.go.kr' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-05-27T09:00:00Z'),
  },
  {
    slug: 'rwanda-imihigo',
    title: { en: 'Imihigo: performance contracts for local government in Rwanda' },
    summary: {
      en: 'Imihigo revives a Rwandan tradition of publicly vowing to reach a goal. Each year, district mayors sign performance contracts with the President, and progress is evaluated and ranked in public.',
    },
    body: {
      en: `## The problem

After decentralisation, Rwanda needed a way to hold districts accountable for delivering national priorities such as health, education and agriculture, and to make targets meaningful to local leaders.

## How it works

Since 2006, Imihigo has set yearly targets agreed between levels of government.

- Districts draw up targets with local communities and sign them in a public ceremony.
- Performance is evaluated by an independent team during and at the end of the year.
- Districts are ranked, and results are discussed openly.

## Lessons

The practice created strong focus on delivery and clear lines of accountability. Evaluations have also noted risks: targets chosen because they are easy to measure, and pressure that can push officials to overstate results. Drawing on a familiar cultural practice helped the idea gain legitimacy.`,
    },
    country: 'RW',
    level: 'national',
    sectors: ['general-public-services', 'agriculture'],
    tags: ['performance management', 'accountability', 'decentralisation'],
    stage: 'diffusion',
    yearLaunched: 2006,
    organisations: [{ name: 'Ministry of Local Government (MINALOC)', role: 'lead' }],
    links: [{ title: 'MINALOC', url: 'https://www.minaloc.gov.rw' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-06-17T09:00:00Z'),
  },
  {
    slug: 'taiwan-join-platform',
    title: { en: 'Join: Taiwan’s national platform for petitions and policy discussion' },
    summary: {
      en: 'Join is a government platform where anyone can start a petition, comment on draft regulations and follow policies. Petitions that gather enough endorsements within a set period receive a formal response from the responsible agency.',
    },
    body: {
      en: `## The problem

Citizens had few ways to put an issue on the national agenda outside elections and protests, and draft regulations were published in ways few people noticed.

## How it works

The National Development Council runs Join as a single entry point.

- Anyone can start a petition; those reaching the endorsement threshold go to the agency concerned.
- Agencies must reply in public, often after meeting the petitioner.
- Draft regulations are posted for comment before adoption.

## Lessons

Join gave ordinary petitions a predictable path to a government response, and some led to policy changes. The threshold model also means agencies must handle popular but unrealistic requests respectfully; clear, reasoned replies are what build trust.`,
    },
    country: 'TW',
    level: 'national',
    sectors: ['democracy-participation', 'digital-government'],
    tags: ['e-petitions', 'consultation', 'open government'],
    stage: 'implementation',
    yearLaunched: 2015,
    organisations: [{ name: 'National Development Council', role: 'lead' }],
    links: [{ title: 'Join', url: 'https://join.gov.tw' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-07-08T09:00:00Z'),
  },
  {
    slug: 'australia-behavioural-economics-team',
    title: { en: 'BETA: the Behavioural Economics Team of the Australian Government' },
    summary: {
      en: 'BETA is the Australian Government’s central unit for applying behavioural insights to policy. It runs randomised trials with departments and publishes its results, including those that show no effect.',
    },
    body: {
      en: `## The problem

Policies often assume that people read letters, compare options and act in their own interest. In practice, small details such as timing, wording or default options strongly affect what people do.

## What was done

BETA was set up in 2016 in the Department of the Prime Minister and Cabinet.

- It works with departments on projects in areas such as energy bills, tax, health and workplace diversity.
- It tests changes with randomised controlled trials wherever possible.
- It publishes trial plans and results, and shares guidance so departments can run their own trials.

## Lessons

Some changes improved outcomes at very low cost; others made no difference. Publishing null results is one of BETA's most valuable habits, because it prevents governments from copying ideas that do not work in their context.`,
    },
    country: 'AU',
    level: 'national',
    sectors: ['general-public-services', 'energy', 'health'],
    tags: ['behavioural insights', 'randomised trial', 'evidence'],
    stage: 'implementation',
    yearLaunched: 2016,
    organisations: [{ name: 'Department of the Prime Minister and Cabinet', role: 'lead' }],
    links: [{ title: 'BETA', url: 'https://behaviouraleconomics.pmc.gov.au' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-08-19T09:00:00Z'),
  },
  {
    slug: 'uruguay-plan-ceibal',
    title: {
      es: 'Plan Ceibal: una computadora por alumno en Uruguay',
      en: 'Plan Ceibal: one laptop per pupil in Uruguay',
    },
    summary: {
      es: 'En 2007 Uruguay comenzó a entregar una computadora portátil a cada alumno y docente de la escuela pública, junto con conectividad en los centros educativos. Con el tiempo, Ceibal pasó de los equipos a plataformas y programas educativos.',
      en: 'In 2007 Uruguay began giving a laptop to every pupil and teacher in public schools, together with connectivity in schools. Over time, Ceibal moved from devices to educational platforms and programmes.',
    },
    body: {
      es: `## El problema

Muchos niños de hogares de bajos ingresos no tenían computadora ni acceso a internet, lo que ampliaba la brecha digital y educativa.

## Qué se hizo

El Plan Ceibal se inspiró en la iniciativa «Una computadora por niño» y la llevó a escala nacional.

- Cada alumno y docente de primaria pública recibió un equipo, luego extendido a secundaria.
- Las escuelas se conectaron a internet.
- Se añadieron plataformas de aprendizaje, enseñanza de inglés a distancia y programas de robótica y programación.

## Lecciones

Ceibal redujo rápidamente la brecha de acceso. Las evaluaciones mostraron que entregar equipos no mejora por sí solo los aprendizajes: hacen falta formación docente y contenidos. Por eso el plan se convirtió en una institución dedicada a la innovación educativa.`,
      en: `## The problem

Many children from low-income households had no computer or internet access, which widened both the digital and the educational gap.

## What was done

Plan Ceibal drew on the One Laptop per Child initiative and took it to national scale.

- Every pupil and teacher in public primary schools received a device, later extended to secondary schools.
- Schools were connected to the internet.
- Learning platforms, remote English teaching, and robotics and coding programmes were added.

## Lessons

Ceibal quickly closed the access gap. Evaluations showed that devices alone do not improve learning: teacher training and content are needed. That is why the plan became an institution dedicated to educational innovation.`,
    },
    country: 'UY',
    level: 'national',
    sectors: ['education', 'digital-government'],
    tags: ['digital inclusion', 'one laptop per child', 'edtech'],
    stage: 'diffusion',
    yearLaunched: 2007,
    organisations: [{ name: 'Ceibal', role: 'lead' }],
    links: [{ title: 'Ceibal', url: 'https://ceibal.edu.uy' }],
    status: 'published',
    originalLocale: 'es',
    publishedAt: new Date('2025-09-09T09:00:00Z'),
  },
  {
    slug: 'nigeria-budgit',
    title: { en: 'BudgIT: making Nigeria’s public budgets understandable' },
    summary: {
      en: 'BudgIT is a Nigerian civic organisation that turns budget documents into simple graphics and data, and, through its Tracka project, helps communities follow up on whether promised projects were actually built.',
    },
    body: {
      en: `## The problem

Budget documents in Nigeria were long, technical and hard to find. Few citizens could tell what had been allocated to their community or whether it was spent.

## What was done

BudgIT, founded in 2011, works between government data and the public.

- It publishes infographics, explainers and datasets on federal and state budgets.
- Its Tracka initiative sends trackers to check capital projects in communities and reports findings to residents and officials.
- It campaigns for timely publication of budget documents.

## Lessons

Translating budgets into plain language widened public debate, and local project tracking turned abstract allocations into visible results or gaps. The approach depends on government publishing data on time, so advocacy for openness is part of the work.`,
    },
    country: 'NG',
    level: 'national',
    sectors: ['public-finance', 'democracy-participation'],
    tags: ['budget transparency', 'civic tech', 'data visualisation'],
    stage: 'diffusion',
    yearLaunched: 2011,
    organisations: [{ name: 'BudgIT', role: 'lead' }],
    links: [{ title: 'BudgIT', url: 'https://yourbudgit.com' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-10-14T09:00:00Z'),
  },
  {
    slug: 'moldova-mtender',
    title: { en: 'MTender: open e-procurement in Moldova' },
    summary: {
      en: 'Moldova’s MTender system, inspired by Ukraine’s ProZorro, moved public tenders online with a central database and competing commercial platforms, publishing procurement data in the Open Contracting Data Standard.',
    },
    body: {
      en: `## The problem

Public procurement in Moldova suffered from low competition and limited transparency, and suppliers found it hard to learn about and take part in tenders.

## What was done

The government, with civil society and international partners, adapted the ProZorro model.

- A central unit holds the data, while private platforms offer the interface to buyers and bidders.
- Procurement data is published as open data following the Open Contracting Data Standard.
- Civil society groups use the data to monitor risky procedures.

## Lessons

MTender shows that an open procurement model can be transferred between countries, but also that legal changes, training and continued investment are needed for it to take root.`,
    },
    country: 'MD',
    level: 'national',
    sectors: ['procurement', 'digital-government'],
    tags: ['e-procurement', 'open contracting', 'policy transfer'],
    stage: 'implementation',
    yearLaunched: 2018,
    organisations: [{ name: 'Government of the Republic of Moldova', role: 'lead' }],
    links: [{ title: 'MTender', url: 'https://mtender.gov.md' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-11-04T09:00:00Z'),
  },
  {
    slug: 'kerala-peoples-plan-campaign',
    title: { en: 'Kerala’s People’s Plan Campaign' },
    summary: {
      en: 'In 1996 the Indian state of Kerala devolved a large share of its development budget to village and town councils, and asked residents to plan its use in neighbourhood assemblies, supported by a mass training effort.',
    },
    body: {
      en: `## The problem

Constitutional amendments in the early 1990s created elected local governments in India, but planning and money stayed at state level. Local councils had neither the funds nor the skills to plan.

## What was done

Kerala's state government launched a campaign to make local planning real.

- A significant part of the state plan budget was transferred to local governments.
- Village assemblies (grama sabhas) identified needs and priorities.
- Thousands of volunteers and officials were trained to prepare local plans and projects.

## Lessons

The campaign made Kerala a reference for democratic decentralisation. It showed that devolving money works only with investment in local capacity, and that participation tends to fall once the campaign energy fades unless institutions sustain it.`,
    },
    country: 'IN',
    level: 'regional',
    sectors: ['democracy-participation', 'public-finance', 'agriculture'],
    tags: ['decentralisation', 'participatory planning', 'local government'],
    stage: 'evaluation',
    yearLaunched: 1996,
    organisations: [{ name: 'Government of Kerala', role: 'lead' }],
    links: [{ title: 'Government of Kerala', url: 'https://kerala.gov.in' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-12-09T09:00:00Z'),
  },
  {
    slug: 'bowling-green-polis-conversation',
    title: { en: 'Bowling Green, Kentucky: a city-wide Pol.is conversation' },
    summary: {
      en: 'Residents of Bowling Green and Warren County, Kentucky, were invited to an online Pol.is conversation about the area’s future. The results showed a surprising amount of agreement across political lines and informed local priorities.',
    },
    body: {
      en: `## The problem

Local officials in a politically divided country worried that public meetings mostly heard from the same few people, and that online forums would become hostile.

## What was done

With support from a local newspaper and civic partners, the community ran a month-long Pol.is conversation.

- Residents wrote short statements about what the area needed.
- Others voted on them, and the tool grouped participants with similar views.
- A public report highlighted statements supported across groups.

## Lessons

Many statements, on topics from infrastructure to local economy, had broad support across groups that might be expected to disagree. The exercise showed that a simple format, promoted through local media, can reach far more people than town halls, and that highlighting agreement changes the tone of public debate.`,
    },
    country: 'US',
    level: 'local',
    sectors: ['democracy-participation', 'urban-development'],
    tags: ['polis', 'open conversations', 'civic engagement'],
    stage: 'pilot',
    yearLaunched: 2018,
    organisations: [{ name: 'Pol.is', role: 'platform' }],
    links: [{ title: 'Pol.is', url: 'https://pol.is' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-01-13T09:00:00Z'),
  },
  {
    slug: 'universal-basic-services-proposal',
    title: { en: 'Universal Basic Services: a proposal to extend free public services' },
    summary: {
      en: 'Researchers at University College London proposed extending the logic of free health care and education to other basic needs such as transport, digital access and shelter. It remains a policy idea, discussed as an alternative to universal basic income.',
    },
    body: {
      en: `## The idea

Most welfare debates focus on cash. The Universal Basic Services proposal starts from the observation that collectively provided services, such as health care and schools, protect people in ways cash alone does not.

## What it proposes

The proposal, published by the Institute for Global Prosperity at University College London, suggests:

- extending free or heavily subsidised provision to local transport, basic digital access and some housing and food support;
- funding the services collectively, and comparing their cost with cash-based alternatives;
- designing services with communities so they match local needs.

## Why it is here

Not every entry in a library of innovations has been tried. Ideas at an early stage are useful for comparison: some parts of this one, such as free local bus travel, have been tested separately by cities, and those experiences can inform whether the wider idea is worth piloting.`,
    },
    country: 'GB',
    level: 'national',
    sectors: ['social-protection', 'transport', 'housing'],
    tags: ['public services', 'welfare', 'policy proposal'],
    stage: 'idea',
    yearLaunched: 2017,
    organisations: [{ name: 'UCL Institute for Global Prosperity', role: 'lead' }],
    links: [{ title: 'UCL Institute for Global Prosperity', url: 'https://www.ucl.ac.uk/bartlett/igp' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-02-10T09:00:00Z'),
  },
  {
    slug: 'conference-on-the-future-of-europe-citizens-panels',
    title: { en: 'European Citizens’ Panels of the Conference on the Future of Europe' },
    summary: {
      en: 'The Conference on the Future of Europe combined a multilingual online platform with four European Citizens’ Panels of randomly selected citizens, whose recommendations fed into the Conference’s final proposals to the EU institutions.',
    },
    body: {
      en: `## The problem

Earlier EU consultations were criticised for reaching only the already engaged and for having little visible effect on decisions.

## What was done

The European Parliament, the Council and the Commission jointly organised the Conference in 2021 and 2022.

- A multilingual digital platform collected ideas from anyone in any EU language, with machine translation.
- Four panels of randomly selected citizens from all member states deliberated over several weekends, with interpretation.
- Panel members took part in the plenary that adopted the final proposals.

## Lessons

The panels showed that transnational deliberation is possible at scale. Afterwards, the Commission began to involve citizens' panels in preparing some major initiatives, an example of a one-off exercise becoming a more regular practice.`,
    },
    country: 'BE',
    level: 'supranational',
    sectors: ['democracy-participation'],
    tags: ['citizens panels', 'deliberation', 'sortition', 'european union'],
    stage: 'evaluation',
    yearLaunched: 2021,
    organisations: [
      { name: 'European Parliament', role: 'partner' },
      { name: 'Council of the European Union', role: 'partner' },
      { name: 'European Commission', role: 'partner' },
    ],
    links: [{ title: 'European Commission', url: 'https://commission.europa.eu' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-03-10T09:00:00Z'),
  },
  {
    slug: 'eu-digital-identity-wallet-pilots',
    title: { en: 'EU Digital Identity Wallet large-scale pilots' },
    summary: {
      en: 'The European Union is testing a digital identity wallet that citizens could use across borders to prove who they are and share documents such as diplomas or driving licences. Consortia of member states and companies are piloting it on real use cases.',
    },
    body: {
      en: `## The problem

National electronic identities are often not usable in other member states, and people depend on private platforms to log in to many services. Sharing verified documents across borders remains cumbersome.

## What is being tested

Following the revision of the EU rules on electronic identification, the Commission funded large-scale pilots.

- Member states, public bodies and companies test the wallet on cases such as opening a bank account, travel, education credentials and health prescriptions.
- A shared architecture and reference implementation guide national wallets.
- Privacy features let users share only the attributes needed, such as proving they are over a certain age.

## Lessons so far

Working across many countries at once surfaces technical and legal differences early. Trust, usability and the willingness of services to accept the wallet will decide whether citizens actually use it.`,
    },
    country: 'BE',
    level: 'supranational',
    sectors: ['digital-government'],
    tags: ['digital identity', 'interoperability', 'cross-border services'],
    stage: 'pilot',
    yearLaunched: 2023,
    organisations: [{ name: 'European Commission', role: 'lead' }],
    links: [{ title: 'European Commission', url: 'https://commission.europa.eu' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-04-14T09:00:00Z'),
  },
  {
    slug: 'bundestag-citizens-council-nutrition',
    title: {
      en: 'The German Bundestag’s first citizens’ council',
    },
    summary: {
      en: 'The German Bundestag set up its first citizens’ council, on nutrition in transition. Randomly selected residents met over several months and presented recommendations to parliament in 2024.',
    },
    body: {
      en: `## The problem

Citizens' assemblies had been held in Germany by civil society, but parliament had never commissioned one itself, so their link to legislation was weak.

## What was done

In 2023 the Bundestag decided to convene a citizens' council on how food and nutrition policy should change.

- Participants were drawn by lot and selected to reflect the population.
- They heard from experts, deliberated in small groups and voted on recommendations.
- The report was handed to parliament, whose committees were asked to consider it.

## Lessons

A parliament commissioning its own citizens' council gives recommendations a clearer addressee. Its real test is the follow-up: how committees respond, and whether they explain their reasons when they do not follow a recommendation.`,
    },
    country: 'DE',
    level: 'national',
    sectors: ['democracy-participation', 'health', 'agriculture'],
    tags: ['citizens assembly', 'sortition', 'parliament'],
    stage: 'evaluation',
    yearLaunched: 2023,
    organisations: [{ name: 'Deutscher Bundestag', role: 'lead' }],
    links: [{ title: 'Deutscher Bundestag', url: 'https://www.bundestag.de' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-05-12T09:00:00Z'),
  },
  {
    slug: 'scotland-violence-reduction-unit',
    title: { en: 'Scotland’s Violence Reduction Unit: treating violence as a public health problem' },
    summary: {
      en: 'Scotland’s Violence Reduction Unit approached violence as something that can be prevented, like a disease, working with health, education and community partners as well as the police. Its approach inspired violence reduction units elsewhere in the United Kingdom.',
    },
    body: {
      en: `## The problem

In the early 2000s Glasgow had some of the highest rates of violence in Western Europe, much of it involving young men and knives. Enforcement alone was not bringing it down.

## What was done

A unit set up within the police in the west of Scotland, later extended to the whole country, adopted a public health approach.

- Treat violence as preventable: look at its causes and the people most at risk, not only at offences.
- Work with hospitals, schools, social services and community groups, for example offering support to young people admitted to hospital with injuries.
- Combine focused deterrence with real offers of help, such as mentoring and employment programmes.

## Results and lessons

Violence fell considerably over the following years, though many factors contributed and attributing the fall to one unit is difficult. The approach showed the value of long-term partnerships across services and of seeing the police as one partner among many. Several regions of England and Wales later created their own violence reduction units.`,
    },
    country: 'GB',
    level: 'regional',
    sectors: ['public-safety', 'health', 'justice'],
    tags: ['public health approach', 'violence prevention', 'partnerships'],
    stage: 'diffusion',
    yearLaunched: 2005,
    organisations: [
      { name: 'Scottish Violence Reduction Unit', role: 'lead' },
      { name: 'Police Scotland', role: 'partner' },
    ],
    links: [{ title: 'Scottish Violence Reduction Unit', url: 'https://www.svru.co.uk' }],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-06-23T09:00:00Z'),
  },
];

/** Demo posts for the library's blog: one or more of every post type. */
export const demoPosts: PostInput[] = [
  {
    slug: 'lessons-from-participatory-budgeting',
    type: 'blog',
    title: {
      en: 'Five lessons from more than thirty years of participatory budgeting',
      pt: 'Cinco lições de mais de trinta anos de orçamento participativo',
    },
    summary: {
      en: 'From Porto Alegre in 1989 to Paris, Rome and a national budget in Portugal, participatory budgeting has travelled far. Here is what the cases in the library have in common.',
      pt: 'De Porto Alegre em 1989 a Paris, Roma e um orçamento nacional em Portugal, o orçamento participativo foi longe. Eis o que os casos da biblioteca têm em comum.',
    },
    body: {
      en: `Participatory budgeting began as a way for poor neighbourhoods in Porto Alegre to claim a say over investment. Since then it has been adopted by cities of every size and even by national governments. Reading the cases side by side, a few lessons stand out.

**Delivery is the real test.** Residents judge the process by whether the projects they voted for are built. Cities that publish the status of every winning project keep trust; those that go quiet after the vote lose it. **Rules matter more than software.** Clear eligibility criteria, feasibility checks and distribution rules make results legitimate, whichever platform hosts the vote.

**Reach takes effort.** Paris reserves funds for working-class neighbourhoods; Porto Alegre used criteria based on need. Without such choices, the most organised districts win most often. Finally, **continuity is fragile**: processes that depend on one mayor or one minister can disappear, so it pays to anchor them in rules and budgets that outlast an election.`,
      pt: `O orçamento participativo começou como uma forma de os bairros pobres de Porto Alegre terem voz sobre os investimentos. Desde então, foi adotado por cidades de todos os tamanhos e até por governos nacionais. Lendo os casos lado a lado, algumas lições se destacam.

**A execução é o verdadeiro teste.** Os moradores julgam o processo pela construção dos projetos que votaram. Cidades que publicam a situação de cada projeto vencedor mantêm a confiança; as que se calam depois da votação perdem-na. **As regras importam mais do que o software.** Critérios claros de elegibilidade, análise de viabilidade e regras de distribuição dão legitimidade aos resultados, seja qual for a plataforma.

**Chegar a todos exige esforço.** Paris reserva recursos para bairros populares; Porto Alegre usou critérios baseados na carência. Sem essas escolhas, os bairros mais organizados ganham quase sempre. Por fim, **a continuidade é frágil**: processos que dependem de um prefeito ou de um ministro podem desaparecer, por isso vale a pena ancorá-los em regras e orçamentos que sobrevivam às eleições.`,
    },
    tags: ['participatory budgeting', 'lessons'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-02-18T09:00:00Z'),
  },
  {
    slug: 'open-conversations-look-for-agreement',
    type: 'blog',
    title: { en: 'Why open conversations should look for agreement, not winners' },
    summary: {
      en: 'vTaiwan, a Canadian federal team and a Kentucky city all used Pol.is for the same reason: to find out what people agree on before arguing about what divides them.',
    },
    body: {
      en: `Most online consultation tools reward the loudest and most persistent participants. Comment threads turn into debates, debates into camps, and the officials reading them come away with a picture of a divided public.

Open conversation tools such as Pol.is take a different approach. Participants write short statements and vote on each other's, and there is no way to reply. The tool then groups people by how they vote and highlights the statements that every group supports. In the cases in our library — vTaiwan's regulatory discussions, a federal consultation in Canada and a city-wide conversation in Bowling Green — those statements of common ground turned out to be more numerous than organisers expected.

The method is not magic. It needs good seed statements, moderation, and a commitment from the institution to say what it will do with the results. But it changes the question a consultation asks, from "who is right?" to "what can we build on?" — and that is often the question a government actually needs answered.`,
    },
    tags: ['polis', 'open conversations', 'deliberation'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-06-24T09:00:00Z'),
  },
  {
    slug: 'closing-the-loop-on-service-requests',
    type: 'blog',
    title: {
      en: 'Reporting a problem is easy; closing the loop is hard',
      es: 'Reportar un problema es fácil; cerrar el ciclo es difícil',
    },
    summary: {
      en: 'FixMyStreet, Citizens Connect and Bogotá’s waste service show that the value of citizen reports lies in what happens after they are sent.',
      es: 'FixMyStreet, Citizens Connect y el servicio de aseo de Bogotá muestran que el valor de los reportes ciudadanos está en lo que ocurre después de enviarlos.',
    },
    body: {
      en: `Building a form for reporting a pothole takes an afternoon. Making sure the report reaches the team that can fix it, that the fix happens, and that the person who reported it hears back takes years of institutional work.

The cases in the library approach this from different angles. FixMyStreet solves routing by working out which authority is responsible for each location. Punjab's Citizens Connect reverses the direction: the government asks citizens how a service went instead of waiting for complaints. Bogotá combines citizen complaints with operators' route data to supervise waste collection contracts.

What they share is a focus on the loop rather than the form. If you are planning a reporting channel, start by mapping who will receive each category, what they will do with it and how the reporter will be told — and only then design the app.`,
      es: `Construir un formulario para reportar un bache lleva una tarde. Asegurar que el reporte llegue al equipo que puede arreglarlo, que el arreglo ocurra y que la persona que lo reportó reciba respuesta lleva años de trabajo institucional.

Los casos de la biblioteca abordan esto desde ángulos distintos. FixMyStreet resuelve el enrutamiento identificando qué autoridad es responsable de cada lugar. Citizens Connect, en Punyab, invierte la dirección: el gobierno pregunta a la ciudadanía cómo fue un servicio en lugar de esperar quejas. Bogotá combina las quejas ciudadanas con los datos de ruta de los operadores para supervisar los contratos de aseo.

Lo que comparten es que se centran en el ciclo y no en el formulario. Si planea un canal de reportes, empiece por definir quién recibirá cada categoría, qué hará con ella y cómo se informará a quien reportó; solo después diseñe la aplicación.`,
    },
    tags: ['service requests', 'citizen feedback', 'civic tech'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-10-07T09:00:00Z'),
  },
  {
    slug: 'library-reaches-30-case-studies',
    type: 'news',
    title: {
      en: 'The innovation library reaches 30 case studies',
      fr: 'La bibliothèque d’innovations atteint 30 études de cas',
    },
    summary: {
      en: 'The library now holds more than 30 published case studies from every level of government, from city participatory budgets to supranational citizens’ panels.',
      fr: 'La bibliothèque compte désormais plus de 30 études de cas publiées, à tous les niveaux de gouvernement, des budgets participatifs municipaux aux panels citoyens supranationaux.',
    },
    body: {
      en: `We are glad to announce that the innovation library has passed 30 published case studies. They cover local, regional, national and supranational governments on several continents, and every stage of the innovation lifecycle, from ideas to innovations that have spread around the world.

You can filter cases by level, stage, sector and country, and several are available in more than one language. Thank you to everyone who suggested cases and reviewed drafts. If you know an innovation that should be here, watch for our next open call.`,
      fr: `Nous avons le plaisir d’annoncer que la bibliothèque d’innovations a dépassé les 30 études de cas publiées. Elles couvrent des gouvernements locaux, régionaux, nationaux et supranationaux sur plusieurs continents, et toutes les étapes du cycle de l’innovation, de l’idée jusqu’à la diffusion dans le monde entier.

Vous pouvez filtrer les cas par niveau, étape, secteur et pays, et plusieurs sont disponibles en plus d’une langue. Merci à toutes les personnes qui ont proposé des cas et relu des versions. Si vous connaissez une innovation qui devrait y figurer, surveillez notre prochain appel ouvert.`,
    },
    tags: ['library', 'milestone'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-05-06T09:00:00Z'),
  },
  {
    slug: 'case-studies-in-more-languages',
    type: 'news',
    title: { en: 'Case studies now readable in more languages' },
    summary: {
      en: 'Case studies can now be published in several languages. When a translation is missing, the library shows the original text and says which language it is in.',
    },
    body: {
      en: `Many innovations are best described in the language of the people who made them. From today, editors can add translations to any case study, and readers see the version that matches their chosen language.

When no translation exists yet, the library shows the original — for example, Portugal's national participatory budget in Portuguese — with a note about the language. We would rather show the original than a poor automatic translation.

Translations are welcome: if you can translate a case study into Spanish, French, Portuguese or Ukrainian, contact the editorial team.`,
    },
    tags: ['library', 'translation', 'languages'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-02-03T09:00:00Z'),
  },
  {
    slug: 'new-filters-by-level-and-stage',
    type: 'news',
    title: { en: 'New: browse innovations by level of government and stage' },
    summary: {
      en: 'Two new filters let you find innovations by the level of government that led them and by how far they have come, from idea to diffusion.',
    },
    body: {
      en: `A city officer looking for a model to copy needs different examples from a ministry planning a national reform. The library now lets you filter case studies by level of government: local, regional, national or supranational.

You can also filter by stage, following the innovation lifecycle used by the OECD Observatory of Public Sector Innovation: idea, pilot, implementation, evaluation and diffusion. Evaluated cases are often the most instructive, because they say what did not work as well as what did.`,
    },
    tags: ['library', 'search'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-07-14T09:00:00Z'),
  },
  {
    slug: 'toolkit-running-a-citizens-assembly',
    type: 'toolkit',
    title: {
      en: 'Toolkit: running a citizens’ assembly',
      es: 'Guía práctica: cómo organizar una asamblea ciudadana',
    },
    summary: {
      en: 'A step-by-step guide for public bodies planning their first citizens’ assembly: from the question and the mandate to random selection, facilitation and the official response.',
      es: 'Una guía paso a paso para instituciones que preparan su primera asamblea ciudadana: de la pregunta y el mandato al sorteo, la facilitación y la respuesta oficial.',
    },
    body: {
      en: `**Start with the mandate.** Before anything else, agree on a clear question and on what the institution commits to do with the recommendations — for example, to respond publicly to each one within a set time. An assembly without a mandate is a focus group.

**Select by lot, then stratify.** Send invitations to a random sample of residents, and choose members among those who reply so the assembly reflects the population by age, gender, place and education. Pay members for their time and cover childcare and travel, or only people with spare time will come.

**Design for learning and deliberation.** Plan several sessions: a learning phase with balanced experts and stakeholders chosen with an advisory group, a deliberation phase in small facilitated groups, and a decision phase with clear voting rules. Publish all materials as you go.

**Close the loop.** Hand the report over in public, respond to each recommendation with reasons, and tell members what happened next. The cases in the library, such as the Bundestag's citizens' council and the Conference on the Future of Europe, show that follow-up is where trust is won or lost.`,
      es: `**Empiece por el mandato.** Antes que nada, acuerde una pregunta clara y lo que la institución se compromete a hacer con las recomendaciones; por ejemplo, responder públicamente a cada una en un plazo fijado. Una asamblea sin mandato es un grupo focal.

**Sortee y luego estratifique.** Envíe invitaciones a una muestra aleatoria de residentes y elija a los miembros entre quienes respondan para que la asamblea refleje a la población por edad, género, lugar y nivel educativo. Pague a los miembros por su tiempo y cubra cuidado infantil y transporte, o solo vendrán quienes tengan tiempo libre.

**Diseñe para aprender y deliberar.** Planifique varias sesiones: una fase de aprendizaje con expertos y actores equilibrados, elegidos con un grupo asesor; una fase de deliberación en grupos pequeños facilitados; y una fase de decisión con reglas de votación claras. Publique todos los materiales a medida que avanza.

**Cierre el ciclo.** Entregue el informe en público, responda a cada recomendación con razones y cuente a los miembros lo que ocurrió después. Los casos de la biblioteca, como el consejo ciudadano del Bundestag y la Conferencia sobre el Futuro de Europa, muestran que el seguimiento es donde se gana o se pierde la confianza.`,
    },
    tags: ['citizens assembly', 'sortition', 'deliberation', 'how to'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-09-16T09:00:00Z'),
  },
  {
    slug: 'toolkit-writing-a-good-case-study',
    type: 'toolkit',
    title: { en: 'Toolkit: writing a case study others can learn from' },
    summary: {
      en: 'A checklist for contributors: what problem you solved, what you did, how it works, what happened and what you would do differently.',
    },
    body: {
      en: `A good case study is not a press release. Readers are public servants deciding whether to try something similar, so they need to know the context, the costs and the difficulties as much as the successes.

Use this checklist when you write:

- **The problem**: who was affected and why earlier approaches did not work.
- **What was done**: the main steps, who led and who took part.
- **How it works**: enough detail for someone else to picture the process.
- **Results**: what changed, how you know, and what did not change.
- **Lessons**: what you would tell a colleague starting tomorrow.

Choose the stage honestly — a pilot described as a success is less useful than an evaluated innovation that reports mixed results. And write in the language you know best: translations can follow.`,
    },
    tags: ['case studies', 'writing', 'how to'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-01-20T09:00:00Z'),
  },
  {
    slug: 'toolkit-monitoring-open-government-commitments',
    type: 'toolkit',
    title: { en: 'Toolkit: monitoring open-government commitments milestone by milestone' },
    summary: {
      en: 'How to break a commitment into milestones that anyone outside government can check, inspired by Brazil’s Open Government Partnership action plans.',
    },
    body: {
      en: `Commitments such as "improve transparency in public procurement" are impossible to check. Brazil's approach to its Open Government Partnership action plans shows a better way: each commitment is broken into milestones with a date, a responsible body and a verifiable output.

When you draft milestones, ask three questions. Can someone outside government see whether it happened? Is there a single body accountable for it? Is the date realistic given budget and legal steps? If the answer to any of them is no, rewrite the milestone.

Then publish the status of every milestone in one place and update it on a fixed schedule, including delays and their reasons. Civil society partners can then focus their attention where things are stuck, rather than spending it on finding information.`,
    },
    tags: ['open government', 'monitoring', 'ogp', 'how to'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-03-24T09:00:00Z'),
  },
  {
    slug: 'workshop-report-co-creating-public-services',
    type: 'event_report',
    title: { en: 'Workshop report: co-creating public services with residents' },
    summary: {
      en: 'Public servants and community organisers spent a day comparing co-creation methods, drawing on Gipuzkoa’s Etorkizuna Eraikiz and on neighbourhood civic places in Brussels.',
    },
    body: {
      en: `Our autumn workshop brought together public servants from several cities and regions with community organisers and researchers. The aim was practical: to compare how co-creation works when it becomes a routine part of government rather than a one-off project.

In the morning, participants worked through two cases from the library. Gipuzkoa's Etorkizuna Eraikiz shows a regional government building permanent spaces for listening, experimentation and deliberation. Les Halles Civiques shows how physical places in neighbourhoods can lower the threshold for people who rarely take part online.

In the afternoon, small groups mapped a co-creation process for a service of their choice. Three ideas recurred: budget for facilitation as a permanent cost, agree on what will be done with results before starting, and report back to participants even when the answer is no. Slides and templates from the day are available on request from the editorial team.`,
    },
    tags: ['co-creation', 'workshop'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2025-11-25T09:00:00Z'),
  },
  {
    slug: 'roundtable-report-open-procurement-data',
    type: 'event_report',
    title: {
      en: 'Roundtable report: what open procurement data is for',
      uk: 'Звіт круглого столу: для чого потрібні відкриті дані про закупівлі',
    },
    summary: {
      en: 'Procurement officials and civic monitors discussed how open data from systems such as ProZorro, MTender and ChileCompra is used — and what stops it from being used more.',
      uk: 'Фахівці із закупівель і громадські моніторинги обговорили, як використовують відкриті дані систем ProZorro, MTender і ChileCompra і що заважає використовувати їх ширше.',
    },
    body: {
      en: `Our online roundtable gathered procurement officials, auditors and civil society monitors to discuss a simple question: once procurement data is open, who uses it and for what?

Participants agreed that risk indicators, such as those used by DOZORRO, are the most effective bridge between data and action, because they tell monitors where to look first. They also stressed that data quality — consistent identifiers, complete contract information — matters more than the number of datasets published.

The main obstacles mentioned were the skills needed to analyse data, the lack of feedback when monitors report problems, and the risk that platforms are transferred between countries without the civic ecosystem that made them work. The next roundtable will look at how auditors can use civic monitoring results.`,
      uk: `Наш онлайн-круглий стіл зібрав фахівців із закупівель, аудиторів і представників громадського моніторингу, щоб обговорити просте питання: хто і для чого використовує дані про закупівлі, коли вони вже відкриті?

Учасники погодилися, що індикатори ризиків, як у DOZORRO, — найефективніший міст між даними та діями, бо вони підказують, куди дивитися насамперед. Також наголошували, що якість даних — узгоджені ідентифікатори, повна інформація про договори — важить більше, ніж кількість опублікованих наборів.

Серед головних перешкод назвали брак навичок аналізу даних, відсутність зворотного зв’язку, коли моніторинги повідомляють про порушення, і ризик перенесення платформ між країнами без громадської екосистеми, яка забезпечила їхній успіх. Наступний круглий стіл буде присвячено тому, як аудитори можуть використовувати результати громадського моніторингу.`,
    },
    tags: ['e-procurement', 'open data', 'civic monitoring'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-04-28T09:00:00Z'),
  },
  {
    slug: 'call-for-reviewers',
    type: 'call',
    title: { en: 'Call for reviewers: help us assess case study submissions' },
    summary: {
      en: 'We are looking for public servants, researchers and practitioners to review submitted case studies for clarity, accuracy and usefulness.',
    },
    body: {
      en: `Every case study in the library is reviewed before it is published. As submissions grow, we are widening our pool of volunteer reviewers.

Reviewers read a small number of submissions each year and give structured feedback: is the problem clear, is the description accurate as far as they can tell, are results and limits reported honestly, and would a colleague learn from it? Experience in public administration, civic tech or policy research is welcome, and so are reviewers who can read submissions in Spanish, French, Portuguese or Ukrainian.

To volunteer, write to the editorial team with a few lines about your experience, the sectors you know best and the languages you read.`,
    },
    tags: ['reviewers', 'volunteering'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-06-09T09:00:00Z'),
  },
  {
    slug: 'open-call-for-case-studies-2027',
    type: 'call',
    title: {
      en: 'Open call for case studies 2027',
      fr: 'Appel ouvert à études de cas 2027',
      es: 'Convocatoria abierta de casos 2027',
    },
    summary: {
      en: 'Governments, public servants and civil society organisations are invited to submit public-sector innovations at any stage, from idea to diffusion, for the 2027 edition of the library.',
      fr: 'Les gouvernements, les agents publics et les organisations de la société civile sont invités à soumettre des innovations du secteur public à toute étape, de l’idée à la diffusion, pour l’édition 2027 de la bibliothèque.',
      es: 'Se invita a gobiernos, personal del sector público y organizaciones de la sociedad civil a presentar innovaciones públicas en cualquier etapa, de la idea a la difusión, para la edición 2027 de la biblioteca.',
    },
    body: {
      en: `The open call for case studies 2027 is now open. We welcome innovations from every level of government — local, regional, national and supranational — and every stage, including ideas that have not been tried yet and evaluations that found mixed results.

Submit your case through the form on this site, in English, Spanish, French, Portuguese or Ukrainian. Describe the problem, what was done, how it works, the results and the lessons; the toolkit on writing a good case study can help. Submissions are reviewed by the editorial team and volunteer reviewers, and accepted cases are published with credit to the submitting organisation.

This year we especially welcome cases on climate adaptation, public procurement and services designed around life events.`,
      fr: `L’appel ouvert à études de cas 2027 est lancé. Nous accueillons des innovations de tous les niveaux de gouvernement — local, régional, national et supranational — et de toutes les étapes, y compris des idées pas encore testées et des évaluations aux résultats mitigés.

Soumettez votre cas au moyen du formulaire de ce site, en français, anglais, espagnol, portugais ou ukrainien. Décrivez le problème, ce qui a été fait, le fonctionnement, les résultats et les enseignements ; la boîte à outils sur la rédaction d’une étude de cas peut vous aider. Les soumissions sont examinées par l’équipe éditoriale et des relecteurs bénévoles, et les cas retenus sont publiés en citant l’organisation qui les a proposés.

Cette année, nous accueillons en particulier des cas sur l’adaptation au climat, les marchés publics et les services conçus autour des événements de la vie.`,
      es: `La convocatoria abierta de casos 2027 ya está en marcha. Recibimos innovaciones de todos los niveles de gobierno —local, regional, nacional y supranacional— y de todas las etapas, incluidas ideas aún no probadas y evaluaciones con resultados mixtos.

Presente su caso mediante el formulario de este sitio, en español, inglés, francés, portugués o ucraniano. Describa el problema, lo que se hizo, cómo funciona, los resultados y las lecciones; la guía para escribir un buen caso puede ayudarle. El equipo editorial y revisores voluntarios evalúan las propuestas, y los casos aceptados se publican con mención de la organización que los presentó.

Este año damos especial bienvenida a casos sobre adaptación climática, compras públicas y servicios diseñados en torno a los momentos de la vida.`,
    },
    tags: ['open call', 'case studies', 'submissions'],
    status: 'published',
    originalLocale: 'en',
    publishedAt: new Date('2026-10-06T09:00:00Z'),
  },
];

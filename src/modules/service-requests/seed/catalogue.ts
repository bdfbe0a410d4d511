import type { Deps } from '../../../db/context.js';
import { listOrganisations, saveOrganisation } from '../../sites/index.js';
import { saveAgencyContact, saveArea, saveGroup, saveService, setFallbackAgency } from '../commands/catalogue.js';
import type { PolygonGeometry } from '../core/geo.js';

/** A square area `[lon0, lat0]` to `[lon0 + size, lat0 + size]`, for demo and test geography. */
export function squareArea(lon0: number, lat0: number, size: number): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon0, lat0],
        [lon0 + size, lat0],
        [lon0 + size, lat0 + size],
        [lon0, lat0 + size],
        [lon0, lat0],
      ],
    ],
  };
}

/** The demo city: a 0.1 degree square around 40.0 N, 3.7 W, with a park inside it. */
export const DEMO_CITY = squareArea(-3.75, 39.95, 0.1);
export const DEMO_PARK = squareArea(-3.71, 39.99, 0.02);

const AGENCIES: [string, Record<string, string>][] = [
  [
    'roads',
    { en: 'Roads and Street Lighting', es: 'Vías y alumbrado', fr: 'Voirie et éclairage', pt: 'Vias e iluminação', uk: 'Дороги та освітлення' },
  ],
  [
    'waste',
    { en: 'Waste and Recycling', es: 'Residuos y reciclaje', fr: 'Déchets et recyclage', pt: 'Resíduos e reciclagem', uk: 'Відходи та переробка' },
  ],
  [
    'parks',
    {
      en: 'Parks and Green Spaces',
      es: 'Parques y zonas verdes',
      fr: 'Parcs et espaces verts',
      pt: 'Parques e espaços verdes',
      uk: 'Парки та зелені зони',
    },
  ],
  [
    'service-desk',
    {
      en: 'Citizen Service Desk',
      es: 'Atención ciudadana',
      fr: 'Accueil des citoyens',
      pt: 'Atendimento ao cidadão',
      uk: 'Служба звернень громадян',
    },
  ],
];

/** The agencies the catalogue routes to, by slug (found, or made when the site has none). */
export async function ensureAgencies(deps: Deps, siteId: string): Promise<Record<string, string>> {
  const existing = await listOrganisations(deps.db, siteId, 'agency');
  const out: Record<string, string> = {};
  for (const [slug, name] of AGENCIES) {
    const found = existing.find((o) => o.slug === slug);
    out[slug] = found
      ? found.id
      : (await saveOrganisation(deps, siteId, { slug, name, kind: 'agency', contact: { email: `${slug}@city.example`, phone: null, url: null } })).id;
  }
  return out;
}

/**
 * A small real catalogue: groups, five services with extra questions of every Open311 datatype,
 * target times, the city area (roads), the park (parks, for trees and graffiti), a fallback
 * agency and agency contacts. Returns the agency ids by slug.
 */
export async function seedCatalogue(deps: Deps, siteId: string): Promise<Record<string, string>> {
  const a = await ensureAgencies(deps, siteId);
  await saveGroup(deps, siteId, { code: 'streets', name: { en: 'Streets', es: 'Calles', fr: 'Rues', pt: 'Ruas', uk: 'Вулиці' }, position: 1 });
  await saveGroup(deps, siteId, { code: 'waste', name: { en: 'Waste', es: 'Residuos', fr: 'Déchets', pt: 'Resíduos', uk: 'Відходи' }, position: 2 });
  await saveGroup(deps, siteId, { code: 'parks', name: { en: 'Parks', es: 'Parques', fr: 'Parcs', pt: 'Parques', uk: 'Парки' }, position: 3 });
  await saveService(deps, siteId, {
    code: 'POTHOLE',
    groupCode: 'streets',
    name: { en: 'Pothole', es: 'Bache', fr: 'Nid-de-poule', pt: 'Buraco na via', uk: 'Вибоїна' },
    description: {
      en: 'A hole in the road surface. Roads inspects within two days and repairs dangerous holes first.',
      es: 'Un agujero en la calzada. Vías lo inspecciona en dos días y repara primero los peligrosos.',
      fr: 'Un trou dans la chaussée. La voirie inspecte sous deux jours et répare d’abord les trous dangereux.',
      pt: 'Um buraco no pavimento. As vias inspecionam em dois dias e reparam primeiro os perigosos.',
      uk: 'Яма в дорожньому покритті. Служба доріг оглядає її за два дні й спершу ремонтує небезпечні.',
    },
    keywords: ['road', 'hole', 'asphalt'],
    agencyId: a.roads,
    targetHours: 72,
    attributes: [
      {
        code: 'SIZE',
        datatype: 'singlevaluelist',
        required: true,
        description: 'How big is it?',
        order: 1,
        values: [
          { key: 'small', name: 'Smaller than a hand' },
          { key: 'medium', name: 'Up to a shoe box' },
          { key: 'large', name: 'Larger than a shoe box' },
        ],
      },
      {
        code: 'DEPTH',
        datatype: 'number',
        required: false,
        description: 'Depth in centimetres, if you know it',
        order: 2,
        datatypeDescription: 'a number',
      },
    ],
  });
  await saveService(deps, siteId, {
    code: 'STREETLIGHT',
    groupCode: 'streets',
    name: { en: 'Street light out', es: 'Farola apagada', fr: 'Lampadaire éteint', pt: 'Candeeiro apagado', uk: 'Не світить ліхтар' },
    description: { en: 'A street light that is off or flickering.' },
    keywords: ['lamp', 'light', 'dark'],
    agencyId: a.roads,
    targetHours: 120,
    attributes: [{ code: 'POLE', datatype: 'string', required: false, description: 'Number on the pole', order: 1 }],
  });
  await saveService(deps, siteId, {
    code: 'GRAFFITI',
    groupCode: 'streets',
    name: { en: 'Graffiti', es: 'Pintadas', fr: 'Graffiti', pt: 'Grafitos', uk: 'Графіті' },
    description: { en: 'Unwanted paint on public walls and street furniture.' },
    keywords: ['paint', 'tag', 'vandalism'],
    targetHours: 168,
    attributes: [
      {
        code: 'OFFENSIVE',
        datatype: 'singlevaluelist',
        required: false,
        description: 'Is it offensive?',
        order: 1,
        values: [
          { key: 'yes', name: 'Yes' },
          { key: 'no', name: 'No' },
        ],
      },
    ],
  });
  await saveService(deps, siteId, {
    code: 'BULKY',
    groupCode: 'waste',
    name: {
      en: 'Bulky waste collection',
      es: 'Recogida de voluminosos',
      fr: 'Encombrants',
      pt: 'Recolha de monstros',
      uk: 'Вивезення великогабаритних відходів',
    },
    description: { en: 'Ask for furniture and appliances to be collected.' },
    keywords: ['sofa', 'fridge', 'furniture'],
    agencyId: a.waste,
    targetHours: 168,
    attributes: [
      {
        code: 'ITEMS',
        datatype: 'multivaluelist',
        required: true,
        description: 'What should be collected?',
        order: 1,
        values: [
          { key: 'furniture', name: 'Furniture' },
          { key: 'appliance', name: 'Appliance' },
          { key: 'mattress', name: 'Mattress' },
        ],
      },
      { code: 'PICKUP', datatype: 'datetime', required: false, description: 'Earliest pick-up time', order: 2 },
    ],
  });
  await saveService(deps, siteId, {
    code: 'TREE',
    groupCode: 'parks',
    name: {
      en: 'Fallen or damaged tree',
      es: 'Árbol caído o dañado',
      fr: 'Arbre tombé ou abîmé',
      pt: 'Árvore caída ou danificada',
      uk: 'Повалене чи пошкоджене дерево',
    },
    description: { en: 'A tree or branch that has fallen or may fall.' },
    keywords: ['branch', 'tree'],
    agencyId: a.parks,
    targetHours: 240,
    attributes: [{ code: 'NOTES', datatype: 'text', required: false, description: 'Anything the crew should know', order: 1 }],
  });
  await saveGroup(deps, siteId, {
    code: 'questions',
    name: { en: 'Questions', es: 'Preguntas', fr: 'Questions', pt: 'Perguntas', uk: 'Запитання' },
    position: 9,
  });
  await saveService(deps, siteId, {
    code: 'INQUIRY',
    groupCode: 'questions',
    name: {
      en: 'A question for the city',
      es: 'Una pregunta a la ciudad',
      fr: 'Une question à la ville',
      pt: 'Uma pergunta à cidade',
      uk: 'Запитання до міста',
    },
    description: { en: 'Ask about a service, a bill or a rule: anything that is not a problem in a place.' },
    keywords: ['question', 'information', 'ask'],
    agencyId: a['service-desk'],
    targetHours: 120,
    locationRequired: false,
  });
  // Each agency's city-wide area covers only its own services, so a place decides between agencies, never the service list.
  await saveArea(deps, siteId, {
    agencyId: a.roads,
    name: 'City streets',
    geometry: DEMO_CITY,
    serviceCodes: ['POTHOLE', 'STREETLIGHT', 'GRAFFITI'],
  });
  await saveArea(deps, siteId, { agencyId: a.waste, name: 'City collection', geometry: DEMO_CITY, serviceCodes: ['BULKY'] });
  await saveArea(deps, siteId, { agencyId: a.parks, name: 'Central park', geometry: DEMO_PARK, serviceCodes: ['TREE', 'GRAFFITI'], priority: 1 });
  await setFallbackAgency(deps, siteId, a['service-desk']);
  for (const slug of ['roads', 'waste', 'parks', 'service-desk']) {
    await saveAgencyContact(deps, siteId, { agencyId: a[slug], notifyEmail: `${slug}@city.example`, escalationEmail: `${slug}-lead@city.example` });
  }
  return a;
}

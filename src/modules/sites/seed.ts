import type { Deps } from '../../db/context.js';
import { saveOrganisation } from './commands/save-organisation.js';

/** Demo organisations: a few city agencies and civic partners. */
export async function seedOrganisations(deps: Deps, siteId: string): Promise<void> {
  const city = await saveOrganisation(deps, siteId, {
    slug: 'city-hall',
    name: { en: 'City Hall', es: 'Ayuntamiento', fr: 'Hôtel de ville', pt: 'Câmara Municipal', uk: 'Міська рада' },
    kind: 'government',
    contact: { email: 'info@city.example', phone: '+1 555 0100', url: 'https://city.example' },
  });
  const agencies: [string, Record<string, string>, string][] = [
    [
      'roads',
      { en: 'Roads and Street Lighting', es: 'Vías y alumbrado', fr: 'Voirie et éclairage', pt: 'Vias e iluminação', uk: 'Дороги та освітлення' },
      'roads@city.example',
    ],
    [
      'waste',
      { en: 'Waste and Recycling', es: 'Residuos y reciclaje', fr: 'Déchets et recyclage', pt: 'Resíduos e reciclagem', uk: 'Відходи та переробка' },
      'waste@city.example',
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
      'parks@city.example',
    ],
    [
      'procurement-office',
      {
        en: 'Procurement Office',
        es: 'Oficina de contratación',
        fr: 'Service des marchés publics',
        pt: 'Gabinete de contratação pública',
        uk: 'Відділ закупівель',
      },
      'procurement@city.example',
    ],
  ];
  for (const [slug, name, email] of agencies) {
    await saveOrganisation(deps, siteId, { slug, name, kind: 'agency', parentId: city.id, contact: { email, phone: null, url: null } });
  }
  await saveOrganisation(deps, siteId, {
    slug: 'civic-lab',
    name: { en: 'Civic Lab Association' },
    kind: 'ngo',
    contact: { email: 'hello@civiclab.example', phone: null, url: 'https://civiclab.example' },
  });
  await saveOrganisation(deps, siteId, {
    slug: 'city-university',
    name: { en: 'City University, Public Policy School' },
    kind: 'academia',
    contact: { email: null, phone: null, url: null },
  });
}

import type { Deps } from '../../../db/context.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { findConsultationBySlug } from '../store/consultations.js';
import { saveConsultation } from '../commands/save-consultation.js';
import { saveQuestionnaire } from '../commands/save-questionnaire.js';
import { DEMO_QUESTIONNAIRE } from './questionnaire.js';
import { seedConsultationEvents } from './events.js';

/** The demo consultation's slug. */
export const DEMO_CONSULTATION = 'future-of-europe';

function tr(en: string, es: string, fr: string, pt: string, uk: string): LocalizedText {
  return { en, es, fr, pt, uk };
}

/** The themes both strands (survey questions and event recommendations) are tagged with. */
export const DEMO_THEMES = [
  {
    id: 'climate',
    label: tr('Climate and environment', 'Clima y medio ambiente', 'Climat et environnement', 'Clima e ambiente', 'Клімат і довкілля'),
  },
  { id: 'economy', label: tr('Jobs and the economy', 'Empleo y economía', 'Emploi et économie', 'Emprego e economia', 'Робота й економіка') },
  {
    id: 'democracy',
    label: tr('Democracy and values', 'Democracia y valores', 'Démocratie et valeurs', 'Democracia e valores', 'Демократія і цінності'),
  },
  { id: 'migration', label: tr('Migration', 'Migración', 'Migrations', 'Migração', 'Міграція') },
  { id: 'security', label: tr('Security and defence', 'Seguridad y defensa', 'Sécurité et défense', 'Segurança e defesa', 'Безпека й оборона') },
];

/**
 * Seeds the demo consultation, modelled on the European Citizens' Consultations: an open survey
 * that anyone may answer once per browser. Idempotent.
 */
export async function seedConsultations(deps: Deps, siteId: string): Promise<{ consultationId: string }> {
  const existing = await findConsultationBySlug(deps.db, siteId, DEMO_CONSULTATION);
  if (existing) return { consultationId: existing.id };
  const now = deps.clock.now();
  const row = await saveConsultation(deps, siteId, {
    slug: DEMO_CONSULTATION,
    title: tr('What Europe do you want?', '¿Qué Europa quieres?', 'Quelle Europe voulez-vous ?', 'Que Europa quer?', 'Якої Європи ви хочете?'),
    description: tr(
      'Tell us what matters to you about Europe, online or at a consultation event near you. The results are weighted to the population and published with the events’ recommendations.',
      'Díganos qué le importa de Europa, en línea o en un evento de consulta cerca de usted. Los resultados se ponderan según la población y se publican con las recomendaciones de los eventos.',
      'Dites-nous ce qui compte pour vous en Europe, en ligne ou lors d’un événement de consultation près de chez vous. Les résultats sont pondérés selon la population et publiés avec les recommandations des événements.',
      'Diga-nos o que lhe importa na Europa, online ou num evento de consulta perto de si. Os resultados são ponderados pela população e publicados com as recomendações dos eventos.',
      'Розкажіть, що для вас важливо в Європі, онлайн або на консультаційному заході поруч. Результати зважено за складом населення й опубліковано разом із рекомендаціями заходів.',
    ),
    status: 'open',
    participation: 'anonymous',
    opensAt: new Date(now.getTime() - 14 * 86_400_000),
    closesAt: new Date(now.getTime() + 60 * 86_400_000),
    themes: DEMO_THEMES,
  });
  await saveQuestionnaire(deps, row, DEMO_QUESTIONNAIRE);
  await seedConsultationEvents(deps, siteId, row.id);
  return { consultationId: row.id };
}

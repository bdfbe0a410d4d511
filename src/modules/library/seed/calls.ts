import type { Deps } from '../../../db/context.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { saveCall } from '../commands/call-save.js';
import type { QuestionInput } from '../core/questionnaire.js';
import { findCallBySlug } from '../store/calls.js';

const DAY = 86_400_000;

function t(en: string, es: string, fr: string, pt: string, uk: string): LocalizedText {
  return { en, es, fr, pt, uk };
}

/** The demo call's questionnaire: every question type, filling every case-study field. */
export const DEMO_QUESTIONS: QuestionInput[] = [
  {
    id: 'title',
    type: 'short_text',
    label: t('Name of the innovation', 'Nombre de la innovación', 'Nom de l’innovation', 'Nome da inovação', 'Назва інновації'),
    help: t('A short, plain name.', 'Un nombre breve y claro.', 'Un nom court et clair.', 'Um nome curto e claro.', 'Коротка зрозуміла назва.'),
    required: true,
    maxLength: 200,
    mapsTo: 'title',
  },
  {
    id: 'summary',
    type: 'long_text',
    label: t('Summary', 'Resumen', 'Résumé', 'Resumo', 'Короткий опис'),
    help: t('Two or three sentences.', 'Dos o tres frases.', 'Deux ou trois phrases.', 'Duas ou três frases.', 'Два-три речення.'),
    required: true,
    maxLength: 600,
    mapsTo: 'summary',
  },
  {
    id: 'problem',
    type: 'long_text',
    label: t(
      'What problem does it solve?',
      '¿Qué problema resuelve?',
      'Quel problème résout-elle ?',
      'Que problema resolve?',
      'Яку проблему вона розв’язує?',
    ),
    required: true,
    maxLength: 10_000,
    mapsTo: 'body',
  },
  {
    id: 'results',
    type: 'long_text',
    label: t('Results so far', 'Resultados hasta ahora', 'Résultats à ce jour', 'Resultados até agora', 'Результати на сьогодні'),
    maxLength: 10_000,
    mapsTo: 'body',
  },
  {
    id: 'country',
    type: 'country',
    label: t('Country', 'País', 'Pays', 'País', 'Країна'),
    required: true,
    mapsTo: 'country',
  },
  {
    id: 'level',
    type: 'single_choice',
    label: t('Level of government', 'Nivel de gobierno', 'Niveau de gouvernement', 'Nível de governo', 'Рівень влади'),
    required: true,
    mapsTo: 'level',
    options: [
      { value: 'supranational', label: t('Supranational', 'Supranacional', 'Supranational', 'Supranacional', 'Наднаціональний') },
      { value: 'national', label: t('National', 'Nacional', 'National', 'Nacional', 'Національний') },
      { value: 'regional', label: t('Regional', 'Regional', 'Régional', 'Regional', 'Регіональний') },
      { value: 'local', label: t('Local', 'Local', 'Local', 'Local', 'Місцевий') },
    ],
  },
  {
    id: 'sectors',
    type: 'multiple_choice',
    label: t('Sectors', 'Sectores', 'Secteurs', 'Setores', 'Сектори'),
    required: true,
    mapsTo: 'sectors',
    options: [
      {
        value: 'digital-government',
        label: t('Digital government', 'Gobierno digital', 'Administration numérique', 'Governo digital', 'Цифрове врядування'),
      },
      {
        value: 'democracy-participation',
        label: t(
          'Democracy and participation',
          'Democracia y participación',
          'Démocratie et participation',
          'Democracia e participação',
          'Демократія та участь',
        ),
      },
      { value: 'health', label: t('Health', 'Salud', 'Santé', 'Saúde', 'Охорона здоров’я') },
      { value: 'education', label: t('Education', 'Educación', 'Éducation', 'Educação', 'Освіта') },
      { value: 'environment', label: t('Environment', 'Medio ambiente', 'Environnement', 'Meio ambiente', 'Довкілля') },
    ],
  },
  {
    id: 'stage',
    type: 'single_choice',
    label: t('Stage', 'Etapa', 'Stade', 'Estágio', 'Етап'),
    required: true,
    mapsTo: 'stage',
    options: [
      { value: 'idea', label: t('Idea', 'Idea', 'Idée', 'Ideia', 'Ідея') },
      { value: 'pilot', label: t('Pilot', 'Piloto', 'Pilote', 'Piloto', 'Пілот') },
      { value: 'implementation', label: t('Implementation', 'Implementación', 'Mise en œuvre', 'Implementação', 'Впровадження') },
      { value: 'evaluation', label: t('Evaluation', 'Evaluación', 'Évaluation', 'Avaliação', 'Оцінювання') },
      { value: 'diffusion', label: t('Diffusion', 'Difusión', 'Diffusion', 'Difusão', 'Поширення') },
    ],
  },
  {
    id: 'year',
    type: 'year',
    label: t('Year launched', 'Año de lanzamiento', 'Année de lancement', 'Ano de lançamento', 'Рік запуску'),
    required: true,
    minYear: 1990,
    maxYear: 2030,
    mapsTo: 'yearLaunched',
  },
  {
    id: 'organisations',
    type: 'long_text',
    label: t('Organisations involved', 'Organizaciones participantes', 'Organisations impliquées', 'Organizações envolvidas', 'Залучені організації'),
    help: t('One per line.', 'Una por línea.', 'Une par ligne.', 'Uma por linha.', 'По одній у рядку.'),
    maxLength: 2000,
    mapsTo: 'organisations',
  },
  {
    id: 'keywords',
    type: 'short_text',
    label: t('Keywords', 'Palabras clave', 'Mots-clés', 'Palavras-chave', 'Ключові слова'),
    help: t('Separated by commas.', 'Separadas por comas.', 'Séparés par des virgules.', 'Separadas por vírgulas.', 'Через кому.'),
    maxLength: 300,
    mapsTo: 'tags',
  },
  {
    id: 'website',
    type: 'url',
    label: t('Website', 'Sitio web', 'Site web', 'Site', 'Вебсайт'),
    mapsTo: 'links',
  },
  {
    id: 'images',
    type: 'file',
    label: t('Photos', 'Fotos', 'Photos', 'Fotos', 'Фото'),
    help: t('JPEG, PNG, WebP or GIF.', 'JPEG, PNG, WebP o GIF.', 'JPEG, PNG, WebP ou GIF.', 'JPEG, PNG, WebP ou GIF.', 'JPEG, PNG, WebP або GIF.'),
    maxFiles: 3,
    mapsTo: 'images',
  },
];

/** The slug of the demo call. */
export const DEMO_CALL_SLUG = 'public-sector-innovation-2027';

/**
 * Seeds the demo call for case studies: open now, closing 180 days from the clock, with a
 * questionnaire that uses every question type. Does nothing when the call already exists.
 */
export async function seedCalls(deps: Deps, siteId: string): Promise<void> {
  if (await findCallBySlug(deps.db, siteId, DEMO_CALL_SLUG)) return;
  const now = deps.clock.now();
  await saveCall(deps, siteId, {
    slug: DEMO_CALL_SLUG,
    title: t(
      'Call for case studies: public-sector innovation 2027',
      'Convocatoria de casos de estudio: innovación en el sector público 2027',
      'Appel à études de cas : innovation dans le secteur public 2027',
      'Chamada de estudos de caso: inovação no setor público 2027',
      'Запрошення до подання кейсів: інновації в публічному секторі 2027',
    ),
    description: t(
      'Has your administration tried something new to serve people better? Tell us about it. Selected submissions are **published in the library** as case studies, so other governments can learn from them.\n\nAnswer in any language. You can save a draft and come back before the deadline.',
      '¿Su administración ha probado algo nuevo para servir mejor a la gente? Cuéntenoslo. Las propuestas seleccionadas se **publican en la biblioteca** como casos de estudio, para que otros gobiernos aprendan de ellas.\n\nResponda en cualquier idioma. Puede guardar un borrador y volver antes de la fecha límite.',
      'Votre administration a-t-elle essayé quelque chose de nouveau pour mieux servir la population ? Racontez-le-nous. Les contributions retenues sont **publiées dans la bibliothèque** comme études de cas, pour que d’autres gouvernements s’en inspirent.\n\nRépondez dans la langue de votre choix. Vous pouvez enregistrer un brouillon et revenir avant la date limite.',
      'A sua administração experimentou algo novo para servir melhor as pessoas? Conte-nos. As submissões selecionadas são **publicadas na biblioteca** como estudos de caso, para que outros governos aprendam com elas.\n\nResponda em qualquer língua. Pode guardar um rascunho e voltar antes do prazo.',
      'Ваша установа спробувала щось нове, щоб краще служити людям? Розкажіть нам. Відібрані заявки **публікуються в бібліотеці** як кейси, щоб інші уряди могли вчитися на них.\n\nВідповідайте будь-якою мовою. Можна зберегти чернетку й повернутися до кінцевого терміну.',
    ),
    opensAt: new Date(now.getTime() - DAY),
    deadline: new Date(now.getTime() + 180 * DAY),
    published: true,
    questions: DEMO_QUESTIONS,
  });
}

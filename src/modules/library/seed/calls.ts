import type { Deps } from '../../../db/context.js';
import type { LocalizedText } from '../../../kernel/i18n.js';
import { saveCall } from '../commands/call-save.js';
import type { QuestionInput } from '../core/questionnaire.js';
import { findCallBySlug } from '../store/calls.js';

const DAY = 86_400_000;

function tr(en: string, es: string, fr: string, pt: string, uk: string): LocalizedText {
  return { en, es, fr, pt, uk };
}

/** The demo call's questionnaire: every question type, filling every case-study field. */
export const DEMO_QUESTIONS: QuestionInput[] = [
  {
    id: 'title',
    type: 'short_text',
    label: tr('Name of the innovation', 'Nombre de la innovación', 'Nom de l’innovation', 'Nome da inovação', 'Назва інновації'),
    help: tr('A short, plain name.', 'Un nombre breve y claro.', 'Un nom court et clair.', 'Um nome curto e claro.', 'Коротка зрозуміла назва.'),
    required: true,
    maxLength: 200,
    mapsTo: 'title',
  },
  {
    id: 'summary',
    type: 'long_text',
    label: tr('Summary', 'Resumen', 'Résumé', 'Resumo', 'Короткий опис'),
    help: tr('Two or three sentences.', 'Dos o tres frases.', 'Deux ou trois phrases.', 'Duas ou três frases.', 'Два-три речення.'),
    required: true,
    maxLength: 600,
    mapsTo: 'summary',
  },
  {
    id: 'problem',
    type: 'long_text',
    label: tr(
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
    label: tr('Results so far', 'Resultados hasta ahora', 'Résultats à ce jour', 'Resultados até agora', 'Результати на сьогодні'),
    maxLength: 10_000,
    mapsTo: 'body',
  },
  {
    id: 'country',
    type: 'country',
    label: tr('Country', 'País', 'Pays', 'País', 'Країна'),
    required: true,
    mapsTo: 'country',
  },
  {
    id: 'level',
    type: 'single_choice',
    label: tr('Level of government', 'Nivel de gobierno', 'Niveau de gouvernement', 'Nível de governo', 'Рівень влади'),
    required: true,
    mapsTo: 'level',
    options: [
      { value: 'supranational', label: tr('Supranational', 'Supranacional', 'Supranational', 'Supranacional', 'Наднаціональний') },
      { value: 'national', label: tr('National', 'Nacional', 'National', 'Nacional', 'Національний') },
      { value: 'regional', label: tr('Regional', 'Regional', 'Régional', 'Regional', 'Регіональний') },
      { value: 'local', label: tr('Local', 'Local', 'Local', 'Local', 'Місцевий') },
    ],
  },
  {
    id: 'sectors',
    type: 'multiple_choice',
    label: tr('Sectors', 'Sectores', 'Secteurs', 'Setores', 'Сектори'),
    required: true,
    mapsTo: 'sectors',
    options: [
      {
        value: 'digital-government',
        label: tr('Digital government', 'Gobierno digital', 'Administration numérique', 'Governo digital', 'Цифрове врядування'),
      },
      {
        value: 'democracy-participation',
        label: tr(
          'Democracy and participation',
          'Democracia y participación',
          'Démocratie et participation',
          'Democracia e participação',
          'Демократія та участь',
        ),
      },
      { value: 'health', label: tr('Health', 'Salud', 'Santé', 'Saúde', 'Охорона здоров’я') },
      { value: 'education', label: tr('Education', 'Educación', 'Éducation', 'Educação', 'Освіта') },
      { value: 'environment', label: tr('Environment', 'Medio ambiente', 'Environnement', 'Meio ambiente', 'Довкілля') },
    ],
  },
  {
    id: 'stage',
    type: 'single_choice',
    label: tr('Stage', 'Etapa', 'Stade', 'Estágio', 'Етап'),
    required: true,
    mapsTo: 'stage',
    options: [
      { value: 'idea', label: tr('Idea', 'Idea', 'Idée', 'Ideia', 'Ідея') },
      { value: 'pilot', label: tr('Pilot', 'Piloto', 'Pilote', 'Piloto', 'Пілот') },
      { value: 'implementation', label: tr('Implementation', 'Implementación', 'Mise en œuvre', 'Implementação', 'Впровадження') },
      { value: 'evaluation', label: tr('Evaluation', 'Evaluación', 'Évaluation', 'Avaliação', 'Оцінювання') },
      { value: 'diffusion', label: tr('Diffusion', 'Difusión', 'Diffusion', 'Difusão', 'Поширення') },
    ],
  },
  {
    id: 'year',
    type: 'year',
    label: tr('Year launched', 'Año de lanzamiento', 'Année de lancement', 'Ano de lançamento', 'Рік запуску'),
    required: true,
    minYear: 1990,
    maxYear: 2030,
    mapsTo: 'yearLaunched',
  },
  {
    id: 'organisations',
    type: 'long_text',
    label: tr(
      'Organisations involved',
      'Organizaciones participantes',
      'Organisations impliquées',
      'Organizações envolvidas',
      'Залучені організації',
    ),
    help: tr('One per line.', 'Una por línea.', 'Une par ligne.', 'Uma por linha.', 'По одній у рядку.'),
    maxLength: 2000,
    mapsTo: 'organisations',
  },
  {
    id: 'keywords',
    type: 'short_text',
    label: tr('Keywords', 'Palabras clave', 'Mots-clés', 'Palavras-chave', 'Ключові слова'),
    help: tr('Separated by commas.', 'Separadas por comas.', 'Séparés par des virgules.', 'Separadas por vírgulas.', 'Через кому.'),
    maxLength: 300,
    mapsTo: 'tags',
  },
  {
    id: 'website',
    type: 'url',
    label: tr('Website', 'Sitio web', 'Site web', 'Site', 'Вебсайт'),
    mapsTo: 'links',
  },
  {
    id: 'images',
    type: 'file',
    label: tr('Photos', 'Fotos', 'Photos', 'Fotos', 'Фото'),
    help: tr('JPEG, PNG, WebP or GIF.', 'JPEG, PNG, WebP o GIF.', 'JPEG, PNG, WebP ou GIF.', 'JPEG, PNG, WebP ou GIF.', 'JPEG, PNG, WebP або GIF.'),
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
    title: tr(
      'Call for case studies: public-sector innovation 2027',
      'Convocatoria de casos de estudio: innovación en el sector público 2027',
      'Appel à études de cas : innovation dans le secteur public 2027',
      'Chamada de estudos de caso: inovação no setor público 2027',
      'Запрошення до подання кейсів: інновації в публічному секторі 2027',
    ),
    description: tr(
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

import type { ItemInput } from '../../questionnaires/index.js';
import type { LocalizedText } from '../../../kernel/i18n.js';

function tr(en: string, es: string, fr: string, pt: string, uk: string): LocalizedText {
  return { en, es, fr, pt, uk };
}

const opt = (value: string, label: LocalizedText) => ({ value, label });

/**
 * The demo consultation's questionnaire, in the site's five languages, on three pages: about you
 * (the demographic questions weighting uses: age band, gender, region, education), Europe's
 * priorities, and the consultation event the respondent went to — a page skipped unless they say
 * they went to one. Ids are short and stable: they are the export's variable names.
 */
export const DEMO_QUESTIONNAIRE: ItemInput[] = [
  {
    id: 'p_you',
    type: 'page_break',
    label: tr('About you', 'Sobre usted', 'À propos de vous', 'Sobre si', 'Про вас'),
  },
  {
    id: 'intro',
    type: 'section',
    label: tr('Before we start', 'Antes de empezar', 'Avant de commencer', 'Antes de começar', 'Перш ніж почати'),
    body: tr(
      'These questions let us compare the answers with the population. Your answers are anonymous.',
      'Estas preguntas nos permiten comparar las respuestas con la población. Sus respuestas son anónimas.',
      'Ces questions nous permettent de comparer les réponses avec la population. Vos réponses sont anonymes.',
      'Estas perguntas permitem-nos comparar as respostas com a população. As suas respostas são anónimas.',
      'Ці запитання дають змогу порівняти відповіді зі складом населення. Ваші відповіді анонімні.',
    ),
  },
  {
    id: 'age',
    type: 'single_choice',
    display: 'radio',
    required: true,
    demographic: true,
    label: tr('How old are you?', '¿Qué edad tiene?', 'Quel âge avez-vous ?', 'Que idade tem?', 'Скільки вам років?'),
    options: [
      opt('16_24', tr('16 to 24', 'De 16 a 24', 'De 16 à 24 ans', 'Dos 16 aos 24', 'Від 16 до 24')),
      opt('25_39', tr('25 to 39', 'De 25 a 39', 'De 25 à 39 ans', 'Dos 25 aos 39', 'Від 25 до 39')),
      opt('40_54', tr('40 to 54', 'De 40 a 54', 'De 40 à 54 ans', 'Dos 40 aos 54', 'Від 40 до 54')),
      opt('55_64', tr('55 to 64', 'De 55 a 64', 'De 55 à 64 ans', 'Dos 55 aos 64', 'Від 55 до 64')),
      opt('65_plus', tr('65 or older', '65 o más', '65 ans ou plus', '65 ou mais', '65 і більше')),
    ],
  },
  {
    id: 'gender',
    type: 'single_choice',
    display: 'radio',
    demographic: true,
    allowOther: true,
    label: tr('What is your gender?', '¿Cuál es su género?', 'Quel est votre genre ?', 'Qual é o seu género?', 'Яка ваша стать?'),
    options: [
      opt('woman', tr('Woman', 'Mujer', 'Femme', 'Mulher', 'Жінка')),
      opt('man', tr('Man', 'Hombre', 'Homme', 'Homem', 'Чоловік')),
      opt('no_say', tr('I prefer not to say', 'Prefiero no decirlo', 'Je préfère ne pas le dire', 'Prefiro não dizer', 'Не хочу казати')),
    ],
  },
  {
    id: 'region',
    type: 'single_choice',
    display: 'list',
    required: true,
    demographic: true,
    label: tr('Where do you live?', '¿Dónde vive?', 'Où habitez-vous ?', 'Onde vive?', 'Де ви живете?'),
    options: [
      opt('north', tr('North', 'Norte', 'Nord', 'Norte', 'Північ')),
      opt('south', tr('South', 'Sur', 'Sud', 'Sul', 'Південь')),
      opt('east', tr('East', 'Este', 'Est', 'Este', 'Схід')),
      opt('west', tr('West', 'Oeste', 'Ouest', 'Oeste', 'Захід')),
      opt('centre', tr('Centre', 'Centro', 'Centre', 'Centro', 'Центр')),
    ],
  },
  {
    id: 'edu',
    type: 'single_choice',
    display: 'list',
    demographic: true,
    label: tr(
      'What is the highest level of education you have completed?',
      '¿Cuál es el nivel de estudios más alto que ha terminado?',
      'Quel est le plus haut niveau d’études que vous avez terminé ?',
      'Qual é o nível de escolaridade mais alto que concluiu?',
      'Який найвищий рівень освіти ви здобули?',
    ),
    options: [
      opt(
        'primary',
        tr('Primary school or less', 'Primaria o menos', 'École primaire ou moins', 'Ensino básico ou menos', 'Початкова школа або менше'),
      ),
      opt('secondary', tr('Secondary school', 'Secundaria', 'École secondaire', 'Ensino secundário', 'Середня школа')),
      opt(
        'tertiary',
        tr(
          'University or college',
          'Universidad o formación superior',
          'Université ou études supérieures',
          'Universidade ou ensino superior',
          'Університет або коледж',
        ),
      ),
    ],
  },
  {
    id: 'p_eu',
    type: 'page_break',
    label: tr('Europe’s priorities', 'Las prioridades de Europa', 'Les priorités de l’Europe', 'As prioridades da Europa', 'Пріоритети Європи'),
  },
  {
    id: 'topics',
    type: 'multiple_choice',
    maxChoices: 3,
    required: true,
    label: tr(
      'Which topics matter most to you? Choose up to three.',
      '¿Qué temas le importan más? Elija hasta tres.',
      'Quels sujets comptent le plus pour vous ? Choisissez-en trois au plus.',
      'Que temas lhe importam mais? Escolha até três.',
      'Які теми для вас найважливіші? Оберіть до трьох.',
    ),
    options: [
      opt('climate', tr('Climate and environment', 'Clima y medio ambiente', 'Climat et environnement', 'Clima e ambiente', 'Клімат і довкілля')),
      opt('economy', tr('Jobs and the economy', 'Empleo y economía', 'Emploi et économie', 'Emprego e economia', 'Робота й економіка')),
      opt('democracy', tr('Democracy and values', 'Democracia y valores', 'Démocratie et valeurs', 'Democracia e valores', 'Демократія і цінності')),
      opt('migration', tr('Migration', 'Migración', 'Migrations', 'Migração', 'Міграція')),
      opt('security', tr('Security and defence', 'Seguridad y defensa', 'Sécurité et défense', 'Segurança e defesa', 'Безпека й оборона')),
      opt('health', tr('Health', 'Salud', 'Santé', 'Saúde', 'Здоров’я')),
    ],
  },
  {
    id: 'climate_why',
    type: 'long_text',
    maxLength: 2000,
    showIf: { combine: 'all', rules: [{ question: 'topics', op: 'contains', value: 'climate' }] },
    label: tr(
      'What should Europe do first about the climate?',
      '¿Qué debería hacer Europa primero por el clima?',
      'Que devrait faire l’Europe en premier pour le climat ?',
      'O que deveria a Europa fazer primeiro pelo clima?',
      'Що Європа має зробити насамперед для клімату?',
    ),
  },
  {
    id: 'trust',
    type: 'scale',
    min: 0,
    max: 10,
    required: true,
    label: tr(
      'How much do you trust the European Union?',
      '¿Cuánto confía en la Unión Europea?',
      'Quelle confiance accordez-vous à l’Union européenne ?',
      'Quanto confia na União Europeia?',
      'Наскільки ви довіряєте Європейському Союзу?',
    ),
    minLabel: tr('No trust at all', 'Ninguna confianza', 'Aucune confiance', 'Nenhuma confiança', 'Зовсім не довіряю'),
    maxLabel: tr('Complete trust', 'Confianza total', 'Confiance totale', 'Confiança total', 'Цілком довіряю'),
  },
  {
    id: 'prio',
    type: 'ranking',
    top: 3,
    label: tr(
      'Rank the three priorities you would fund first (1 = first).',
      'Ordene las tres prioridades que financiaría primero (1 = la primera).',
      'Classez les trois priorités que vous financeriez en premier (1 = la première).',
      'Ordene as três prioridades que financiaria primeiro (1 = a primeira).',
      'Упорядкуйте три пріоритети, які ви фінансували б першими (1 — найперший).',
    ),
    options: [
      opt('renewables', tr('Renewable energy', 'Energías renovables', 'Énergies renouvelables', 'Energias renováveis', 'Відновлювана енергетика')),
      opt(
        'training',
        tr('Training for young people', 'Formación para jóvenes', 'Formation des jeunes', 'Formação para jovens', 'Навчання для молоді'),
      ),
      opt('rail', tr('Trains across borders', 'Trenes entre países', 'Trains entre les pays', 'Comboios entre países', 'Поїзди між країнами')),
      opt('care', tr('Health care', 'Atención sanitaria', 'Soins de santé', 'Cuidados de saúde', 'Охорона здоров’я')),
      opt('defence', tr('Common defence', 'Defensa común', 'Défense commune', 'Defesa comum', 'Спільна оборона')),
    ],
  },
  {
    id: 'views',
    type: 'matrix',
    label: tr(
      'Do you agree with these statements?',
      '¿Está de acuerdo con estas afirmaciones?',
      'Êtes-vous d’accord avec ces affirmations ?',
      'Concorda com estas afirmações?',
      'Чи погоджуєтеся ви з цими твердженнями?',
    ),
    rows: [
      opt(
        'voice',
        tr('My voice counts in the EU', 'Mi voz cuenta en la UE', 'Ma voix compte dans l’UE', 'A minha voz conta na UE', 'Мій голос важить у ЄС'),
      ),
      opt(
        'local',
        tr('The EU helps my town', 'La UE ayuda a mi ciudad', 'L’UE aide ma ville', 'A UE ajuda a minha cidade', 'ЄС допомагає моєму місту'),
      ),
      opt(
        'future',
        tr(
          'My children’s future will be better',
          'El futuro de mis hijos será mejor',
          'L’avenir de mes enfants sera meilleur',
          'O futuro dos meus filhos será melhor',
          'Майбутнє моїх дітей буде кращим',
        ),
      ),
    ],
    columns: [
      opt('agree', tr('Agree', 'De acuerdo', 'D’accord', 'Concordo', 'Згоден')),
      opt('neutral', tr('Neither', 'Ni lo uno ni lo otro', 'Ni l’un ni l’autre', 'Nem um nem outro', 'Ні те, ні інше')),
      opt('disagree', tr('Disagree', 'En desacuerdo', 'Pas d’accord', 'Discordo', 'Не згоден')),
    ],
  },
  {
    id: 'went',
    type: 'single_choice',
    display: 'radio',
    required: true,
    label: tr(
      'Did you go to a consultation event?',
      '¿Fue a un evento de consulta?',
      'Êtes-vous allé à un événement de consultation ?',
      'Foi a um evento de consulta?',
      'Чи відвідували ви консультаційний захід?',
    ),
    options: [opt('yes', tr('Yes', 'Sí', 'Oui', 'Sim', 'Так')), opt('no', tr('No', 'No', 'Non', 'Não', 'Ні'))],
  },
  {
    id: 'ideas',
    type: 'long_text',
    maxLength: 5000,
    label: tr(
      'Is there anything else you would like to tell Europe?',
      '¿Hay algo más que quiera decirle a Europa?',
      'Souhaitez-vous dire autre chose à l’Europe ?',
      'Há mais alguma coisa que queira dizer à Europa?',
      'Чи хочете ви ще щось сказати Європі?',
    ),
  },
  {
    id: 'p_event',
    type: 'page_break',
    label: tr('The event you went to', 'El evento al que fue', 'L’événement auquel vous êtes allé', 'O evento a que foi', 'Захід, який ви відвідали'),
    showIf: { combine: 'all', rules: [{ question: 'went', op: 'equals', value: 'yes' }] },
  },
  {
    id: 'ev_date',
    type: 'date',
    minDate: '2020-01-01',
    label: tr('When was it?', '¿Cuándo fue?', 'Quand a-t-il eu lieu ?', 'Quando foi?', 'Коли він відбувся?'),
  },
  {
    id: 'ev_place',
    type: 'place',
    label: tr('Where was it?', '¿Dónde fue?', 'Où a-t-il eu lieu ?', 'Onde foi?', 'Де він відбувся?'),
  },
  {
    id: 'ev_people',
    type: 'number',
    integer: true,
    min: 1,
    max: 10000,
    label: tr(
      'About how many people took part?',
      '¿Cuántas personas participaron, más o menos?',
      'Combien de personnes y ont participé, à peu près ?',
      'Quantas pessoas participaram, mais ou menos?',
      'Скільки приблизно людей узяли участь?',
    ),
  },
  {
    id: 'ev_heard',
    type: 'scale',
    min: 0,
    max: 10,
    label: tr(
      'How well were participants listened to?',
      '¿En qué medida se escuchó a los participantes?',
      'Dans quelle mesure les participants ont-ils été écoutés ?',
      'Até que ponto os participantes foram ouvidos?',
      'Наскільки уважно вислухали учасників?',
    ),
    minLabel: tr('Not at all', 'Nada', 'Pas du tout', 'Nada', 'Зовсім ні'),
    maxLabel: tr('Very well', 'Muy bien', 'Très bien', 'Muito bem', 'Дуже добре'),
  },
];

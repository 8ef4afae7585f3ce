/**
 * Word lists for the professional-development part of the demo region: the programme
 * catalogue, courses taken outside it, reasons and mentoring goals. Plausible, not real:
 * the providers are named after the usual kinds of institutions (a regional institute of
 * in-service training, an institute of education development, the federal academy, a
 * municipal methodological centre), not after any particular one.
 */

/** contracts/subgraphs/professional-development.graphql `enum CompetenceArea`. */
export const COMPETENCE_AREAS = [
  'SUBJECT',
  'METHODICAL',
  'PSYCHOLOGY_PEDAGOGY',
  'DIGITAL',
  'FUNCTIONAL_LITERACY',
  'INCLUSIVE',
  'UPBRINGING',
  'ASSESSMENT',
] as const;
export type CompetenceArea = (typeof COMPETENCE_AREAS)[number];

export type ProgrammeFormat = 'IN_PERSON' | 'DISTANCE' | 'BLENDED';

/** Who a programme is meant for: applicants pick programmes that fit their organisation. */
export type Audience = 'ALL' | 'SCHOOL' | 'KINDERGARTEN' | 'ADDITIONAL_EDUCATION';

export interface ProviderDef {
  /** Short code, also the prefix of its certificate numbers. */
  code: string;
  name: string;
}

export const PROVIDERS = {
  KKIPK: {
    code: 'ККИПК',
    name: 'КГАУ ДПО «Краевой институт повышения квалификации и профессиональной переподготовки работников образования» (ККИПК)',
  },
  IRO: { code: 'ИРО', name: 'ГАУ ДПО «Институт развития образования Демонстрационного края» (ИРО)' },
  ACADEMY: {
    code: 'АМП',
    name: 'ФГАОУ ДПО «Академия реализации государственной политики и профессионального развития работников образования Министерства просвещения Российской Федерации»',
  },
  PEDUNI: { code: 'ПГПУ', name: 'ФГБОУ ВО «Северогорский государственный педагогический университет»' },
  CENTRE: { code: 'ЦНППМ', name: 'Центр непрерывного повышения профессионального мастерства педагогических работников ИРО (ЦНППМ)' },
  INFO: { code: 'ЦДО', name: 'ООО «Центр дополнительного образования «Педагогический альянс»' },
  ANO: { code: 'АНО', name: 'АНО ДПО «Межрегиональная академия профессионального развития»' },
} as const satisfies Record<string, ProviderDef>;

export interface ProgrammeDef {
  title: string;
  provider: ProviderDef;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  audience: Audience;
  /** Listed in the federal register of programmes. */
  federal: boolean;
  /** Relative popularity among applicants. */
  weight: number;
}

/** The regional offer (ККИПК, ИРО, the federal academy): a handful are chosen per plan. */
export const REGIONAL_PROGRAMMES: readonly ProgrammeDef[] = [
  {
    title: 'Школа современного учителя: развитие читательской, математической и естественнонаучной грамотности',
    provider: PROVIDERS.ACADEMY,
    hours: 100,
    format: 'BLENDED',
    competences: ['FUNCTIONAL_LITERACY', 'METHODICAL'],
    audience: 'SCHOOL',
    federal: true,
    weight: 5,
  },
  {
    title: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя',
    provider: PROVIDERS.KKIPK,
    hours: 36,
    format: 'DISTANCE',
    competences: ['SUBJECT', 'METHODICAL'],
    audience: 'SCHOOL',
    federal: true,
    weight: 8,
  },
  {
    title: 'Цифровая образовательная среда: инструменты и сервисы ФГИС «Моя школа» в работе педагога',
    provider: PROVIDERS.IRO,
    hours: 24,
    format: 'DISTANCE',
    competences: ['DIGITAL'],
    audience: 'ALL',
    federal: false,
    weight: 7,
  },
  {
    title: 'Организация инклюзивного образования детей с ОВЗ в образовательной организации',
    provider: PROVIDERS.KKIPK,
    hours: 72,
    format: 'BLENDED',
    competences: ['INCLUSIVE', 'PSYCHOLOGY_PEDAGOGY'],
    audience: 'ALL',
    federal: true,
    weight: 5,
  },
  {
    title: 'Формирование и оценка функциональной грамотности обучающихся',
    provider: PROVIDERS.CENTRE,
    hours: 72,
    format: 'IN_PERSON',
    competences: ['FUNCTIONAL_LITERACY', 'ASSESSMENT'],
    audience: 'SCHOOL',
    federal: false,
    weight: 5,
  },
  {
    title: 'Разговоры о важном: система работы классного руководителя',
    provider: PROVIDERS.ACADEMY,
    hours: 36,
    format: 'DISTANCE',
    competences: ['UPBRINGING'],
    audience: 'SCHOOL',
    federal: true,
    weight: 6,
  },
  {
    title: 'Подготовка экспертов предметных комиссий ОГЭ и ЕГЭ',
    provider: PROVIDERS.IRO,
    hours: 48,
    format: 'IN_PERSON',
    competences: ['ASSESSMENT', 'SUBJECT'],
    audience: 'SCHOOL',
    federal: false,
    weight: 3,
  },
  {
    title: 'Психолого-педагогическое сопровождение обучающихся в условиях реализации ФГОС',
    provider: PROVIDERS.KKIPK,
    hours: 72,
    format: 'BLENDED',
    competences: ['PSYCHOLOGY_PEDAGOGY'],
    audience: 'ALL',
    federal: false,
    weight: 4,
  },
  {
    title: 'Наставничество в образовательной организации: программы и практики',
    provider: PROVIDERS.CENTRE,
    hours: 36,
    format: 'BLENDED',
    competences: ['METHODICAL', 'PSYCHOLOGY_PEDAGOGY'],
    audience: 'ALL',
    federal: false,
    weight: 3,
  },
  {
    title: 'Содержание и технологии дошкольного образования в соответствии с ФОП ДО',
    provider: PROVIDERS.KKIPK,
    hours: 72,
    format: 'BLENDED',
    competences: ['METHODICAL', 'SUBJECT'],
    audience: 'KINDERGARTEN',
    federal: true,
    weight: 6,
  },
  {
    title: 'Проектирование и реализация дополнительных общеразвивающих программ',
    provider: PROVIDERS.IRO,
    hours: 36,
    format: 'DISTANCE',
    competences: ['METHODICAL', 'UPBRINGING'],
    audience: 'ADDITIONAL_EDUCATION',
    federal: false,
    weight: 5,
  },
  {
    title: 'Управление качеством образования: внутренняя система оценки качества образования',
    provider: PROVIDERS.KKIPK,
    hours: 144,
    format: 'BLENDED',
    competences: ['ASSESSMENT', 'METHODICAL'],
    audience: 'SCHOOL',
    federal: true,
    weight: 2,
  },
  {
    title: 'Профилактика деструктивного поведения и безопасность обучающихся',
    provider: PROVIDERS.IRO,
    hours: 16,
    format: 'DISTANCE',
    competences: ['UPBRINGING', 'PSYCHOLOGY_PEDAGOGY'],
    audience: 'ALL',
    federal: false,
    weight: 4,
  },
];

/** Programmes every regional plan keeps, whatever else is drawn: each kind of organisation has an offer. */
export const REGIONAL_CORE_TITLES: readonly string[] = [
  'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя',
  'Цифровая образовательная среда: инструменты и сервисы ФГИС «Моя школа» в работе педагога',
  'Содержание и технологии дошкольного образования в соответствии с ФОП ДО',
  'Проектирование и реализация дополнительных общеразвивающих программ',
];

/** A municipal methodological centre's offer: short practical courses (16–36 h). */
export interface MunicipalProgrammeDef {
  title: string;
  hours: number;
  format: ProgrammeFormat;
  competences: CompetenceArea[];
  audience: Audience;
  weight: number;
}

export const MUNICIPAL_PROGRAMMES: readonly MunicipalProgrammeDef[] = [
  {
    title: 'Эффективные практики современного урока: муниципальный практикум',
    hours: 16,
    format: 'IN_PERSON',
    competences: ['METHODICAL'],
    audience: 'SCHOOL',
    weight: 5,
  },
  {
    title: 'Функциональная грамотность на уроке: от заданий к результатам',
    hours: 18,
    format: 'IN_PERSON',
    competences: ['FUNCTIONAL_LITERACY'],
    audience: 'SCHOOL',
    weight: 5,
  },
  { title: 'Цифровые инструменты педагога: практикум', hours: 24, format: 'BLENDED', competences: ['DIGITAL'], audience: 'ALL', weight: 6 },
  {
    title: 'Инклюзия в массовой школе и детском саду: семинар-практикум',
    hours: 24,
    format: 'IN_PERSON',
    competences: ['INCLUSIVE'],
    audience: 'ALL',
    weight: 4,
  },
  {
    title: 'Школа молодого педагога',
    hours: 36,
    format: 'IN_PERSON',
    competences: ['METHODICAL', 'PSYCHOLOGY_PEDAGOGY'],
    audience: 'ALL',
    weight: 4,
  },
  {
    title: 'Анализ результатов ВПР и ГИА: коррекция затруднений обучающихся',
    hours: 24,
    format: 'BLENDED',
    competences: ['ASSESSMENT', 'SUBJECT'],
    audience: 'SCHOOL',
    weight: 4,
  },
  {
    title: 'Воспитательная работа классного руководителя: муниципальная школа',
    hours: 16,
    format: 'IN_PERSON',
    competences: ['UPBRINGING'],
    audience: 'SCHOOL',
    weight: 3,
  },
  {
    title: 'Развивающая предметно-пространственная среда детского сада',
    hours: 18,
    format: 'IN_PERSON',
    competences: ['METHODICAL', 'SUBJECT'],
    audience: 'KINDERGARTEN',
    weight: 4,
  },
  {
    title: 'Решение задач повышенной сложности: предметный практикум',
    hours: 32,
    format: 'BLENDED',
    competences: ['SUBJECT'],
    audience: 'SCHOOL',
    weight: 3,
  },
];

/** The municipal methodological centre that runs a municipality's own courses. */
export const municipalProvider = (municipalityName: string): string => `МКУ «Информационно-методический центр», ${municipalityName}`;

/** Courses completed outside the catalogue, recorded from the certificate. */
export interface ExternalCourseDef {
  title: string;
  provider: ProviderDef;
  hours: readonly number[];
  competences: CompetenceArea[];
  weight: number;
}

export const EXTERNAL_COURSES: readonly ExternalCourseDef[] = [
  {
    title: 'Реализация требований обновлённых ФГОС в работе учителя',
    provider: PROVIDERS.ACADEMY,
    hours: [36, 72],
    competences: ['SUBJECT', 'METHODICAL'],
    weight: 9,
  },
  {
    title: 'Школа современного учителя',
    provider: PROVIDERS.ACADEMY,
    hours: [100],
    competences: ['FUNCTIONAL_LITERACY', 'METHODICAL'],
    weight: 4,
  },
  {
    title: 'Использование современного учебного оборудования в центрах «Точка роста»',
    provider: PROVIDERS.ACADEMY,
    hours: [36],
    competences: ['DIGITAL', 'SUBJECT'],
    weight: 3,
  },
  {
    title: 'Обучение педагогических работников навыкам оказания первой помощи',
    provider: PROVIDERS.ANO,
    hours: [16, 36],
    competences: ['UPBRINGING'],
    weight: 6,
  },
  {
    title: 'Организация работы с обучающимися с ограниченными возможностями здоровья',
    provider: PROVIDERS.INFO,
    hours: [36, 72],
    competences: ['INCLUSIVE'],
    weight: 6,
  },
  {
    title: 'Информационно-коммуникационные технологии в профессиональной деятельности педагога',
    provider: PROVIDERS.INFO,
    hours: [36, 72],
    competences: ['DIGITAL'],
    weight: 6,
  },
  {
    title: 'Методика преподавания предмета в условиях обновлённых ФГОС',
    provider: PROVIDERS.PEDUNI,
    hours: [72, 108],
    competences: ['SUBJECT', 'METHODICAL'],
    weight: 7,
  },
  {
    title: 'Формирование функциональной грамотности обучающихся',
    provider: PROVIDERS.KKIPK,
    hours: [36, 72],
    competences: ['FUNCTIONAL_LITERACY'],
    weight: 6,
  },
  {
    title: 'Профессиональная деятельность воспитателя ДОО в условиях ФОП ДО',
    provider: PROVIDERS.KKIPK,
    hours: [72],
    competences: ['METHODICAL', 'SUBJECT'],
    weight: 4,
  },
  {
    title: 'Оценивание образовательных результатов: критериальный подход',
    provider: PROVIDERS.IRO,
    hours: [24, 36],
    competences: ['ASSESSMENT'],
    weight: 4,
  },
  {
    title: 'Психолого-педагогические технологии работы с детьми группы риска',
    provider: PROVIDERS.ANO,
    hours: [72, 144],
    competences: ['PSYCHOLOGY_PEDAGOGY', 'UPBRINGING'],
    weight: 3,
  },
  {
    title: 'Деятельность советника директора по воспитанию',
    provider: PROVIDERS.ACADEMY,
    hours: [76],
    competences: ['UPBRINGING'],
    weight: 2,
  },
];

export const REJECTION_REASONS: readonly string[] = [
  'Нет согласования с администрацией образовательной организации',
  'Программа не соответствует занимаемой должности',
  'Педагог уже проходил обучение по этой программе в текущем году',
  'Нет замены на период обучения',
  'Группа укомплектована педагогами из приоритетных школ',
];

export const WITHDRAWAL_REASONS: readonly (string | null)[] = [
  'Изменились семейные обстоятельства',
  'Совпадает с расписанием уроков',
  'Выбрана другая программа',
  'Болезнь',
  null,
];

export const NOT_COMPLETED_REASONS: readonly string[] = [
  'Не выполнена итоговая аттестационная работа',
  'Пропущено более 30% занятий',
  'Не пройдено итоговое тестирование',
];

export const MENTORING_GOALS: readonly string[] = [
  'Адаптация в педагогическом коллективе, знакомство с локальными актами организации',
  'Разработка рабочей программы и календарно-тематического планирования',
  'Освоение методики современного урока',
  'Подготовка к аттестации на первую квалификационную категорию',
  'Организация работы классного руководителя',
  'Освоение цифровых сервисов ФГИС «Моя школа»',
  'Выстраивание взаимодействия с родителями обучающихся',
  'Работа с обучающимися с ОВЗ',
  'Участие в муниципальном конкурсе профессионального мастерства',
  'Посещение и анализ уроков наставника',
];

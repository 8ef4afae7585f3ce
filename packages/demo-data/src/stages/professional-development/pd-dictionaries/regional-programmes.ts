/** The regional catalogue to draw from, and the programmes every plan keeps. */
import type { Audience, CompetenceArea, ProgrammeFormat } from './programme-terms';
import { PROVIDERS, ProviderDef } from './providers';

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

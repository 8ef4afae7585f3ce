/** Courses taken outside the catalogue, recorded into an educator's training history. */
import type { CompetenceArea } from './programme-terms';
import { PROVIDERS, ProviderDef } from './providers';

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

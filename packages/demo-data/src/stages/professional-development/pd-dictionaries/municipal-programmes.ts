/** What a municipal methodological centre offers. */
import type { Audience, CompetenceArea, ProgrammeFormat } from './programme-terms';

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

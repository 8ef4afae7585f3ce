/**
 * The ВсОШ subjects the demo region holds olympiads in: the contests service's subject code
 * (services/contests/src/stages/subjects.ts), the directory's teaching subjects whose teachers
 * sit on its juries, the grades its school stage admits, its grade groups (boundaries at 7 and
 * 9, where the municipal and regional stages begin) and the points of its tasks.
 */

export type ContestSubject =
  | 'MATHEMATICS'
  | 'RUSSIAN'
  | 'LITERATURE'
  | 'ENGLISH'
  | 'HISTORY'
  | 'SOCIAL_STUDIES'
  | 'PHYSICS'
  | 'CHEMISTRY'
  | 'BIOLOGY'
  | 'GEOGRAPHY'
  | 'INFORMATICS'
  | 'PHYSICAL_EDUCATION'
  | 'TECHNOLOGY'
  | 'SAFETY';

export interface SubjectDef {
  code: ContestSubject;
  /** «по математике»: the subject in the stage's title. */
  dative: string;
  /** The directory's subjects (region/dictionaries/positions.ts) whose teachers judge it. */
  teacherSubjects: readonly string[];
  /** The grades its school stage admits (the level's own range narrows it further). */
  grades: readonly [number, number];
  /** Grade groups that sit the same tasks, as lists of grades. */
  groups: readonly (readonly number[])[];
  /** Each task's points, the same structure at every level. */
  points: readonly number[];
  /** How many of the students choose it, relatively. */
  popularity: number;
}

const perGrade = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => [from + i]);

export const SUBJECTS: readonly SubjectDef[] = [
  {
    code: 'MATHEMATICS',
    dative: 'математике',
    teacherSubjects: ['Математика'],
    grades: [4, 11],
    groups: perGrade(4, 11),
    points: [7, 7, 7, 7, 7],
    popularity: 10,
  },
  {
    code: 'RUSSIAN',
    dative: 'русскому языку',
    teacherSubjects: ['Русский язык'],
    grades: [4, 11],
    groups: [[4], [5, 6], [7, 8], [9], [10, 11]],
    points: [3, 4, 5, 5, 6, 7, 8, 12],
    popularity: 9,
  },
  {
    code: 'LITERATURE',
    dative: 'литературе',
    teacherSubjects: ['Литература'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [15, 20, 35],
    popularity: 4.5,
  },
  {
    code: 'ENGLISH',
    dative: 'английскому языку',
    teacherSubjects: ['Английский язык'],
    grades: [5, 11],
    groups: [
      [5, 6],
      [7, 8],
      [9, 10, 11],
    ],
    points: [15, 15, 20, 20],
    popularity: 6,
  },
  {
    code: 'HISTORY',
    dative: 'истории',
    teacherSubjects: ['История'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [8, 8, 10, 12, 12, 20],
    popularity: 5,
  },
  {
    code: 'SOCIAL_STUDIES',
    dative: 'обществознанию',
    teacherSubjects: ['Обществознание'],
    grades: [6, 11],
    groups: [[6], [7, 8], [9], [10, 11]],
    points: [10, 10, 10, 15, 15, 20],
    popularity: 5,
  },
  {
    code: 'PHYSICS',
    dative: 'физике',
    teacherSubjects: ['Физика'],
    grades: [7, 11],
    groups: perGrade(7, 11),
    points: [10, 10, 10, 10],
    popularity: 4.5,
  },
  {
    code: 'CHEMISTRY',
    dative: 'химии',
    teacherSubjects: ['Химия'],
    grades: [8, 11],
    groups: perGrade(8, 11),
    points: [10, 10, 10, 10, 10],
    popularity: 3.5,
  },
  {
    code: 'BIOLOGY',
    dative: 'биологии',
    teacherSubjects: ['Биология'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [20, 10, 10, 15],
    popularity: 5,
  },
  {
    code: 'GEOGRAPHY',
    dative: 'географии',
    teacherSubjects: ['География'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [20, 10, 10, 10, 10],
    popularity: 4,
  },
  {
    code: 'INFORMATICS',
    dative: 'информатике',
    teacherSubjects: ['Информатика'],
    grades: [5, 11],
    groups: [
      [5, 6],
      [7, 8],
      [9, 10, 11],
    ],
    points: [100, 100, 100, 100],
    popularity: 3.5,
  },
  {
    code: 'PHYSICAL_EDUCATION',
    dative: 'физической культуре',
    teacherSubjects: ['Физическая культура'],
    grades: [5, 11],
    groups: [
      [5, 6],
      [7, 8],
      [9, 10, 11],
    ],
    points: [20, 40, 40],
    popularity: 4,
  },
  {
    code: 'TECHNOLOGY',
    dative: 'труду (технологии)',
    teacherSubjects: ['Труд (технология)'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [25, 40, 35],
    popularity: 3,
  },
  {
    code: 'SAFETY',
    dative: 'основам безопасности и защиты Родины',
    teacherSubjects: ['Основы безопасности и защиты Родины'],
    grades: [5, 11],
    groups: [[5, 6], [7, 8], [9], [10, 11]],
    points: [40, 60],
    popularity: 3,
  },
];

export const SUBJECT_BY_CODE: ReadonlyMap<ContestSubject, SubjectDef> = new Map(SUBJECTS.map((s) => [s.code, s]));

/** Every municipality holds these at the school stage (and at the municipal one); the region holds its stage in them first. */
export const CORE_SUBJECTS: readonly ContestSubject[] = ['MATHEMATICS', 'RUSSIAN'];

/** The level's words in a stage's title. */
export const LEVEL_TITLES = { SCHOOL: 'школьный этап', MUNICIPAL: 'муниципальный этап', REGIONAL: 'региональный этап' } as const;

/** «ВсОШ по математике, школьный этап». */
export const stageTitle = (s: SubjectDef, level: keyof typeof LEVEL_TITLES) => `ВсОШ по ${s.dative}, ${LEVEL_TITLES[level]}`;

/** The 24 subjects of the all-Russian school olympiad (ВсОШ); a local olympiad may name its own. */
export const VSOSH_SUBJECTS = {
  ENGLISH: 'Английский язык',
  ASTRONOMY: 'Астрономия',
  BIOLOGY: 'Биология',
  GEOGRAPHY: 'География',
  INFORMATICS: 'Информатика',
  ART: 'Искусство (мировая художественная культура)',
  SPANISH: 'Испанский язык',
  HISTORY: 'История',
  ITALIAN: 'Итальянский язык',
  CHINESE: 'Китайский язык',
  LITERATURE: 'Литература',
  MATHEMATICS: 'Математика',
  GERMAN: 'Немецкий язык',
  SAFETY: 'Основы безопасности и защиты Родины',
  SOCIAL_STUDIES: 'Обществознание',
  LAW: 'Право',
  RUSSIAN: 'Русский язык',
  TECHNOLOGY: 'Труд (технология)',
  PHYSICS: 'Физика',
  PHYSICAL_EDUCATION: 'Физическая культура',
  FRENCH: 'Французский язык',
  CHEMISTRY: 'Химия',
  ECOLOGY: 'Экология',
  ECONOMICS: 'Экономика',
} as const;

export type VsoshSubject = keyof typeof VSOSH_SUBJECTS;

export const isVsoshSubject = (s: string): s is VsoshSubject => Object.hasOwn(VSOSH_SUBJECTS, s);

/** The ВсОШ subjects as the API lists them (`olympiadSubjects`): code and Russian name, by name. */
export const olympiadSubjects = (): { code: VsoshSubject; title: string }[] =>
  (Object.entries(VSOSH_SUBJECTS) as [VsoshSubject, string][]).map(([code, title]) => ({ code, title })).sort((a, b) => a.title.localeCompare(b.title, 'ru'));

/** A student's name as sealed in their events (with the optional birth date). */
export interface StudentName {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
}

/** "Иванова А. С.": what a public protocol shows with the publication consent. */
export const shortNameOf = (n: Pick<StudentName, 'surname' | 'name' | 'patronymic'>) =>
  [n.surname, `${n.name.charAt(0)}.`, n.patronymic ? `${n.patronymic.charAt(0)}.` : null].filter(Boolean).join(' ');

export const fullNameOf = (n: Pick<StudentName, 'surname' | 'name' | 'patronymic'>) => [n.surname, n.name, n.patronymic].filter(Boolean).join(' ');

/** The directory's strings: municipalities, organisations, educators. */
export const directory = {
  directory: {
    title: 'Образовательные организации',
    intro: 'Муниципалитеты региона и их образовательные организации.',
    name: 'Название',
    kind: 'Тип',
    empty: 'Организаций не найдено.',
  },
  nav: {
    directory: 'Организации',
    schoolEducators: 'Педагоги школы',
  } as Record<string, string>,
  enums: {
    QualificationCategory: { NONE: 'Без категории', FIRST: 'Первая', HIGHEST: 'Высшая', METHODIST: 'Педагог-методист', MENTOR: 'Педагог-наставник' },
    OrganizationKind: { SCHOOL: 'Школа', KINDERGARTEN: 'Детский сад', ADDITIONAL_EDUCATION: 'Дополнительное образование', OTHER: 'Другое' },
  } as Record<string, Record<string, string>>,
  errorCodes: {
    PERSONAL_DATA_ERASED: 'Персональные данные этого педагога удалены.',
  } as Record<string, string>,
};

/** Who runs the courses: the regional and federal institutions, and each municipality's methodological centre. */

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

/** The municipal methodological centre that runs a municipality's own courses. */
export const municipalProvider = (municipalityName: string): string => `МКУ «Информационно-методический центр», ${municipalityName}`;

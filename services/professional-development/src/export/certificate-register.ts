import { ProgrammeFormat } from '../catalogue/programme.decider';

/**
 * The certificate register export for ФИС ФРДО (the federal register of documents on
 * education and qualification), template for additional professional education (ДПО).
 * This context keeps no names: the recipient's surname, name, patronymic, birth date, sex
 * and СНИЛС columns are left empty, to be filled from the directory (and HR records) by the
 * «ID получателя» column before upload. The file says so in its header comment.
 */

/** One issued certificate with what the export needs. */
export interface CertificateRecord {
  enrolmentId: string;
  educatorId: string;
  municipalityId: string;
  organizationId: string;
  programmeTitle: string;
  federalRegisterId: string | null;
  format: ProgrammeFormat | null;
  cohortStartDate: string | null;
  cohortEndDate: string | null;
  certificate: { number: string; hours: number; issuedOn: string };
}

const FORM_OF_STUDY: Record<ProgrammeFormat, string> = { IN_PERSON: 'Очная', BLENDED: 'Очно-заочная', DISTANCE: 'Заочная' };

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const year = (iso: string | null) => (iso ? iso.slice(0, 4) : '');
const fromDirectory = () => '';

export interface ExportColumn {
  header: string;
  meaning: string;
  value: (r: CertificateRecord) => string;
}

/** The columns, in file order, documented for the README. */
export const CERTIFICATE_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Название документа', meaning: 'always «Удостоверение о повышении квалификации»', value: () => 'Удостоверение о повышении квалификации' },
  { header: 'Вид документа', meaning: 'always «Удостоверение о повышении квалификации»', value: () => 'Удостоверение о повышении квалификации' },
  { header: 'Статус документа', meaning: 'always «Оригинал» (duplicates are not issued through this service)', value: () => 'Оригинал' },
  { header: 'Подтверждение утраты', meaning: 'always «Нет»', value: () => 'Нет' },
  { header: 'Подтверждение обмена', meaning: 'always «Нет»', value: () => 'Нет' },
  { header: 'Подтверждение уничтожения', meaning: 'always «Нет»', value: () => 'Нет' },
  { header: 'Серия документа', meaning: 'empty: certificates are recorded by number only', value: () => '' },
  { header: 'Номер документа', meaning: 'the certificate number recorded at completion', value: (r) => r.certificate.number },
  { header: 'Дата выдачи', meaning: 'issue date, DD.MM.YYYY', value: (r) => ruDate(r.certificate.issuedOn) },
  { header: 'Регистрационный номер', meaning: 'empty: the issuer’s book registration number is not recorded here', value: () => '' },
  { header: 'Дополнительная профессиональная программа (наименование)', meaning: 'programme title as scheduled', value: (r) => r.programmeTitle },
  { header: 'Год начала обучения', meaning: 'year of the cohort’s start', value: (r) => year(r.cohortStartDate) },
  { header: 'Год окончания обучения', meaning: 'year of the cohort’s end', value: (r) => year(r.cohortEndDate) },
  { header: 'Срок обучения, часов', meaning: 'hours on the certificate', value: (r) => String(r.certificate.hours) },
  { header: 'Фамилия получателя', meaning: 'empty: fill from the directory by «ID получателя»', value: fromDirectory },
  { header: 'Имя получателя', meaning: 'empty: fill from the directory', value: fromDirectory },
  { header: 'Отчество получателя', meaning: 'empty: fill from the directory', value: fromDirectory },
  { header: 'Дата рождения получателя', meaning: 'empty: not held by the platform (HR records)', value: fromDirectory },
  { header: 'Пол получателя', meaning: 'empty: not held by the platform (HR records)', value: fromDirectory },
  { header: 'СНИЛС', meaning: 'empty: not held by the platform (HR records)', value: fromDirectory },
  { header: 'Форма обучения', meaning: 'programme format: Очная / Очно-заочная / Заочная', value: (r) => (r.format ? FORM_OF_STUDY[r.format] : '') },
  { header: 'Номер программы в федеральном реестре', meaning: 'the programme’s federal register id, when it has one', value: (r) => r.federalRegisterId ?? '' },
  { header: 'ID получателя', meaning: 'educator id in the directory (the key to fill the personal columns)', value: (r) => r.educatorId },
  { header: 'ID муниципалитета', meaning: 'the learner’s municipality when enrolling', value: (r) => r.municipalityId },
  { header: 'ID организации', meaning: 'the learner’s school when enrolling', value: (r) => r.organizationId },
  { header: 'ID зачисления', meaning: 'enrolment id in this service', value: (r) => r.enrolmentId },
];

export const CERTIFICATE_EXPORT_NOTE =
  'ФИС ФРДО, документы о квалификации (ДПО). Фамилия, имя, отчество, дата рождения, пол и СНИЛС не хранятся в сервисе ' +
  'повышения квалификации: заполните их из справочника педагогов по столбцу «ID получателя» перед загрузкой. ' +
  'Строки с «#» удалите.';

/** A cell as spreadsheets read it; a leading formula character is neutralised (CSV injection). */
const cell = (v: string): string => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The file: a comment line, the header and one row per certificate, `;`-separated with CRLF (Excel in a Russian locale). */
export const certificateRegisterCsv = (records: CertificateRecord[]): string => {
  const sorted = [...records].sort(
    (a, b) => a.certificate.issuedOn.localeCompare(b.certificate.issuedOn) || a.certificate.number.localeCompare(b.certificate.number),
  );
  const lines = [
    `# ${CERTIFICATE_EXPORT_NOTE}`,
    CERTIFICATE_EXPORT_COLUMNS.map((c) => cell(c.header)).join(';'),
    ...sorted.map((r) => CERTIFICATE_EXPORT_COLUMNS.map((c) => cell(c.value(r))).join(';')),
  ];
  return `${lines.join('\r\n')}\r\n`;
};

import { CERTIFICATE_EXPORT_COLUMNS, certificateRegisterCsv, CertificateRecord } from './certificate-register';

const record = (over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  enrolmentId: 'c1~e1',
  educatorId: 'ed1',
  municipalityId: 'krasnoyarsk',
  organizationId: 'school-1',
  programmeTitle: 'Цифровая образовательная среда',
  federalRegisterId: 'FR-123',
  format: 'BLENDED',
  cohortStartDate: '2025-10-01',
  cohortEndDate: '2026-01-30',
  certificate: { number: '242400012345', hours: 72, issuedOn: '2026-01-30' },
  ...over,
});

const parse = (csv: string) => csv.trimEnd().split('\r\n');

describe('certificate register export (ФИС ФРДО)', () => {
  it('starts with a comment that names the empty personal columns, then the header', () => {
    const [comment, header] = parse(certificateRegisterCsv([]));
    expect(comment).toMatch(/^# .*Фамилия, имя, отчество.*справочника педагогов/);
    expect(header!.split(';')).toEqual(CERTIFICATE_EXPORT_COLUMNS.map((c) => c.header));
  });

  it('fills what this context knows and leaves the personal columns empty', () => {
    const [, header, row] = parse(certificateRegisterCsv([record()]));
    const byHeader = Object.fromEntries(header!.split(';').map((h, i) => [h, row!.split(';')[i]]));
    expect(byHeader).toMatchObject({
      'Статус документа': 'Оригинал',
      'Номер документа': '242400012345',
      'Дата выдачи': '30.01.2026',
      'Дополнительная профессиональная программа (наименование)': 'Цифровая образовательная среда',
      'Год начала обучения': '2025',
      'Год окончания обучения': '2026',
      'Срок обучения, часов': '72',
      'Фамилия получателя': '',
      'Имя получателя': '',
      'Отчество получателя': '',
      СНИЛС: '',
      'Форма обучения': 'Очно-заочная',
      'Номер программы в федеральном реестре': 'FR-123',
      'ID получателя': 'ed1',
    });
  });

  it('orders by issue date, quotes separators and neutralises formulas', () => {
    const rows = parse(
      certificateRegisterCsv([
        record({ programmeTitle: 'Б; "проектная" работа', certificate: { number: '2', hours: 36, issuedOn: '2026-02-01' } }),
        record({ programmeTitle: '=HYPERLINK("x")', certificate: { number: '1', hours: 36, issuedOn: '2026-01-15' } }),
      ]),
    );
    expect(rows[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rows[3]).toContain('"Б; ""проектная"" работа"');
  });

  it('documents every column', () => {
    for (const c of CERTIFICATE_EXPORT_COLUMNS) expect(c.meaning.length).toBeGreaterThan(3);
  });
});

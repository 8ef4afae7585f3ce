import { toCsv } from './table-export';

describe('CSV export', () => {
  const columns = [
    { title: 'ФИО', value: (r: { name: string; hours: number | null }) => r.name },
    { title: 'Часов', value: (r: { name: string; hours: number | null }) => r.hours },
  ];

  it('writes a BOM, `;` between columns, CRLF lines, and quotes what would break a cell', () => {
    const csv = toCsv(columns, [
      { name: 'Иванова; Мария', hours: 36 },
      { name: 'О"Нил\nДжон', hours: null },
    ]);
    expect(csv).toBe('\ufeffФИО;Часов\r\n"Иванова; Мария";36\r\n"О""Нил\nДжон";\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(toCsv(columns, [{ name: '=HYPERLINK("x")', hours: -5 }])).toContain(`"'=HYPERLINK(""x"")";-5`);
  });
});

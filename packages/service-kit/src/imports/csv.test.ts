import { readCellsRecord, readCsvHeader, readCsvRecord, readHeaderCells, splitCsvLine } from './csv';

const COLUMNS = ['educator_id', 'area', 'score'];

describe('CSV lines', () => {
  it('splits on the separator, trims, and unwraps quoted values ("" is a quote, the separator may be inside)', () => {
    expect(splitCsvLine(' a ; b ;c', ';')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"e1";"7,5";" x "', ';')).toEqual(['e1', '7,5', 'x']);
    expect(splitCsvLine('"a,b",c', ',')).toEqual(['a,b', 'c']);
    expect(splitCsvLine('"say ""hi""";x', ';')).toEqual(['say "hi"', 'x']);
    expect(splitCsvLine('a;;', ';')).toEqual(['a', '', '']);
    expect(splitCsvLine('"open;x', ';')).toEqual({ problem: 'a quoted value is not closed (a line break inside quotes is not supported)' });
  });

  it('reads the header in any order, either separator, any case', () => {
    expect(readCsvHeader('score;EDUCATOR_ID;area', COLUMNS)).toEqual({ separator: ';', names: ['score', 'educator_id', 'area'] });
    expect(readCsvHeader('educator_id, area, score', COLUMNS)).toEqual({ separator: ',', names: COLUMNS });
  });

  it('names everything wrong with a header in one problem', () => {
    expect(readCsvHeader('educator;area;area', COLUMNS)).toEqual({
      problem: 'bad header (missing column(s): educator_id, score; unknown column(s): "educator"; repeated column(s): area); expected educator_id;area;score',
    });
  });

  it('an optional column may be left out of the header, or empty on a line; a required one may not', () => {
    const without = readCsvHeader('code;task;score', ['code', 'task', 'score'], ['juror']);
    expect(without).toMatchObject({ names: ['code', 'task', 'score'] });
    const withJuror = readCsvHeader('code;task;score;juror', ['code', 'task', 'score'], ['juror']);
    if ('problem' in withJuror) throw new Error(withJuror.problem);
    expect(readCsvRecord('9-AAAAAA;t1;5;', withJuror)).toEqual({ values: { code: '9-AAAAAA', task: 't1', score: '5', juror: '' } });
    expect(readCsvRecord('9-AAAAAA;t1;;j1', withJuror)).toEqual({ problem: 'missing value(s): score' });
    expect(readCsvHeader('code;task', ['code', 'task', 'score'], ['juror'])).toEqual({
      problem: 'bad header (missing column(s): score); expected code;task;score;[juror]',
    });
  });

  it('gives a line its values by column, or its shape problem', () => {
    const layout = { separator: ';' as const, names: ['score', 'educator_id', 'area'] };
    expect(readCsvRecord('5;e1;DIGITAL', layout)).toEqual({ values: { score: '5', educator_id: 'e1', area: 'DIGITAL' } });
    expect(readCsvRecord('5;e1;DIGITAL;x', layout)).toEqual({ problem: 'too many columns: expected 3, got 4' });
    expect(readCsvRecord('5;;', layout)).toEqual({ problem: 'missing value(s): educator_id, area' });
    expect(readCsvRecord('5', layout)).toEqual({ problem: 'missing value(s): educator_id, area' });
  });

  it('reads a header and records already split into cells (a worksheet row) by the same rules', () => {
    expect(readHeaderCells([' Score', 'EDUCATOR_ID', 'area'], COLUMNS, ';')).toEqual({ separator: ';', names: ['score', 'educator_id', 'area'] });
    expect(readHeaderCells(['educator', 'area', 'area'], COLUMNS, ';')).toEqual(readCsvHeader('educator;area;area', COLUMNS));
    const layout = { separator: ';' as const, names: ['score', 'educator_id', 'area'] };
    expect(readCellsRecord(['7.5', 'e1', 'DIGITAL'], layout)).toEqual({ values: { score: '7.5', educator_id: 'e1', area: 'DIGITAL' } });
    expect(readCellsRecord(['5', '', 'DIGITAL', 'x'], layout)).toEqual({ problem: 'too many columns: expected 3, got 4' });
    expect(readCellsRecord(['5'], layout)).toEqual({ problem: 'missing value(s): educator_id, area' });
  });
});

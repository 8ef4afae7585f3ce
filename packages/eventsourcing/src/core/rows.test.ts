import { packRow, unpackRow } from './rows';

describe('packed row fields', () => {
  it('moves the named fields into one JSON text and back, and leaves other rows alone', () => {
    const row = { _id: 'r1', stageId: 's', rows: [{ code: 'a', n: [1, 2] }], appeals: [], _rev: 3 };
    const stored = packRow(row, ['rows', 'appeals', 'absent']);
    expect(stored).toEqual({ _id: 'r1', stageId: 's', _rev: 3, _packed: JSON.stringify({ rows: row.rows, appeals: [] }) });
    expect(unpackRow(stored)).toEqual(row);
    expect(packRow(row, undefined)).toBe(row);
    expect(unpackRow({ _id: 'old', rows: [] })).toEqual({ _id: 'old', rows: [] }); // written before packing
    expect(packRow({ _id: 'gone', _deleted: true }, ['rows'])).toEqual({ _id: 'gone', _deleted: true });
  });
});

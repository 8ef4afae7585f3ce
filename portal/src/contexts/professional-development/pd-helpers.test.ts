import { addYears, dueFilters, importPercent, intOrNull, linesOf, newImportId, uploadAnswer } from './pd-helpers';

describe('professional-development page helpers', () => {
  it('reads the due list’s filters from the address, falling back to the defaults', () => {
    expect(dueFilters(new URLSearchParams(''))).toEqual({ withinDays: 90, overdueOnly: false, asOf: null });
    expect(dueFilters(new URLSearchParams('within=30&overdue=1&asOf=2026-09-01'))).toEqual({ withinDays: 30, overdueOnly: true, asOf: '2026-09-01' });
    expect(dueFilters(new URLSearchParams('within=400&asOf=01.09.2026'))).toEqual({ withinDays: 90, overdueOnly: false, asOf: null });
    expect(dueFilters(new URLSearchParams('within=0')).withinDays).toBe(90);
    expect(dueFilters(new URLSearchParams('within=2.5')).withinDays).toBe(90);
  });

  it('makes import ids the upload route accepts', () => {
    const id = newImportId(new Date('2026-09-15T09:08:07Z'), () => 0.5);
    expect(id).toMatch(/^diag-20260915-090807-[0-9a-z]{6}$/);
    expect(id).toMatch(/^[A-Za-z0-9_~-]{1,128}$/);
  });

  it('reads the upload’s answers: accepted, a re-run, a file refused whole, an error', () => {
    const progress = { importId: 'i1', status: 'VALIDATING', receivedLines: 3, valid: 2, rejected: 1, applied: 0, problemCount: 1 };
    expect(uploadAnswer(202, JSON.stringify({ import: progress, rerun: false }))).toEqual({ kind: 'accepted', progress, rerun: false });
    expect(uploadAnswer(200, JSON.stringify({ import: { ...progress, status: 'DONE' }, rerun: true }))).toMatchObject({ kind: 'accepted', rerun: true });
    const failed = { ...progress, status: 'FAILED', failure: { code: 'BAD_HEADER', message: 'the header must be …' } };
    expect(uploadAnswer(422, JSON.stringify({ import: failed }))).toMatchObject({
      kind: 'refused',
      status: 422,
      code: 'BAD_HEADER',
      message: 'the header must be …',
    });
    expect(uploadAnswer(409, JSON.stringify({ errors: [{ message: 'used', extensions: { code: 'IMPORT_ID_REUSED' } }] }))).toEqual({
      kind: 'refused',
      status: 409,
      code: 'IMPORT_ID_REUSED',
      message: 'used',
      progress: null,
    });
    expect(uploadAnswer(502, '<html>bad gateway</html>')).toEqual({ kind: 'refused', status: 502, code: null, message: null, progress: null });
  });

  it('turns an import’s stage into a percentage that only grows', () => {
    const steps = [
      importPercent(null, null),
      importPercent({ sent: 50, total: 100 }, null),
      importPercent({ sent: 100, total: 100 }, null),
      importPercent(null, { status: 'VALIDATING', valid: 10, applied: 0 }),
      importPercent(null, { status: 'APPLYING', valid: 10, applied: 5 }),
      importPercent(null, { status: 'DONE', valid: 10, applied: 10 }),
    ];
    expect(steps).toEqual([0, 20, 40, 45, 75, 100]);
    expect(importPercent(null, { status: 'FAILED', valid: 0, applied: 0 })).toBe(100);
  });

  it('small form helpers: lines of a text area, a year later, integers', () => {
    expect(linesOf(' Цель 1 \n\n Цель 2\r\n')).toEqual(['Цель 1', 'Цель 2']);
    expect(addYears('2026-09-15', 1)).toBe('2027-09-15');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(intOrNull('36')).toBe(36);
    expect(intOrNull(' ')).toBeNull();
    expect(intOrNull('3.5')).toBeNull();
    expect(intOrNull(12)).toBe(12);
  });
});

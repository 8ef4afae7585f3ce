import { publicRowOf } from './masking';

const row = {
  code: '9-K7M4QX',
  studentId: 's1',
  schoolId: 'school-1',
  municipalityId: 'mun-a',
  grade: 9,
  taskScores: [5],
  score: 5,
  rank: 1,
  status: 'WINNER' as const,
};
const consent = { signedOn: '2026-09-01', participation: true, publishResults: false, publishWork: false };

describe('public masking', () => {
  it('shows the code without the publication consent, surname and initials with it, never the full name', () => {
    expect(publicRowOf(row, { consent, shortName: 'Иванова А. С.', status: 'ACTIVE' })).toEqual({
      participant: '9-K7M4QX',
      grade: 9,
      schoolId: 'school-1',
      score: 5,
      rank: 1,
      status: 'WINNER',
    });
    expect(publicRowOf(row, { consent: { ...consent, publishResults: true }, shortName: 'Иванова А. С.', status: 'ACTIVE' })!.participant).toBe(
      'Иванова А. С.',
    );
  });

  it('retracts the entry once the consent is withdrawn or the student erased', () => {
    expect(publicRowOf(row, { consent: null, shortName: 'Иванова А. С.', status: 'ACTIVE' })).toBeNull();
    expect(publicRowOf(row, { consent: { ...consent, publishResults: true }, shortName: null, status: 'ERASED' })).toBeNull();
    expect(publicRowOf(row, null)).toBeNull();
  });
});

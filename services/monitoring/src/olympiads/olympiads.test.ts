import type { OlympiadStageAtSchool } from './olympiad-schools.rows';
import { marksOfSchool, mergeMarks, NO_OLYMPIADS, olympiadIndicators } from './olympiads';

const stage = (
  stageId: string,
  subject: string,
  level: OlympiadStageAtSchool['level'],
  sets: Partial<Pick<OlympiadStageAtSchool, 'entered' | 'listed' | 'winners' | 'prizeWinners'>>,
): OlympiadStageAtSchool => ({ stageId, subject, level, entered: [], listed: [], winners: [], prizeWinners: [], ...sets });

const figuresOf = (...schools: OlympiadStageAtSchool[][]) => olympiadIndicators(mergeMarks(schools.map((stages) => marksOfSchool({ stages }))));

describe('olympiad indicators', () => {
  it('counts participants per level and subject as distinct students: entered or listed, once', () => {
    const f = figuresOf([
      stage('m-s', 'MATH', 'SCHOOL', { entered: ['a', 'b', 'c', 'd'], listed: ['a', 'b', 'e'] }),
      stage('p-s', 'PHYS', 'SCHOOL', { entered: ['a', 'f'] }),
      stage('m-m', 'MATH', 'MUNICIPAL', { listed: ['a', 'b'], winners: ['a'] }),
    ]);
    expect(f.subjects.map((s) => [s.subject, s.school.participants, s.municipal.participants, s.regional.participants])).toEqual([
      ['MATH', 5, 2, 0],
      ['PHYS', 2, 0, 0],
    ]);
    // A level's totals add subjects up; students are distinct people.
    expect(f.school).toMatchObject({ participants: 7, students: 6 });
    expect(f.municipal).toMatchObject({ participants: 2, students: 2 });
    expect(f.students).toBe(6);
    // Within a subject, students are its participants.
    expect(f.subjects[0]!.school.students).toBe(5);
  });

  it('two stages of one level and subject (two olympiads) count a student once, with the better status', () => {
    const f = figuresOf([
      stage('vsosh', 'MATH', 'SCHOOL', { listed: ['a', 'b'], winners: ['a'], prizeWinners: ['b'] }),
      stage('local', 'MATH', 'SCHOOL', { listed: ['a', 'b', 'c'], prizeWinners: ['a', 'c'] }),
    ]);
    expect(f.school).toMatchObject({ participants: 3, winners: 1, prizeWinners: 2 });
  });

  it('gives winners and prize-winners per 100 participants, null without participants', () => {
    const entered = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const f = figuresOf([
      stage('m-s', 'MATH', 'SCHOOL', { entered, listed: entered.slice(0, 30), winners: ['s00', 's01'], prizeWinners: ['s02', 's03', 's04', 's05', 's06'] }),
    ]);
    expect(f.school).toEqual({ participants: 40, students: 40, winners: 2, prizeWinners: 5, winnersPer100: 5, prizeWinnersPer100: 12.5 });
    expect(f.municipal).toEqual({ participants: 0, students: 0, winners: 0, prizeWinners: 0, winnersPer100: null, prizeWinnersPer100: null });
  });

  it('pass-on: of a subject’s school-stage students, those in its municipal stage; of those, in its regional stage', () => {
    const f = figuresOf([
      stage('m-s', 'MATH', 'SCHOOL', { entered: ['a', 'b', 'c', 'd'] }),
      // e went straight to the municipal stage (say, last year's prize-winner): not passed on from here.
      stage('m-m', 'MATH', 'MUNICIPAL', { entered: ['a', 'b', 'e'] }),
      stage('m-r', 'MATH', 'REGIONAL', { entered: ['a'] }),
      // f took the physics school stage and the maths municipal one: no pass-on in either subject.
      stage('p-s', 'PHYS', 'SCHOOL', { entered: ['f', 'a'] }),
      stage('m-m2', 'MATH', 'MUNICIPAL', { entered: ['f'] }),
    ]);
    const [math, phys] = f.subjects;
    expect(math!.passOn).toEqual({
      schoolStage: 4,
      schoolToMunicipal: 2,
      schoolToMunicipalRate: 0.5,
      municipalStage: 4,
      municipalToRegional: 1,
      municipalToRegionalRate: 0.25,
    });
    expect(phys!.passOn).toMatchObject({ schoolStage: 2, schoolToMunicipal: 0, schoolToMunicipalRate: 0, municipalStage: 0, municipalToRegionalRate: null });
    // Pooled over subjects: student-subject pairs.
    expect(f.passOn).toMatchObject({ schoolStage: 6, schoolToMunicipal: 2, schoolToMunicipalRate: 2 / 6, municipalStage: 4, municipalToRegional: 1 });
  });

  it('merging units counts a student two schools entered once, and passes on across them', () => {
    // a moved from o1 to o2 between the school and the municipal stage.
    const o1 = [stage('m-s', 'MATH', 'SCHOOL', { entered: ['a', 'b'] })];
    const o2 = [stage('m-s', 'MATH', 'SCHOOL', { entered: ['a', 'c'] }), stage('m-m', 'MATH', 'MUNICIPAL', { entered: ['a'] })];
    expect(figuresOf(o1).passOn).toMatchObject({ schoolStage: 2, schoolToMunicipal: 0 });
    expect(figuresOf(o2).passOn).toMatchObject({ schoolStage: 2, schoolToMunicipal: 1 });
    const both = figuresOf(o1, o2);
    expect(both.school).toMatchObject({ participants: 3, students: 3 });
    expect(both.passOn).toMatchObject({ schoolStage: 3, schoolToMunicipal: 1 });
  });

  it('a merge depends neither on the order of the parts nor on a part given twice', () => {
    const o1 = marksOfSchool({ stages: [stage('m-s', 'MATH', 'SCHOOL', { entered: ['a', 'b'], listed: ['b'], winners: ['b'] })] });
    const o2 = marksOfSchool({ stages: [stage('m-m', 'MATH', 'MUNICIPAL', { listed: ['a', 'b'], prizeWinners: ['a'] })] });
    const one = olympiadIndicators(mergeMarks([o1, o2]));
    expect(olympiadIndicators(mergeMarks([o2, o1, o2]))).toEqual(one);
  });

  it('lists subjects by code and has zeros and nulls for a unit without olympiads', () => {
    expect(
      figuresOf([stage('z', 'ZOO', 'SCHOOL', { entered: ['a'] }), stage('a', 'ART', 'SCHOOL', { entered: ['a'] })]).subjects.map((s) => s.subject),
    ).toEqual(['ART', 'ZOO']);
    expect(NO_OLYMPIADS).toEqual({
      students: 0,
      school: { participants: 0, students: 0, winners: 0, prizeWinners: 0, winnersPer100: null, prizeWinnersPer100: null },
      municipal: { participants: 0, students: 0, winners: 0, prizeWinners: 0, winnersPer100: null, prizeWinnersPer100: null },
      regional: { participants: 0, students: 0, winners: 0, prizeWinners: 0, winnersPer100: null, prizeWinnersPer100: null },
      passOn: { schoolStage: 0, schoolToMunicipal: 0, schoolToMunicipalRate: null, municipalStage: 0, municipalToRegional: 0, municipalToRegionalRate: null },
      subjects: [],
    });
  });
});

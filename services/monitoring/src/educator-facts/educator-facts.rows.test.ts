import { applyToFacts, educatorIdOf, EducatorFacts, EnrolmentStatus, FactEvent } from './educator-facts.rows';

const ev = (type: string, data: object): FactEvent => ({ type, data });
const registered = (over: object = {}) =>
  ev('directory.EducatorRegistered', {
    educatorId: 'e1',
    municipalityId: 'm1',
    organizationId: 'o1',
    position: 'учитель математики',
    subjects: ['математика'],
    careerStartDate: '2015-09-01',
    qualificationCategory: 'FIRST',
    ...over,
  });
const moved = (to: string, municipalityId = 'm1') =>
  ev('directory.EducatorMoved', { educatorId: 'e1', municipalityId, fromOrganizationId: 'o1', toOrganizationId: to });
const leftMunicipality = (from: string, to: string) =>
  ev('directory.EducatorLeftMunicipality', { educatorId: 'e1', municipalityId: from, toMunicipalityId: to });
const joined = (municipalityId: string, organizationId: string, from: string) =>
  ev('directory.EducatorJoinedMunicipality', {
    educatorId: 'e1',
    municipalityId,
    organizationId,
    position: 'учитель математики',
    subjects: ['математика'],
    careerStartDate: '2015-09-01',
    qualificationCategory: 'FIRST',
    fromMunicipalityId: from,
  });
const left = (municipalityId = 'm1') => ev('directory.EducatorLeft', { educatorId: 'e1', municipalityId });
const enrolment = (enrolmentId: string, status: EnrolmentStatus, on: string, hours = 72, programmeId = 'p1') =>
  ev('pd.EnrolmentChanged', {
    enrolmentId,
    cohortId: `c-${enrolmentId}`,
    programmeId,
    educatorId: 'e1',
    municipalityId: 'm1',
    organizationId: 'o1',
    status,
    hours,
    competences: ['DIGITAL'],
    on,
  });
const deficits = (open: string[]) => ev('pd.DeficitsChanged', { educatorId: 'e1', municipalityId: 'm1', open });
const route = (status: 'DRAFT' | 'APPROVED') => ev('pd.RouteChanged', { educatorId: 'e1', municipalityId: 'm1', status, items: 3, done: 1 });
const mentorship = (mentorshipId: string, status: 'ACTIVE' | 'COMPLETED' | 'ENDED', menteeId = 'e1', mentorId = 'e9') =>
  ev('pd.MentorshipChanged', { mentorshipId, mentorId, menteeId, municipalityId: 'm1', status, from: '2025-09-01', to: '2026-05-31' });

const fold = (events: readonly FactEvent[], start?: EducatorFacts): EducatorFacts | undefined =>
  events.reduce<EducatorFacts | undefined>((facts, e) => applyToFacts(facts, e), start);

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1 ? [[...items]] : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));

const placedE1: EducatorFacts = {
  educatorId: 'e1',
  municipalityId: 'm1',
  organizationId: 'o1',
  careerStartDate: '2015-09-01',
  active: true,
  trainings: [],
  openDeficits: [],
  activeMentorshipIds: [],
};

describe('educator facts: directory events', () => {
  it('a registration places the educator', () => {
    expect(applyToFacts(undefined, registered())).toEqual(placedE1);
  });

  it('a change of position, subjects or category keeps nothing new', () => {
    const facts = fold([registered()]);
    const changed = ev('directory.EducatorChanged', { educatorId: 'e1', municipalityId: 'm1', qualificationCategory: 'HIGHEST' });
    expect(applyToFacts(facts, changed)).toBe(facts);
    expect(applyToFacts(undefined, changed)).toBeUndefined();
  });

  it('a move changes the school within the municipality', () => {
    expect(fold([registered(), moved('o2')])).toEqual({ ...placedE1, organizationId: 'o2' });
  });

  it('a transfer leaves the educator unplaced until the new municipality registers the arrival', () => {
    const inTransit = fold([registered(), leftMunicipality('m1', 'm2')]);
    expect(inTransit).toEqual({ ...placedE1, municipalityId: 'm2', organizationId: undefined });
    expect(inTransit).not.toHaveProperty('organizationId');
    expect(applyToFacts(inTransit, joined('m2', 'o7', 'm1'))).toEqual({ ...placedE1, municipalityId: 'm2', organizationId: 'o7' });
  });

  it('a late event of the old municipality does not pull the educator back', () => {
    const arrived = fold([registered(), leftMunicipality('m1', 'm2'), joined('m2', 'o7', 'm1')]);
    for (const late of [leftMunicipality('m1', 'm2'), moved('o3', 'm1'), left('m1')]) {
      expect(applyToFacts(arrived, late)).toEqual(arrived);
    }
    // The arrival first, the departure after: same result.
    expect(fold([registered(), joined('m2', 'o7', 'm1'), leftMunicipality('m1', 'm2')])).toEqual(arrived);
  });

  it('leaving makes the educator inactive and keeps the rest for history', () => {
    const facts = fold([registered(), enrolment('n1', 'COMPLETED', '2024-05-01'), left()]);
    expect(facts).toMatchObject({ active: false, municipalityId: 'm1', organizationId: 'o1', trainings: [{ enrolmentId: 'n1' }] });
  });

  it('a new registration or an arrival makes the educator active again', () => {
    expect(fold([registered(), left(), registered({ organizationId: 'o4' })])).toEqual({ ...placedE1, organizationId: 'o4' });
    expect(fold([registered(), left(), joined('m3', 'o5', 'm1')])).toMatchObject({
      active: true,
      municipalityId: 'm3',
      organizationId: 'o5',
    });
  });

  it('takes the career start from the arrival', () => {
    const arrival = { ...(joined('m2', 'o7', 'm1').data as object), careerStartDate: '2016-01-10' };
    expect(fold([registered(), ev('directory.EducatorJoinedMunicipality', arrival)])?.careerStartDate).toBe('2016-01-10');
  });
});

describe('educator facts: professional development events', () => {
  it('keeps only completed trainings, with date, hours and programme', () => {
    const facts = fold([
      registered(),
      enrolment('n1', 'APPLIED', '2024-01-10'),
      enrolment('n1', 'ENROLLED', '2024-01-20'),
      enrolment('n1', 'COMPLETED', '2024-03-01', 36, 'p7'),
    ]);
    expect(facts?.trainings).toEqual([{ enrolmentId: 'n1', programmeId: 'p7', on: '2024-03-01', hours: 36 }]);
    for (const status of ['APPLIED', 'ENROLLED', 'REJECTED', 'WITHDRAWN', 'NOT_COMPLETED'] as const) {
      expect(fold([registered(), enrolment('n2', status, '2024-01-10')])?.trainings).toEqual([]);
    }
  });

  it('a later status of the same enrolment replaces or removes its training', () => {
    const done = fold([registered(), enrolment('n1', 'COMPLETED', '2024-03-01', 36)]);
    expect(applyToFacts(done, enrolment('n1', 'COMPLETED', '2024-03-02', 40))?.trainings).toEqual([
      { enrolmentId: 'n1', programmeId: 'p1', on: '2024-03-02', hours: 40 },
    ]);
    expect(applyToFacts(done, enrolment('n1', 'NOT_COMPLETED', '2024-03-02'))?.trainings).toEqual([]);
  });

  it('keeps trainings sorted by date then enrolment whatever the arrival order', () => {
    const events = [enrolment('n3', 'COMPLETED', '2023-05-01'), enrolment('n1', 'COMPLETED', '2024-03-01'), enrolment('n2', 'COMPLETED', '2023-05-01')];
    for (const order of permutations(events)) {
      expect(fold(order)?.trainings.map((t) => t.enrolmentId)).toEqual(['n2', 'n3', 'n1']);
    }
  });

  it('a training recorded from elsewhere counts beside catalogue completions; a redelivery adds nothing', () => {
    const external = (recordId: string, on: string, hours = 72) =>
      ev('pd.ExternalTrainingRecorded', { recordId, educatorId: 'e1', municipalityId: 'm1', hours, competences: ['SUBJECT'], on });
    const facts = fold([registered(), external('r1', '2024-05-20'), enrolment('n1', 'COMPLETED', '2024-03-01', 36), external('r1', '2024-05-20')]);
    expect(facts?.trainings).toEqual([
      { enrolmentId: 'n1', programmeId: 'p1', on: '2024-03-01', hours: 36 },
      { recordId: 'r1', on: '2024-05-20', hours: 72 },
    ]);
    // An enrolment's later status leaves the record alone, and the other way round.
    expect(applyToFacts(facts, enrolment('n1', 'NOT_COMPLETED', '2024-03-02'))?.trainings).toEqual([{ recordId: 'r1', on: '2024-05-20', hours: 72 }]);
    expect(educatorIdOf(external('r2', '2024-01-01'))).toBe('e1');
  });

  it('open deficits are the full set of the latest change, sorted and unique', () => {
    const facts = fold([registered(), deficits(['SUBJECT', 'DIGITAL']), deficits(['INCLUSIVE', 'DIGITAL', 'DIGITAL'])]);
    expect(facts?.openDeficits).toEqual(['DIGITAL', 'INCLUSIVE']);
    expect(applyToFacts(facts, deficits([]))?.openDeficits).toEqual([]);
  });

  it('records the route status', () => {
    expect(fold([registered(), route('DRAFT')])?.routeStatus).toBe('DRAFT');
    expect(fold([registered(), route('DRAFT'), route('APPROVED')])?.routeStatus).toBe('APPROVED');
    expect(fold([registered(), route('APPROVED'), route('DRAFT')])?.routeStatus).toBe('DRAFT');
  });

  it('keeps the active mentorships of the mentee', () => {
    const facts = fold([registered(), mentorship('ms2', 'ACTIVE'), mentorship('ms1', 'ACTIVE')]);
    expect(facts?.activeMentorshipIds).toEqual(['ms1', 'ms2']);
    expect(applyToFacts(facts, mentorship('ms2', 'COMPLETED'))?.activeMentorshipIds).toEqual(['ms1']);
    expect(applyToFacts(facts, mentorship('ms1', 'ENDED'))?.activeMentorshipIds).toEqual(['ms2']);
  });

  it('a mentorship belongs to the mentee, not to the mentor', () => {
    const e = mentorship('ms1', 'ACTIVE', 'e1', 'e9');
    expect(educatorIdOf(e)).toBe('e1');
    const mentor = applyToFacts(undefined, registered({ educatorId: 'e9' }));
    expect(applyToFacts(mentor, e)).toBe(mentor);
  });
});

describe('educator facts: robustness', () => {
  it('keeps the PD part when it arrives before the registration; placement unknown meanwhile', () => {
    const early = fold([enrolment('n1', 'COMPLETED', '2024-03-01'), deficits(['DIGITAL']), route('APPROVED'), mentorship('ms1', 'ACTIVE')]);
    expect(early).toEqual({
      educatorId: 'e1',
      active: true,
      trainings: [{ enrolmentId: 'n1', programmeId: 'p1', on: '2024-03-01', hours: 72 }],
      openDeficits: ['DIGITAL'],
      routeStatus: 'APPROVED',
      activeMentorshipIds: ['ms1'],
    });
    expect(early).not.toHaveProperty('municipalityId');
    expect(applyToFacts(early, registered())).toEqual({
      ...early,
      ...placedE1,
      trainings: early?.trainings,
      openDeficits: ['DIGITAL'],
      activeMentorshipIds: ['ms1'],
    });
  });

  it('events from different streams give the same facts in any order', () => {
    const events = [
      registered(),
      enrolment('n1', 'COMPLETED', '2024-03-01', 36),
      enrolment('n2', 'COMPLETED', '2022-10-01', 72),
      deficits(['DIGITAL', 'SUBJECT']),
      route('APPROVED'),
      mentorship('ms1', 'ACTIVE'),
    ];
    const expected = fold(events);
    const orders = permutations(events);
    expect(orders).toHaveLength(720);
    for (const order of orders) expect(fold(order)).toEqual(expected);
  });

  const history = [
    enrolment('n1', 'APPLIED', '2023-01-10'),
    registered(),
    enrolment('n1', 'ENROLLED', '2023-01-20'),
    deficits(['DIGITAL']),
    enrolment('n1', 'COMPLETED', '2023-04-01'),
    moved('o2'),
    mentorship('ms1', 'ACTIVE'),
    route('DRAFT'),
    leftMunicipality('m1', 'm2'),
    route('APPROVED'),
    joined('m2', 'o7', 'm1'),
    mentorship('ms1', 'COMPLETED'),
    deficits([]),
    left('m2'),
  ];

  it('is idempotent: every event delivered twice changes nothing', () => {
    const once = fold(history);
    expect(fold(history.flatMap((e) => [e, e]))).toEqual(once);
    for (let i = 0; i < history.length; i += 1) {
      const prefix = fold(history.slice(0, i + 1));
      expect(applyToFacts(prefix, history[i]!)).toEqual(prefix);
    }
  });

  it('a redelivery from any earlier offset, in order, ends in the same facts', () => {
    const once = fold(history);
    for (let k = 0; k < history.length; k += 1) expect(fold(history.slice(k), once)).toEqual(once);
  });

  it('ignores events it does not keep and events about someone else', () => {
    const facts = fold([registered()]);
    const erased = ev('directory.EducatorPersonalDataErased', { educatorId: 'e1', municipalityId: 'm1' });
    const published = ev('pd.ProgrammePublished', { programmeId: 'p1' });
    for (const e of [erased, published, ev('olympiad.ScoreRecorded', { educatorId: 'e1' })]) {
      expect(educatorIdOf(e)).toBeUndefined();
      expect(applyToFacts(facts, e)).toBe(facts);
      expect(applyToFacts(undefined, e)).toBeUndefined();
    }
    const other = ev('pd.DeficitsChanged', { educatorId: 'e2', municipalityId: 'm1', open: ['SUBJECT'] });
    expect(applyToFacts(facts, other)).toBe(facts);
  });

  it('never mutates the facts it is given', () => {
    const deepFreeze = <T>(o: T): T => {
      Object.values(o as object).forEach((v) => typeof v === 'object' && v !== null && deepFreeze(v));
      return Object.freeze(o);
    };
    const facts = deepFreeze(fold(history.slice(0, 8))!);
    const copy = structuredClone(facts);
    for (const e of history) applyToFacts(facts, e);
    expect(facts).toEqual(copy);
  });
});

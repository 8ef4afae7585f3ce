import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import * as ch from '../cohorts/cohort.handlers';
import { enrolmentHistory } from '../cohorts/cohort.history';
import * as cq from '../cohorts/cohort.queries';
import { routeHistory } from '../development/development.history';
import * as dh from '../development/development.handlers';
import * as dq from '../development/development.queries';
import { certificateRegisterExport } from '../export/certificate-register.queries';
import { PdDeps } from '../pd.deps';
import { as, memoryDeps } from '../pd.in-memory';

/**
 * Issue 9 §1, PD's side of a transfer (decided: diagnostics, deficits and the route follow the
 * person; enrolments and certificates stay with the cohort's and the placement's owner). The
 * former municipality A keeps what it owned, its own history, and sees nothing B wrote.
 */
const operator = as('regional_operator');
const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const coordinatorA = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const coordinatorB = as('school_coordinator', { municipalityId: 'mun-b', organizationId: 'school-9' });
const teacherInA = as('teacher', { municipalityId: 'mun-a', organizationId: 'school-1', educatorId: 'e1' });
const teacherInB = as('teacher', { municipalityId: 'mun-b', organizationId: 'school-9', educatorId: 'e1' });

const cohortOf = async (d: PdDeps, owner: typeof operator, dates: { startDate: string; endDate: string }) => {
  const p = await createProgramme(d, owner, { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 36, format: 'BLENDED', competences: ['DIGITAL'] });
  await publishProgramme(d, owner, p.id);
  return ch.scheduleCohort(d, owner, { programmeId: p.id, seats: 5, ...dates });
};

/** e1 trained in A (a certificate of A's cohort), then moved to B, where B enrols them and writes diagnostics and a route. */
const transferred = async () => {
  const m = memoryDeps();
  m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2015-09-01' });
  const cohortA = await cohortOf(m.d, methodologistA, { startDate: '2026-09-01', endDate: '2026-09-30' });
  const regional = await cohortOf(m.d, operator, { startDate: '2026-10-01', endDate: '2026-11-30' });
  m.project();
  const inA = await ch.applyForCohort(m.d, teacherInA, { cohortId: cohortA.id });
  await ch.approveEnrolment(m.d, coordinatorA, inA.id);
  await ch.completeEnrolment(m.d, coordinatorA, { enrolmentId: inA.id, certificateNumber: 'ПК-А-1', hours: 36, issuedOn: '2026-09-14' });
  m.project();

  m.transfer({ educatorId: 'e1', from: 'mun-a', to: 'mun-b', organizationId: 'school-9' });
  const inB = await ch.applyForCohort(m.d, teacherInB, { cohortId: regional.id });
  await ch.approveEnrolment(m.d, coordinatorB, inB.id);
  await dh.recordDiagnosticResult(m.d, methodologistB, { educatorId: 'e1', area: 'DIGITAL', score: 2, maxScore: 10, takenOn: '2026-09-10' });
  await dh.proposeRoute(m.d, methodologistB, 'e1');
  m.project();
  return { ...m, inA, inB };
};

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('a former municipality after a transfer (PD)', () => {
  it('A lists the A-era enrolment of the educator, not B’s new one; B lists B’s', async () => {
    const { d, inA, inB } = await transferred();
    expect(ids(await cq.enrolments(d, methodologistA, { educatorId: 'e1' }))).toEqual([inA.id]);
    expect(ids((await cq.enrolmentsPage(d, methodologistA, { educatorId: 'e1' }, {})).nodes)).toEqual([inA.id]);
    expect(ids(await cq.enrolments(d, coordinatorA, { educatorId: 'e1' }))).toEqual([inA.id]);
    expect(ids(await cq.enrolments(d, methodologistB, { educatorId: 'e1' }))).toEqual([inB.id]);
    expect(ids((await cq.enrolmentsPage(d, methodologistB, { educatorId: 'e1' }, {})).nodes)).toEqual([inB.id]);
    // The certificate stays A's: in A's register export, not in B's.
    expect((await certificateRegisterExport(d, methodologistA, { from: '2026-01-01', to: '2026-12-31' })).rows).toBe(1);
    expect((await certificateRegisterExport(d, methodologistB, { from: '2026-01-01', to: '2026-12-31' })).rows).toBe(0);
  });

  it('A reads the history of its own enrolment, not of B’s', async () => {
    const { d, inA, inB } = await transferred();
    const [a] = await cq.enrolments(d, operator, { educatorId: 'e1', cohortId: inA.cohortId });
    const [b] = await cq.enrolments(d, operator, { educatorId: 'e1', cohortId: inB.cohortId });
    expect((await enrolmentHistory(d, methodologistA, a!)).map((e) => e.eventType)).toEqual(['EnrolmentApplied', 'EnrolmentApproved', 'EnrolmentCompleted']);
    expect(await enrolmentHistory(d, methodologistA, b!)).toEqual([]);
    expect((await enrolmentHistory(d, methodologistB, b!)).map((e) => e.eventType)).toEqual(['EnrolmentApplied', 'EnrolmentApproved']);
  });

  it('A cannot read the diagnostics, deficits or route B wrote; B can', async () => {
    const { d } = await transferred();
    const educator = { id: 'e1' };
    expect(await dq.route(d, methodologistA, educator)).toBeNull();
    expect(await dq.deficits(d, methodologistA, educator)).toEqual([]);
    expect(await dq.diagnosticResults(d, methodologistA, educator)).toEqual([]);
    expect(await dq.route(d, coordinatorA, educator)).toBeNull();
    expect(await routeHistory(d, methodologistA, { educatorId: 'e1' })).toEqual([]);

    expect(await dq.route(d, methodologistB, educator)).toMatchObject({ status: 'DRAFT' });
    expect(await dq.deficits(d, methodologistB, educator)).toEqual(['DIGITAL']);
    expect(await dq.diagnosticResults(d, methodologistB, educator)).toHaveLength(1);
    expect((await routeHistory(d, methodologistB, { educatorId: 'e1' })).length).toBeGreaterThan(0);
  });
});

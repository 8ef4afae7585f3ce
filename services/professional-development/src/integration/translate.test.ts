import { ALL_CONTRACTS, assertMatches } from '@mms/contracts';
import { EventEnvelope } from '@mms/eventsourcing/core';
import { EnrolmentRef } from '../cohorts/cohort.decider';
import { translateProfessionalDevelopmentEvent as translate } from './translate';

const envelope = (type: string, data: unknown, over: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: 'ev1',
  type,
  schemaVersion: 1,
  tenantId: 'region',
  streamType: 'cohort',
  streamId: 'cohort-c1',
  streamVersion: 3,
  occurredAt: '2026-10-05T09:30:00.000Z',
  correlationId: 'corr',
  causationId: null,
  actor: { subject: 'u1', role: 'school_coordinator' },
  data,
  ...over,
});

const ref: EnrolmentRef = {
  enrolmentId: 'c1~e1',
  cohortId: 'c1',
  programmeId: 'p1',
  programmeHours: 72,
  competences: ['DIGITAL'],
  educatorId: 'ed1',
  municipalityId: 'krasnoyarsk',
  organizationId: 'school-1',
};

/** Every public event must match its contract exactly. */
const publicOf = (e: EventEnvelope) => {
  const out = translate(e);
  for (const p of out) {
    const contract = ALL_CONTRACTS[p.type];
    expect(contract).toBeDefined();
    assertMatches(contract!, p.schemaVersion, p.data);
  }
  return out;
};

describe('translation to pd.* contracts', () => {
  it('publishes a programme with its catalogue data, and its withdrawal', () => {
    const published = {
      programmeId: 'p1',
      level: 'MUNICIPAL',
      ownerMunicipalityId: 'krasnoyarsk',
      title: 'Функциональная грамотность',
      provider: 'ММС Красноярска',
      hours: 36,
      format: 'DISTANCE',
      competences: ['FUNCTIONAL_LITERACY'],
      federalRegisterId: null,
    };
    expect(publicOf(envelope('ProgrammePublished', published, { tenantId: 'krasnoyarsk' }))).toEqual([
      {
        type: 'pd.ProgrammePublished',
        schemaVersion: 1,
        data: {
          programmeId: 'p1',
          level: 'MUNICIPAL',
          ownerMunicipalityId: 'krasnoyarsk',
          title: 'Функциональная грамотность',
          hours: 36,
          format: 'DISTANCE',
          competences: ['FUNCTIONAL_LITERACY'],
        },
      },
    ]);
    expect(publicOf(envelope('ProgrammeWithdrawn', { programmeId: 'p1', reason: 'устарела' }))).toEqual([
      { type: 'pd.ProgrammeWithdrawn', schemaVersion: 1, data: { programmeId: 'p1' } },
    ]);
  });

  it('drafts and cohort logistics stay inside', () => {
    expect(translate(envelope('ProgrammeCreated', { programmeId: 'p1' }))).toEqual([]);
    expect(translate(envelope('ProgrammeUpdated', { programmeId: 'p1', changes: {} }))).toEqual([]);
    expect(translate(envelope('CohortScheduled', { cohortId: 'c1' }))).toEqual([]);
    expect(translate(envelope('CohortSeatsChanged', { cohortId: 'c1', seats: 3 }))).toEqual([]);
    expect(translate(envelope('DiagnosticResultRecorded', { educatorId: 'ed1', score: 3 }))).toEqual([]);
    expect(translate(envelope('RouteItemAdded', { educatorId: 'ed1' }))).toEqual([]);
    expect(translate(envelope('DiagnosticImportRecorded', { importId: 'i1' }))).toEqual([]);
  });

  it('announces every enrolment status change with the learner’s placement and the relevant date', () => {
    const cases: Array<[string, Record<string, unknown>, string, number, string]> = [
      ['EnrolmentApplied', { appliedBy: 'SELF', on: '2026-09-20' }, 'APPLIED', 0, '2026-09-20'],
      ['EnrolmentApproved', {}, 'ENROLLED', 0, '2026-10-05'],
      ['EnrolmentRejected', { reason: 'нет мест в расписании' }, 'REJECTED', 0, '2026-10-05'],
      ['EnrolmentWithdrawn', { by: 'TEACHER', reason: 'болезнь' }, 'WITHDRAWN', 0, '2026-10-05'],
      ['EnrolmentCompleted', { certificate: { number: '242400012345', hours: 70, issuedOn: '2026-10-30' } }, 'COMPLETED', 70, '2026-10-30'],
      ['EnrolmentNotCompleted', { reason: 'не сдал итоговую работу' }, 'NOT_COMPLETED', 0, '2026-10-05'],
    ];
    for (const [type, extra, status, hours, on] of cases) {
      expect(publicOf(envelope(type, { ...ref, ...extra }))).toEqual([
        {
          type: 'pd.EnrolmentChanged',
          schemaVersion: 1,
          data: {
            enrolmentId: 'c1~e1',
            cohortId: 'c1',
            programmeId: 'p1',
            educatorId: 'ed1',
            municipalityId: 'krasnoyarsk',
            organizationId: 'school-1',
            status,
            hours,
            competences: ['DIGITAL'],
            on,
          },
        },
      ]);
    }
  });

  it('lets no certificate number, reason or name leave', () => {
    const completed = envelope('EnrolmentCompleted', {
      ...ref,
      certificate: { number: '242400012345', hours: 70, issuedOn: '2026-10-30' },
      fullName: 'Петрова Анна Сергеевна',
    });
    const rejected = envelope('EnrolmentRejected', { ...ref, reason: 'Петрова не подходит' });
    const text = JSON.stringify([...publicOf(completed), ...publicOf(rejected)]);
    expect(text).not.toContain('242400012345');
    expect(text).not.toContain('Петрова');
    expect(text).not.toContain('не подходит');
  });

  it('publishes the full set of open deficits with the development stream’s municipality', () => {
    const dev = { tenantId: 'achinsk', streamType: 'development', streamId: 'development-ed1' };
    expect(publicOf(envelope('DeficitIdentified', { educatorId: 'ed1', area: 'DIGITAL', resultId: 'r1', open: ['DIGITAL', 'ASSESSMENT'] }, dev))).toEqual([
      { type: 'pd.DeficitsChanged', schemaVersion: 1, data: { educatorId: 'ed1', municipalityId: 'achinsk', open: ['DIGITAL', 'ASSESSMENT'] } },
    ]);
    expect(publicOf(envelope('DeficitResolved', { educatorId: 'ed1', area: 'DIGITAL', resultId: 'r2', open: [] }, dev))).toEqual([
      { type: 'pd.DeficitsChanged', schemaVersion: 1, data: { educatorId: 'ed1', municipalityId: 'achinsk', open: [] } },
    ]);
  });

  it('announces an external training with date, hours and competences, never its number, title or provider', () => {
    const dev = { tenantId: 'achinsk', streamType: 'development', streamId: 'development-ed1' };
    const recorded = {
      educatorId: 'ed1',
      recordId: 'rec1',
      title: 'Школа современного учителя',
      provider: 'Академия Минпросвещения России',
      hours: 72,
      competences: ['SUBJECT'],
      certificateNumber: 'ПК-0001',
      issuedOn: '2025-05-20',
      organizationId: 'school-9',
      municipalityId: 'kansk',
    };
    const out = publicOf(envelope('ExternalTrainingRecorded', recorded, dev));
    expect(out).toEqual([
      {
        type: 'pd.ExternalTrainingRecorded',
        schemaVersion: 1,
        data: { recordId: 'rec1', educatorId: 'ed1', municipalityId: 'kansk', hours: 72, competences: ['SUBJECT'], on: '2025-05-20' },
      },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/ПК-0001|Академия|Школа/);
  });

  it('announces the route’s status on proposal, approval and return to draft only', () => {
    const dev = { tenantId: 'achinsk', streamType: 'development', streamId: 'development-ed1' };
    const route = (status: string) => [{ type: 'pd.RouteChanged', schemaVersion: 1, data: { educatorId: 'ed1', municipalityId: 'achinsk', status } }];
    expect(publicOf(envelope('RouteProposed', { educatorId: 'ed1', items: [] }, dev))).toEqual(route('DRAFT'));
    expect(publicOf(envelope('RouteApproved', { educatorId: 'ed1', approvedBy: 'm', on: '2026-01-01' }, dev))).toEqual(route('APPROVED'));
    expect(publicOf(envelope('RouteReturnedToDraft', { educatorId: 'ed1' }, dev))).toEqual(route('DRAFT'));
    expect(publicOf(envelope('RouteItemDone', { educatorId: 'ed1', itemId: 'i1', on: '2026-01-01', how: 'MANUAL' }, dev))).toEqual([]);
  });

  it('announces each mentorship change with the pair, the mentee’s municipality and the period', () => {
    const ids = { mentorshipId: 'mr~1', mentorId: 'mr', menteeId: 'me', municipalityId: 'achinsk', from: '2025-09-01', to: '2026-05-31' };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['MentorshipStarted', { goals: ['цель'] }, 'ACTIVE'],
      ['MentorshipGoalsUpdated', { goals: ['другая цель'] }, 'ACTIVE'],
      ['MentorshipCompleted', { outcome: 'Цели достигнуты', on: '2026-05-31' }, 'COMPLETED'],
      ['MentorshipEnded', { reason: 'Наставник уволился', on: '2026-01-15' }, 'ENDED'],
    ];
    for (const [type, extra, status] of cases) {
      const out = publicOf(envelope(type, { ...ids, ...extra }, { tenantId: 'achinsk', streamType: 'mentor', streamId: 'mentor-mr' }));
      expect(out).toEqual([{ type: 'pd.MentorshipChanged', schemaVersion: 1, data: { ...ids, status } }]);
      expect(JSON.stringify(out)).not.toMatch(/цель|Цели|уволился/);
    }
  });
});

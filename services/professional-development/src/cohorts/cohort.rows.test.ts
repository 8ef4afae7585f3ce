import { REGION_TENANT } from '@mms/eventsourcing/core';
import { rowsFrom, streamOf } from '@mms/testing';
import type { CohortEvent, EnrolmentRef } from './cohort.decider';
import { cohortRows, enrolmentRows } from './cohort.rows';

const programme = {
  programmeId: 'p1',
  title: 'Цифровая школа',
  hours: 72,
  competences: ['DIGITAL' as const],
  level: 'REGIONAL' as const,
  format: 'BLENDED' as const,
  ownerMunicipalityId: null,
};
const ref = (enrolmentId: string, educatorId: string): EnrolmentRef => ({
  enrolmentId,
  cohortId: 'c1',
  programmeId: 'p1',
  programmeHours: 72,
  competences: ['DIGITAL'],
  educatorId,
  municipalityId: 'mun-a',
  organizationId: 'school-1',
});
const events: CohortEvent[] = [
  { type: 'CohortScheduled', data: { cohortId: 'c1', programme, startDate: '2026-10-01', endDate: '2026-11-30', seats: 2 } },
  { type: 'EnrolmentApplied', data: { ...ref('n1', 'e1'), appliedBy: 'SELF', on: '2026-09-15' } },
  { type: 'EnrolmentApplied', data: { ...ref('n2', 'e2'), appliedBy: 'COORDINATOR', on: '2026-09-16' } },
  { type: 'EnrolmentApproved', data: ref('n1', 'e1') },
  { type: 'EnrolmentRejected', data: { ...ref('n2', 'e2'), reason: 'нет мест в расписании' } },
  { type: 'EnrolmentCompleted', data: { ...ref('n1', 'e1'), certificate: { number: 'ПК-1', hours: 72, issuedOn: '2026-11-30' } } },
];

describe('cohort rows', () => {
  it('count seats held and free and completions from the enrolments’ events', async () => {
    const [cohort] = await rowsFrom(cohortRows, streamOf(REGION_TENANT, 'cohort-c1', events));
    expect(cohort).toMatchObject({ _id: 'c1', tenantId: 'region', seats: 2, held: 0, free: 2, completed: 1, status: 'SCHEDULED', title: 'Цифровая школа' });
    const [half] = await rowsFrom(cohortRows, streamOf(REGION_TENANT, 'cohort-c1', events.slice(0, 3)));
    expect(half).toMatchObject({ held: 2, free: 0 });
  });

  it('one row per enrolment with its status, reason and certificate; a redelivery changes nothing', async () => {
    const envelopes = streamOf(REGION_TENANT, 'cohort-c1', events);
    const rows = await rowsFrom(enrolmentRows, [...envelopes, ...envelopes]);
    expect(rows).toEqual([
      expect.objectContaining({
        _id: 'n1',
        status: 'COMPLETED',
        appliedOn: '2026-09-15',
        statusOn: '2026-11-30',
        certificate: { number: 'ПК-1', hours: 72, issuedOn: '2026-11-30' },
      }),
      expect.objectContaining({
        _id: 'n2',
        status: 'REJECTED',
        appliedBy: 'COORDINATOR',
        reason: 'нет мест в расписании',
        tenantId: 'region',
        municipalityId: 'mun-a',
      }),
    ]);
  });
});

import { DirectoryContracts as D } from '@mms/contracts/events';
import { envelope, rowsFrom } from '@mms/testing';
import { educatorRows } from './educator.rows';

const placed = { careerStartDate: '2024-09-01', position: 'учитель', subjects: [], qualificationCategory: 'NONE' };
const dir = (type: string, tenantId: string, v: number, data: object) =>
  envelope({ type, data }, { tenantId, streamId: 'educator-e1', streamVersion: v, streamType: 'educator' });

describe('educator rows', () => {
  it('follow the directory: placement, a move within the municipality, a transfer; a stale municipality moves nothing', async () => {
    const rows = await rowsFrom(educatorRows, [
      dir(D.EducatorRegistered.type, 'mun-a', 1, { educatorId: 'e1', municipalityId: 'mun-a', organizationId: 's1', ...placed }),
      dir(D.EducatorMoved.type, 'mun-a', 2, { educatorId: 'e1', municipalityId: 'mun-a', fromOrganizationId: 's1', toOrganizationId: 's2' }),
      dir(D.EducatorLeftMunicipality.type, 'mun-a', 3, { educatorId: 'e1', municipalityId: 'mun-a', toMunicipalityId: 'mun-b' }),
      dir(D.EducatorJoinedMunicipality.type, 'mun-b', 1, {
        educatorId: 'e1',
        municipalityId: 'mun-b',
        organizationId: 's9',
        fromMunicipalityId: 'mun-a',
        ...placed,
      }),
      dir(D.EducatorMoved.type, 'mun-a', 4, { educatorId: 'e1', municipalityId: 'mun-a', fromOrganizationId: 's2', toOrganizationId: 's3' }),
    ]);
    expect(rows).toEqual([{ _id: 'e1', municipalityId: 'mun-b', organizationId: 's9', careerStartDate: '2024-09-01', active: true }]);
  });

  it('count completions from cohorts and from elsewhere (latest date wins), and the active mentor', async () => {
    const completed = (stream: string, on: string) =>
      envelope(
        { type: 'EnrolmentCompleted', data: { educatorId: 'e1', certificate: { number: 'x', hours: 1, issuedOn: on } } },
        { tenantId: 'region', streamId: stream, streamVersion: 5 },
      );
    const started = envelope(
      {
        type: 'MentorshipStarted',
        data: { mentorshipId: 'm~1', mentorId: 'm', menteeId: 'e1', municipalityId: 'mun-a', from: '2026-09-01', to: '2027-06-30', goals: ['g'] },
      },
      { tenantId: 'mun-a', streamId: 'mentor-m', streamVersion: 1 },
    );
    const ended = envelope(
      {
        type: 'MentorshipEnded',
        data: {
          mentorshipId: 'm~1',
          mentorId: 'm',
          menteeId: 'e1',
          municipalityId: 'mun-a',
          from: '2026-09-01',
          to: '2027-06-30',
          reason: 'r',
          on: '2026-12-01',
        },
      },
      { tenantId: 'mun-a', streamId: 'mentor-m', streamVersion: 2 },
    );
    const [row] = await rowsFrom(educatorRows, [completed('cohort-c2', '2026-05-01'), completed('cohort-c1', '2025-05-01'), started]);
    expect(row).toMatchObject({ lastCompletedOn: '2026-05-01', completedTrainings: 2, activeMentor: { mentorshipId: 'm~1', mentorId: 'm' } });
    const [after] = await rowsFrom(educatorRows, [started, ended]);
    expect(after!.activeMentor).toBeNull();
  });
});

import { envelope } from '@mms/testing';
import { as, codeOf, memoryDeps } from '../pd.in-memory';
import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import { routeHistory } from './development.history';
import * as h from './development.handlers';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const coordinatorA = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const operator = as('regional_operator');

const setup = () => {
  const m = memoryDeps();
  m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2025-09-01' });
  return m;
};

const lowResult = { educatorId: 'e1', area: 'DIGITAL' as const, score: 2, maxScore: 10, takenOn: '2026-09-01' };

describe('development handlers', () => {
  it('diagnostics by the school’s coordinator or the methodologist; not in the region’s future; another municipality refused', async () => {
    const { d } = setup();
    expect(await codeOf(h.recordDiagnosticResult(d, methodologistB, lowResult))).toBe('FORBIDDEN');
    expect(await codeOf(h.recordDiagnosticResult(d, coordinatorA, { ...lowResult, takenOn: '2026-09-16' }))).toBe('BAD_USER_INPUT');
    const e = await h.recordDiagnosticResult(d, coordinatorA, lowResult);
    expect(e.development).toMatchObject({ openDeficits: ['DIGITAL'] });
  });

  it('the route follows the educator: after a transfer the new methodologist edits the stream where it was opened', async () => {
    const m = setup();
    await h.recordDiagnosticResult(m.d, methodologistA, lowResult);
    const p = await createProgramme(m.d, operator, { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED', competences: ['DIGITAL'] });
    await publishProgramme(m.d, operator, p.id);
    m.project();
    const route = await h.proposeRoute(m.d, methodologistA, 'e1');
    expect(route.items.map((i) => i.kind)).toEqual(['PROGRAMME', 'COMMUNITY', 'MENTORING']);
    m.transfer({ educatorId: 'e1', from: 'mun-a', to: 'mun-b', organizationId: 'school-9' });
    expect(await codeOf(h.approveRoute(m.d, methodologistA, 'e1'))).toBe('FORBIDDEN');
    expect(await h.approveRoute(m.d, methodologistB, 'e1')).toMatchObject({ status: 'APPROVED', approvedOn: '2026-09-15' });
    expect(m.store.commits.filter((c) => c.streamId === 'development-e1').map((c) => c.tenantId)).toEqual(['mun-a', 'mun-a', 'mun-a']);
  });

  it('the route-closing reaction closes the programme item once; a redelivery writes nothing; no stream, nothing', async () => {
    const m = setup();
    await h.recordDiagnosticResult(m.d, methodologistA, lowResult);
    const p = await createProgramme(m.d, operator, { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED', competences: ['DIGITAL'] });
    await publishProgramme(m.d, operator, p.id);
    m.project();
    await h.proposeRoute(m.d, methodologistA, 'e1');
    const completed = envelope(
      {
        type: 'EnrolmentCompleted' as const,
        data: {
          enrolmentId: 'c1~n1',
          cohortId: 'c1',
          programmeId: 'other',
          programmeHours: 72,
          competences: ['DIGITAL' as const],
          educatorId: 'e1',
          municipalityId: 'mun-a',
          organizationId: 'school-1',
          certificate: { number: 'ПК-1', hours: 72, issuedOn: '2026-11-30' },
        },
      },
      { tenantId: 'region', streamId: 'cohort-c1', streamVersion: 4 },
    );
    await h.closeRouteItemsForCompletedProgramme(m.d, completed);
    expect(m.store.events.filter((e) => e.type === 'RouteItemDone')).toHaveLength(1);
    const mark = m.store.mark();
    await h.closeRouteItemsForCompletedProgramme(m.d, completed);
    await h.closeRouteItemsForCompletedProgramme(m.d, { ...completed, data: { ...completed.data, educatorId: 'nobody' } });
    expect(m.store.since(mark)).toEqual([]);
  });

  it('a training from elsewhere is dated by the region’s today; the same paper again changes nothing; the route’s history tells it', async () => {
    const { d, store } = setup();
    const paper = {
      educatorId: 'e1',
      title: 'Курс',
      provider: 'Академия',
      hours: 36,
      competences: ['DIGITAL' as const],
      certificateNumber: 'A-1',
      issuedOn: '2026-09-15',
    };
    expect(await codeOf(h.recordExternalTraining(d, as('teacher', { educatorId: 'e1', organizationId: 'school-1' }), paper))).toBe('FORBIDDEN');
    await h.recordExternalTraining(d, coordinatorA, paper);
    const mark = store.mark();
    await h.recordExternalTraining(d, coordinatorA, paper);
    expect(store.since(mark)).toEqual([]);
    const history = await routeHistory(d, methodologistA, { educatorId: 'e1' });
    expect(history).toEqual([
      expect.objectContaining({
        eventType: 'ExternalTrainingRecorded',
        what: 'Записано обучение вне каталога',
        actor: expect.objectContaining({ role: 'school_coordinator' }),
      }),
    ]);
    expect(await routeHistory(d, methodologistB, { educatorId: 'e1' })).toEqual([]);
  });
});

import { as, codeOf, memoryDeps } from '../pd.in-memory';
import { MAX_TRAININGS, recordExternalTrainings } from './external-training.lists';

const coordinatorA = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const paper = (educatorId: string, certificateNumber: string, more: Record<string, unknown> = {}) => ({
  educatorId,
  title: 'Курс',
  provider: 'Академия',
  hours: 36,
  competences: ['DIGITAL' as const],
  certificateNumber,
  issuedOn: '2026-09-15',
  ...more,
});

describe('recordExternalTrainings (a list of certificates)', () => {
  const setup = () => {
    const m = memoryDeps();
    m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2020-09-01' });
    m.place({ educatorId: 'e2', municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2020-09-01' });
    m.place({ educatorId: 'e9', municipalityId: 'mun-a', organizationId: 'school-9', careerStartDate: '2020-09-01' });
    return m;
  };

  it('records the good entries, one commit per educator, and answers each refused one in its place', async () => {
    const { d, store } = setup();
    const out = await recordExternalTrainings(d, coordinatorA, [
      paper('e1', 'A-1'),
      paper('e2', 'B-1'),
      paper('e1', 'A-2', { hours: 0 }), // bad input
      paper('e9', 'C-1'), // another school: not this coordinator's
      paper('nobody', 'D-1'),
      paper('e1', 'A-3'),
      paper('e1', 'A-1', { hours: 72 }), // the same certificate with other details
    ]);
    expect(out.map((o) => [o.index, o.training?.certificateNumber ?? null, o.error?.code ?? null, o.error?.fields ?? []])).toEqual([
      [0, 'A-1', null, []],
      [1, 'B-1', null, []],
      [2, null, 'BAD_USER_INPUT', ['input.2.hours']],
      [3, null, 'FORBIDDEN', []],
      [4, null, 'NOT_FOUND', ['input.4.educatorId']],
      [5, 'A-3', null, []],
      [6, null, 'CERTIFICATE_ALREADY_RECORDED', []],
    ]);
    expect(store.commits.map((c) => [c.streamId, c.events.length])).toEqual([
      ['development-e1', 2],
      ['development-e2', 1],
    ]);
  });

  it('the same list again records nothing and answers the same; 1 to 500 entries per call', async () => {
    const { d, store } = setup();
    const list = [paper('e1', 'A-1'), paper('e2', 'B-1')];
    await recordExternalTrainings(d, coordinatorA, list);
    const mark = store.mark();
    const again = await recordExternalTrainings(d, coordinatorA, list);
    expect(again.map((o) => o.training?.certificateNumber)).toEqual(['A-1', 'B-1']);
    expect(store.since(mark)).toEqual([]);
    expect(await codeOf(recordExternalTrainings(d, coordinatorA, []))).toBe('BAD_USER_INPUT');
    expect(
      await codeOf(
        recordExternalTrainings(
          d,
          coordinatorA,
          Array.from({ length: MAX_TRAININGS + 1 }, (_, i) => paper('e1', `X-${i}`)),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

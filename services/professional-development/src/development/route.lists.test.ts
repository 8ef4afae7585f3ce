import { createProgramme, publishProgramme } from '../catalogue/programme.handlers';
import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './development.handlers';
import { approveRoutes, MAX_ROUTES, proposeRoutes } from './route.lists';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const coordinatorA = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const operator = as('regional_operator');

const setup = async () => {
  const m = memoryDeps();
  for (const id of ['e1', 'e2', 'e3']) m.place({ educatorId: id, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2010-09-01' });
  m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-1', careerStartDate: '2010-09-01' });
  for (const educatorId of ['e1', 'e2'])
    await h.recordDiagnosticResult(m.d, methodologistA, { educatorId, area: 'DIGITAL', score: 2, maxScore: 10, takenOn: '2026-09-01' });
  const p = await createProgramme(m.d, operator, { title: 'Цифровая школа', provider: 'ЦНППМ', hours: 72, format: 'BLENDED', competences: ['DIGITAL'] });
  await publishProgramme(m.d, operator, p.id);
  m.project();
  return m;
};

const answers = (out: Awaited<ReturnType<typeof proposeRoutes>>) =>
  out.map((o) => [o.index, o.route?.status ?? null, o.error?.code ?? null, o.error?.fields ?? []]);

describe('proposeRoutes and approveRoutes (a methodologist after a diagnostics campaign)', () => {
  it('proposes each as proposeRoute would, one commit per educator; refused entries answered in their place', async () => {
    const { d, store } = await setup();
    const mark = store.mark();
    const out = await proposeRoutes(d, methodologistA, ['e1', 'b1', 'ghost', 'bad id!', 'e2']);
    expect(answers(out)).toEqual([
      [0, 'DRAFT', null, []],
      [1, null, 'FORBIDDEN', []], // another municipality's educator
      [2, null, 'NOT_FOUND', ['educatorIds.2']],
      [3, null, 'BAD_USER_INPUT', ['educatorIds.3']],
      [4, 'DRAFT', null, []],
    ]);
    // The same items as the single command proposes (the same ids: proposing again changes nothing).
    const single = await h.proposeRoute(d, methodologistA, 'e1');
    expect(out[0]!.route!.items).toEqual(single.items);
    expect(out[0]!.route!.items.map((i) => i.kind)).toEqual(['PROGRAMME', 'COMMUNITY']);
    expect(store.since(mark).map((e) => [e.streamId, e.type])).toEqual([
      ['development-e1', 'RouteProposed'],
      ['development-e2', 'RouteProposed'],
    ]);
  });

  it('approves each as approveRoute would; the same lists again write nothing; coordinators may not; 1 to 500 entries', async () => {
    const { d, store } = await setup();
    await proposeRoutes(d, methodologistA, ['e1', 'e2']);
    expect((await approveRoutes(d, coordinatorA, ['e1'])).map((o) => o.error?.code)).toEqual(['FORBIDDEN']);
    const out = await approveRoutes(d, methodologistA, ['e1', 'e2', 'e3']);
    expect(out.map((o) => [o.route?.status ?? null, o.route?.approvedOn ?? null, o.error?.code ?? null])).toEqual([
      ['APPROVED', '2026-09-15', null],
      ['APPROVED', '2026-09-15', null],
      [null, null, 'NOT_FOUND'], // no route to approve
    ]);
    const mark = store.mark();
    expect((await approveRoutes(d, methodologistA, ['e1', 'e2'])).map((o) => o.route?.status)).toEqual(['APPROVED', 'APPROVED']);
    expect((await proposeRoutes(d, methodologistA, ['e1'])).map((o) => o.error?.code)).toEqual(['ROUTE_APPROVED']);
    expect(store.since(mark)).toEqual([]);
    expect(await codeOf(approveRoutes(d, methodologistA, []))).toBe('BAD_USER_INPUT');
    expect(
      await codeOf(
        proposeRoutes(
          d,
          methodologistA,
          Array.from({ length: MAX_ROUTES + 1 }, () => 'e1'),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

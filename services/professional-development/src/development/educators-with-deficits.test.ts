import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './development.handlers';
import { educatorsWithDeficitsPage } from './development.queries';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const coordinatorA1 = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
const operator = as('regional_operator');

const result = (educatorId: string, area: 'DIGITAL' | 'ASSESSMENT', score: number) => ({ educatorId, area, score, maxScore: 10, takenOn: '2026-09-01' });

/** educatorsWithDeficitsPage: whom a methodologist proposes a route to (issue 10, the portal's routes page). */
describe('educators with open deficits', () => {
  const setup = async () => {
    const m = memoryDeps();
    m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1' });
    m.place({ educatorId: 'e2', municipalityId: 'mun-a', organizationId: 'school-2' });
    m.place({ educatorId: 'e3', municipalityId: 'mun-a', organizationId: 'school-1' });
    m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-9' });
    await h.recordDiagnosticResult(m.d, methodologistA, result('e1', 'DIGITAL', 2));
    await h.recordDiagnosticResult(m.d, methodologistA, result('e2', 'ASSESSMENT', 3));
    await h.recordDiagnosticResult(m.d, methodologistA, result('e3', 'DIGITAL', 9)); // no deficit
    await h.recordDiagnosticResult(m.d, as('municipal_methodologist', { municipalityId: 'mun-b' }), result('b1', 'DIGITAL', 1));
    m.project();
    return m;
  };

  it('lists the municipality’s educators with open deficits, by school then educator, with the route’s state; filters by area and route status', async () => {
    const m = await setup();
    const page = await educatorsWithDeficitsPage(m.d, methodologistA, {});
    expect(page.nodes).toEqual([
      { educatorId: 'e1', organizationId: 'school-1', municipalityId: 'mun-a', deficits: ['DIGITAL'], routeStatus: 'NONE', routeItems: 0 },
      { educatorId: 'e2', organizationId: 'school-2', municipalityId: 'mun-a', deficits: ['ASSESSMENT'], routeStatus: 'NONE', routeItems: 0 },
    ]);
    expect((await educatorsWithDeficitsPage(m.d, methodologistA, { competence: 'ASSESSMENT' })).nodes.map((n) => n.educatorId)).toEqual(['e2']);
    await h.proposeRoute(m.d, methodologistA, 'e1');
    m.project();
    const drafts = await educatorsWithDeficitsPage(m.d, methodologistA, { routeStatus: 'DRAFT' });
    expect(drafts.nodes).toMatchObject([{ educatorId: 'e1', routeStatus: 'DRAFT' }]);
    expect(drafts.nodes[0]!.routeItems).toBeGreaterThan(0);
  });

  it('pages by its cursor; a coordinator sees their school; another municipality is refused; the operator sees the region', async () => {
    const m = await setup();
    const first = await educatorsWithDeficitsPage(m.d, methodologistA, { first: 1 });
    expect(first.nodes.map((n) => n.educatorId)).toEqual(['e1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await educatorsWithDeficitsPage(m.d, methodologistA, { first: 1, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.educatorId)).toEqual(['e2']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await educatorsWithDeficitsPage(m.d, coordinatorA1, {})).nodes.map((n) => n.educatorId)).toEqual(['e1']);
    expect(await codeOf(educatorsWithDeficitsPage(m.d, methodologistA, { municipalityId: 'mun-b' }))).toBe('FORBIDDEN');
    expect((await educatorsWithDeficitsPage(m.d, operator, {})).nodes.map((n) => n.educatorId).sort()).toEqual(['b1', 'e1', 'e2']);
    m.leave('e2', 'mun-a');
    expect((await educatorsWithDeficitsPage(m.d, methodologistA, {})).nodes.map((n) => n.educatorId)).toEqual(['e1']);
  });
});

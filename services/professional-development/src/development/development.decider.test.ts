import { deciderSpec } from '@mms/testing';
import { DomainError, NotFoundError, fold } from '@mms/eventsourcing/core';
import { DEFICIT_THRESHOLD, developmentDecider, DevelopmentCommand, DevelopmentEvent, isDeficit, routeProgress } from './development.decider';
import { NewRouteItem, RouteItem } from './route-item';

const spec = deciderSpec(developmentDecider);
const educatorId = 'e1';

type RecordCmd = Extract<DevelopmentCommand, { type: 'RecordDiagnosticResult' }>;
const record = (over: Partial<RecordCmd> = {}): RecordCmd => ({
  type: 'RecordDiagnosticResult',
  educatorId,
  resultId: 'r1',
  area: 'DIGITAL',
  score: 5,
  maxScore: 10,
  takenOn: '2025-10-01',
  source: 'MANUAL',
  ...over,
});
const recorded = (over: Partial<RecordCmd> = {}): DevelopmentEvent => {
  const { type: _t, ...data } = record(over);
  return { type: 'DiagnosticResultRecorded', data };
};
const identified = (area: 'DIGITAL' | 'SUBJECT', resultId: string, open: Array<'DIGITAL' | 'SUBJECT'>): DevelopmentEvent => ({
  type: 'DeficitIdentified',
  data: { educatorId, area, resultId, open },
});
const resolved = (area: 'DIGITAL' | 'SUBJECT', resultId: string, open: Array<'DIGITAL' | 'SUBJECT'>): DevelopmentEvent => ({
  type: 'DeficitResolved',
  data: { educatorId, area, resultId, open },
});

describe('diagnostics', () => {
  it('a result below the threshold records it and opens a deficit', () => {
    spec
      .given([])
      .when(record())
      .then([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])]);
  });

  it('the threshold itself is not a deficit', () => {
    expect(DEFICIT_THRESHOLD).toBe(0.6);
    expect(isDeficit(6, 10)).toBe(false);
    expect(isDeficit(5.99, 10)).toBe(true);
    expect(isDeficit(1.8, 3)).toBe(false);
    spec
      .given([])
      .when(record({ score: 6 }))
      .then([recorded({ score: 6 })]);
  });

  it('a repeated resultId is a no-op, whatever it carries', () => {
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ score: 10 }))
      .then([]);
  });

  it('does not identify a deficit that is already open', () => {
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ resultId: 'r2', score: 2, takenOn: '2025-11-01' }))
      .then([recorded({ resultId: 'r2', score: 2, takenOn: '2025-11-01' })]);
  });

  it('a later result at or above the threshold resolves an open deficit', () => {
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ resultId: 'r2', score: 6, takenOn: '2026-03-01' }))
      .then([recorded({ resultId: 'r2', score: 6, takenOn: '2026-03-01' }), resolved('DIGITAL', 'r2', [])]);
  });

  it('an older result entered late is recorded but does not decide the area', () => {
    const good = recorded({ resultId: 'r2', score: 9, takenOn: '2026-03-01' });
    spec
      .given([good])
      .when(record({ resultId: 'r1', score: 1, takenOn: '2025-01-01' }))
      .then([recorded({ resultId: 'r1', score: 1, takenOn: '2025-01-01' })]);
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ resultId: 'r0', score: 10, takenOn: '2024-01-01' }))
      .then([recorded({ resultId: 'r0', score: 10, takenOn: '2024-01-01' })]);
  });

  it('on the same day the result recorded later decides', () => {
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ resultId: 'r2', score: 8 }))
      .then([recorded({ resultId: 'r2', score: 8 }), resolved('DIGITAL', 'r2', [])]);
  });

  it('areas are independent; the open set is published in the fixed area order', () => {
    spec
      .given([recorded(), identified('DIGITAL', 'r1', ['DIGITAL'])])
      .when(record({ resultId: 'r2', area: 'SUBJECT', score: 1 }))
      .then([recorded({ resultId: 'r2', area: 'SUBJECT', score: 1 }), identified('SUBJECT', 'r2', ['SUBJECT', 'DIGITAL'])]);
    spec
      .given([
        recorded(),
        identified('DIGITAL', 'r1', ['DIGITAL']),
        recorded({ resultId: 'r2', area: 'SUBJECT', score: 1 }),
        identified('SUBJECT', 'r2', ['SUBJECT', 'DIGITAL']),
      ])
      .when(record({ resultId: 'r3', area: 'SUBJECT', score: 10, takenOn: '2026-01-01' }))
      .then([recorded({ resultId: 'r3', area: 'SUBJECT', score: 10, takenOn: '2026-01-01' }), resolved('SUBJECT', 'r3', ['DIGITAL'])]);
  });

  it('keeps the import id of imported results', () => {
    const cmd = record({ resultId: 'i1:2', source: 'IMPORT', importId: 'i1', score: 9 });
    spec
      .given([])
      .when(cmd)
      .then([recorded({ resultId: 'i1:2', source: 'IMPORT', importId: 'i1', score: 9 })]);
  });

  it('records a batch (one educator’s import rows) as if one by one, in one decision', () => {
    const row = (line: number, over: Partial<RecordCmd>) => {
      const { type: _t, educatorId: _e, ...result } = record({ resultId: `i1:${line}`, source: 'IMPORT', importId: 'i1', ...over });
      return result;
    };
    const batch: DevelopmentCommand = {
      type: 'RecordDiagnosticResults',
      educatorId,
      results: [row(2, { score: 2 }), row(3, { area: 'SUBJECT', score: 9 }), row(4, { score: 8, takenOn: '2025-12-01' })],
    };
    const asRecorded = (line: number, over: Partial<RecordCmd>) => recorded({ resultId: `i1:${line}`, source: 'IMPORT', importId: 'i1', ...over });
    spec
      .given([])
      .when(batch)
      .then([
        asRecorded(2, { score: 2 }),
        identified('DIGITAL', 'i1:2', ['DIGITAL']),
        asRecorded(3, { area: 'SUBJECT', score: 9 }),
        asRecorded(4, { score: 8, takenOn: '2025-12-01' }),
        resolved('DIGITAL', 'i1:4', []),
      ]);
    // A re-run of the same import adds nothing.
    const first = developmentDecider.decide(batch, developmentDecider.initialState());
    spec.given(first).when(batch).then([]);
  });

  it('a batch with one impossible result is refused whole', () => {
    const { type: _t, educatorId: _e, ...good } = record({ resultId: 'i1:2' });
    const { type: _t2, educatorId: _e2, ...bad } = record({ resultId: 'i1:3', score: 11 });
    spec
      .given([])
      .when({ type: 'RecordDiagnosticResults', educatorId, results: [good, bad] })
      .thenThrows(DomainError, 'INVALID_SCORE');
  });

  it('refuses impossible results', () => {
    spec
      .given([])
      .when(record({ score: 11 }))
      .thenThrows(DomainError, 'INVALID_SCORE');
    spec
      .given([])
      .when(record({ score: -1 }))
      .thenThrows(DomainError, 'INVALID_SCORE');
    spec
      .given([])
      .when(record({ score: 0, maxScore: 0 }))
      .thenThrows(DomainError, 'INVALID_SCORE');
    spec
      .given([])
      .when(record({ score: Number.NaN }))
      .thenThrows(DomainError, 'INVALID_SCORE');
    spec
      .given([])
      .when(record({ takenOn: '2025-02-30' }))
      .thenThrows(DomainError, 'INVALID_DATE');
    spec
      .given([])
      .when(record({ area: 'COOKING' as never }))
      .thenThrows(DomainError, 'UNKNOWN_COMPETENCE');
  });
});

const programmeItem: NewRouteItem = { itemId: 'i-p', kind: 'PROGRAMME', competence: 'DIGITAL', title: 'Цифровая школа', programmeId: 'p1' };
const communityItem: NewRouteItem = { itemId: 'i-c', kind: 'COMMUNITY', competence: 'DIGITAL', title: 'МО: цифровые компетенции' };
const mentoringItem: NewRouteItem = { itemId: 'i-m', kind: 'MENTORING', competence: null, title: 'Работа с наставником' };
const open = (i: NewRouteItem): RouteItem => ({ ...i, status: 'OPEN' });

const proposed: DevelopmentEvent = { type: 'RouteProposed', data: { educatorId, items: [open(programmeItem), open(communityItem)] } };
const approved: DevelopmentEvent = { type: 'RouteApproved', data: { educatorId, approvedBy: 'methodist-1', on: '2025-10-10' } };
const returned: DevelopmentEvent = { type: 'RouteReturnedToDraft', data: { educatorId } };
const done = (itemId: string): DevelopmentEvent => ({ type: 'RouteItemDone', data: { educatorId, itemId, on: '2025-12-01', how: 'MANUAL' } });

describe('route: proposal', () => {
  it('creates a draft route from the proposed items', () => {
    spec
      .given([])
      .when({ type: 'ProposeRoute', educatorId, items: [programmeItem, communityItem] })
      .then([proposed]);
    expect(routeProgress(fold(developmentDecider, [proposed]))).toEqual({ status: 'DRAFT', items: 2, done: 0 });
  });

  it('replaces a draft, and proposing the same route again changes nothing', () => {
    spec
      .given([proposed])
      .when({ type: 'ProposeRoute', educatorId, items: [mentoringItem] })
      .then([{ type: 'RouteProposed', data: { educatorId, items: [open(mentoringItem)] } }]);
    spec
      .given([proposed])
      .when({ type: 'ProposeRoute', educatorId, items: [programmeItem, communityItem] })
      .then([]);
  });

  it('keeps the work already done when a draft is replaced', () => {
    spec
      .given([proposed, approved, done('i-c'), returned])
      .when({ type: 'ProposeRoute', educatorId, items: [communityItem, mentoringItem] })
      .then([{ type: 'RouteProposed', data: { educatorId, items: [{ ...communityItem, status: 'DONE' }, open(mentoringItem)] } }]);
  });

  it('refuses to replace an approved route', () => {
    spec
      .given([proposed, approved])
      .when({ type: 'ProposeRoute', educatorId, items: [mentoringItem] })
      .thenThrows(DomainError, 'ROUTE_APPROVED');
  });

  it('refuses an empty proposal, duplicate ids and malformed items', () => {
    spec.given([]).when({ type: 'ProposeRoute', educatorId, items: [] }).thenThrows(DomainError, 'ROUTE_EMPTY');
    spec
      .given([])
      .when({ type: 'ProposeRoute', educatorId, items: [communityItem, communityItem] })
      .thenThrows(DomainError, 'ROUTE_ITEM_EXISTS');
    const bad: NewRouteItem[] = [
      { ...programmeItem, programmeId: undefined },
      { ...communityItem, programmeId: 'p1' },
      { ...communityItem, title: '  ' },
      { ...communityItem, dueBy: '01.12.2025' },
      { ...communityItem, competence: 'COOKING' as never },
      { ...communityItem, kind: 'WALKING' as never },
    ];
    for (const item of bad)
      spec
        .given([])
        .when({ type: 'ProposeRoute', educatorId, items: [item] })
        .thenThrows(DomainError, 'INVALID_ROUTE_ITEM');
  });
});

describe('route: editing', () => {
  it('adds an item (starting a draft when there is no route); the same item again is a no-op', () => {
    const added: DevelopmentEvent = { type: 'RouteItemAdded', data: { educatorId, item: mentoringItem } };
    spec.given([]).when({ type: 'AddRouteItem', educatorId, item: mentoringItem }).then([added]);
    expect(routeProgress(fold(developmentDecider, [added]))).toEqual({ status: 'DRAFT', items: 1, done: 0 });
    spec.given([proposed]).when({ type: 'AddRouteItem', educatorId, item: programmeItem }).then([]);
    spec
      .given([proposed])
      .when({ type: 'AddRouteItem', educatorId, item: { ...programmeItem, title: 'другое' } })
      .thenThrows(DomainError, 'ROUTE_ITEM_EXISTS');
  });

  it('changes an item only when something changed', () => {
    const changed = { ...communityItem, dueBy: '2026-05-31' };
    spec
      .given([proposed])
      .when({ type: 'ChangeRouteItem', educatorId, item: changed })
      .then([{ type: 'RouteItemChanged', data: { educatorId, item: changed } }]);
    spec.given([proposed]).when({ type: 'ChangeRouteItem', educatorId, item: communityItem }).then([]);
    const state = fold(developmentDecider, [proposed, { type: 'RouteItemChanged', data: { educatorId, item: changed } }]);
    expect(state.route.items[1]).toEqual({ ...changed, status: 'OPEN' });
  });

  it('removes an item', () => {
    spec
      .given([proposed])
      .when({ type: 'RemoveRouteItem', educatorId, itemId: 'i-c' })
      .then([{ type: 'RouteItemRemoved', data: { educatorId, itemId: 'i-c' } }]);
  });

  it('a change to an approved route returns it to draft first', () => {
    spec
      .given([proposed, approved])
      .when({ type: 'AddRouteItem', educatorId, item: mentoringItem })
      .then([returned, { type: 'RouteItemAdded', data: { educatorId, item: mentoringItem } }]);
    spec
      .given([proposed, approved])
      .when({ type: 'ChangeRouteItem', educatorId, item: { ...communityItem, title: 'МО учителей информатики' } })
      .then([returned, { type: 'RouteItemChanged', data: { educatorId, item: { ...communityItem, title: 'МО учителей информатики' } } }]);
    spec
      .given([proposed, approved])
      .when({ type: 'RemoveRouteItem', educatorId, itemId: 'i-p' })
      .then([returned, { type: 'RouteItemRemoved', data: { educatorId, itemId: 'i-p' } }]);
    const after = fold(developmentDecider, [proposed, approved, returned, { type: 'RouteItemRemoved', data: { educatorId, itemId: 'i-p' } }]);
    expect(routeProgress(after)).toEqual({ status: 'DRAFT', items: 1, done: 0 });
  });

  it('an unchanged item does not return an approved route to draft', () => {
    spec.given([proposed, approved]).when({ type: 'ChangeRouteItem', educatorId, item: communityItem }).then([]);
    spec.given([proposed, approved]).when({ type: 'AddRouteItem', educatorId, item: communityItem }).then([]);
  });

  it('refuses to edit a missing or done item', () => {
    spec.given([proposed]).when({ type: 'RemoveRouteItem', educatorId, itemId: 'nope' }).thenThrows(NotFoundError);
    spec.given([proposed]).when({ type: 'ChangeRouteItem', educatorId, item: mentoringItem }).thenThrows(NotFoundError);
    spec
      .given([proposed, done('i-c')])
      .when({ type: 'RemoveRouteItem', educatorId, itemId: 'i-c' })
      .thenThrows(DomainError, 'ROUTE_ITEM_DONE');
    spec
      .given([proposed, done('i-c')])
      .when({ type: 'ChangeRouteItem', educatorId, item: { ...communityItem, title: 'x' } })
      .thenThrows(DomainError, 'ROUTE_ITEM_DONE');
  });
});

describe('route: approval', () => {
  const approve = { type: 'ApproveRoute' as const, educatorId, approvedBy: 'methodist-1', on: '2025-10-10' };

  it('the methodologist approves a route with items; approving again is a no-op', () => {
    spec.given([proposed]).when(approve).then([approved]);
    spec.given([proposed, approved]).when(approve).then([]);
    expect(routeProgress(fold(developmentDecider, [proposed, approved])).status).toBe('APPROVED');
  });

  it('refuses an empty route, a missing route and a bad date', () => {
    spec
      .given([proposed, { type: 'RouteItemRemoved', data: { educatorId, itemId: 'i-p' } }, { type: 'RouteItemRemoved', data: { educatorId, itemId: 'i-c' } }])
      .when(approve)
      .thenThrows(DomainError, 'ROUTE_EMPTY');
    spec.given([]).when(approve).thenThrows(NotFoundError);
    spec
      .given([proposed])
      .when({ ...approve, on: 'yesterday' })
      .thenThrows(DomainError, 'INVALID_DATE');
  });
});

describe('route: progress', () => {
  it('marks an item done by hand, once, without touching the approval', () => {
    const mark = { type: 'MarkRouteItemDone' as const, educatorId, itemId: 'i-c', on: '2025-12-01', how: 'MANUAL' as const };
    spec
      .given([proposed, approved])
      .when(mark)
      .then([done('i-c')]);
    spec
      .given([proposed, approved, done('i-c')])
      .when(mark)
      .then([]);
    expect(routeProgress(fold(developmentDecider, [proposed, approved, done('i-c')]))).toEqual({ status: 'APPROVED', items: 2, done: 1 });
    spec
      .given([proposed])
      .when({ ...mark, itemId: 'nope' })
      .thenThrows(NotFoundError);
    spec
      .given([proposed])
      .when({ ...mark, on: '2025-13-01' })
      .thenThrows(DomainError, 'INVALID_DATE');
  });

  const completed = (programmeId: string, competences: Array<'DIGITAL' | 'SUBJECT'>) => ({
    type: 'CloseRouteItemsForCompletedProgramme' as const,
    educatorId,
    programmeId,
    competences,
    enrolmentId: 'en1',
    on: '2026-02-01',
  });
  const closedBy = (itemId: string, programmeId: string): DevelopmentEvent => ({
    type: 'RouteItemDone',
    data: { educatorId, itemId, on: '2026-02-01', how: 'PROGRAMME_COMPLETED', programmeId, enrolmentId: 'en1' },
  });

  it('completing the programme of an item closes it', () => {
    spec
      .given([proposed, approved])
      .when(completed('p1', ['SUBJECT']))
      .then([closedBy('i-p', 'p1')]);
  });

  it('completing another programme for the same competence closes it too, only programme items', () => {
    const subjectItem: NewRouteItem = { itemId: 'i-s', kind: 'PROGRAMME', competence: 'SUBJECT', title: 'Предмет', programmeId: 'p3' };
    spec
      .given([proposed, { type: 'RouteItemAdded', data: { educatorId, item: subjectItem } }])
      .when(completed('p2', ['DIGITAL', 'SUBJECT']))
      .then([closedBy('i-p', 'p2'), closedBy('i-s', 'p2')]);
  });

  it('nothing to close, or already closed (a redelivered completion), emits nothing', () => {
    spec
      .given([proposed])
      .when(completed('p9', ['SUBJECT']))
      .then([]);
    spec
      .given([proposed, closedBy('i-p', 'p1')])
      .when(completed('p1', ['DIGITAL']))
      .then([]);
    spec
      .given([])
      .when(completed('p1', ['DIGITAL']))
      .then([]);
  });
});

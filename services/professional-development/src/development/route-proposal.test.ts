import { ProgrammeOption, proposeRouteItems, RouteProposalInput } from './route-proposal';

const idFor = (key: string) => `id(${key})`;
const input = (over: Partial<RouteProposalInput> = {}): RouteProposalInput => ({
  openDeficits: [],
  programmes: [],
  youngTeacher: false,
  hasActiveMentor: false,
  idFor,
  ...over,
});
const programme = (over: Partial<ProgrammeOption> & { programmeId: string }): ProgrammeOption => ({
  title: over.programmeId,
  competences: ['DIGITAL'],
  hasOpenCohortWithSeats: false,
  ...over,
});

describe('proposeRouteItems', () => {
  it('nothing open and no mentoring need: an empty route', () => {
    expect(proposeRouteItems(input())).toEqual([]);
  });

  it('per deficit: the programme targeting it and the methodological association', () => {
    const items = proposeRouteItems(input({ openDeficits: ['DIGITAL'], programmes: [programme({ programmeId: 'p1', title: 'Цифровая школа' })] }));
    expect(items).toEqual([
      { itemId: 'id(PROGRAMME:DIGITAL:p1)', kind: 'PROGRAMME', competence: 'DIGITAL', title: 'Цифровая школа', programmeId: 'p1' },
      {
        itemId: 'id(COMMUNITY:DIGITAL)',
        kind: 'COMMUNITY',
        competence: 'DIGITAL',
        title: 'Участие в работе методического объединения: цифровые компетенции',
      },
    ]);
  });

  it('self-study when no programme targets the deficit', () => {
    const items = proposeRouteItems(input({ openDeficits: ['INCLUSIVE'], programmes: [programme({ programmeId: 'p1' })] }));
    expect(items.map((i) => [i.kind, i.itemId, i.title])).toEqual([
      ['SELF_STUDY', 'id(SELF_STUDY:INCLUSIVE)', 'Самостоятельное изучение: инклюзивное образование'],
      ['COMMUNITY', 'id(COMMUNITY:INCLUSIVE)', 'Участие в работе методического объединения: инклюзивное образование'],
    ]);
  });

  it('prefers a programme with an open cohort with seats, then the earliest start, then the title', () => {
    const best = (programmes: ProgrammeOption[]) => proposeRouteItems(input({ openDeficits: ['DIGITAL'], programmes }))[0]?.programmeId;
    expect(
      best([
        programme({ programmeId: 'soon', nextCohortStart: '2025-09-01' }),
        programme({ programmeId: 'seats', hasOpenCohortWithSeats: true, nextCohortStart: '2026-01-01' }),
      ]),
    ).toBe('seats');
    expect(
      best([
        programme({ programmeId: 'undated' }),
        programme({ programmeId: 'later', nextCohortStart: '2026-01-01' }),
        programme({ programmeId: 'sooner', nextCohortStart: '2025-11-01' }),
      ]),
    ).toBe('sooner');
    expect(best([programme({ programmeId: 'b', title: 'Б-программа' }), programme({ programmeId: 'a', title: 'А-программа' })])).toBe('a');
  });

  it('one mentoring item for a young teacher without a mentor, and only then', () => {
    const mentoring = { itemId: 'id(MENTORING)', kind: 'MENTORING', competence: null, title: 'Работа с наставником' };
    expect(proposeRouteItems(input({ youngTeacher: true }))).toEqual([mentoring]);
    expect(proposeRouteItems(input({ youngTeacher: true, hasActiveMentor: true }))).toEqual([]);
    expect(proposeRouteItems(input({ youngTeacher: false }))).toEqual([]);
    const withDeficits = proposeRouteItems(input({ youngTeacher: true, openDeficits: ['SUBJECT', 'DIGITAL'] }));
    expect(withDeficits.filter((i) => i.kind === 'MENTORING')).toHaveLength(1);
    expect(withDeficits.at(-1)).toEqual(mentoring);
  });

  it('is deterministic: the order of the input does not matter', () => {
    const programmes = [programme({ programmeId: 'p1', competences: ['DIGITAL'] }), programme({ programmeId: 'p2', competences: ['SUBJECT'] })];
    const a = proposeRouteItems(input({ openDeficits: ['DIGITAL', 'SUBJECT'], programmes }));
    const b = proposeRouteItems(input({ openDeficits: ['SUBJECT', 'DIGITAL', 'SUBJECT'], programmes: [...programmes].reverse() }));
    expect(a).toEqual(b);
    // Fixed area order: SUBJECT comes before DIGITAL.
    expect(a.map((i) => i.itemId)).toEqual(['id(PROGRAMME:SUBJECT:p2)', 'id(COMMUNITY:SUBJECT)', 'id(PROGRAMME:DIGITAL:p1)', 'id(COMMUNITY:DIGITAL)']);
  });

  it('a programme covering several deficits is proposed once', () => {
    const items = proposeRouteItems(
      input({ openDeficits: ['DIGITAL', 'ASSESSMENT'], programmes: [programme({ programmeId: 'p1', competences: ['DIGITAL', 'ASSESSMENT'] })] }),
    );
    expect(items.map((i) => i.itemId)).toEqual(['id(PROGRAMME:DIGITAL:p1)', 'id(COMMUNITY:DIGITAL)', 'id(COMMUNITY:ASSESSMENT)']);
  });
});

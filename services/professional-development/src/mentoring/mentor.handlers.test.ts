import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './mentor.handlers';
import * as q from './mentor.queries';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const period = { from: '2026-09-01', to: '2027-06-30', goals: ['освоить ФГОС'] };

const setup = () => {
  const m = memoryDeps();
  for (const id of ['mentor', 'mentor2', 'young']) m.place({ educatorId: id, municipalityId: 'mun-a', organizationId: 'school-1' });
  return m;
};

describe('mentoring handlers', () => {
  it('the methodologist of the municipality where both work pairs them; another municipality’s is refused', async () => {
    const { d } = setup();
    expect(await codeOf(h.startMentorship(d, methodologistB, { mentorId: 'mentor', menteeId: 'young', ...period }))).toBe('FORBIDDEN');
    expect(await h.startMentorship(d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period })).toMatchObject({
      status: 'ACTIVE',
      tenantId: 'mun-a',
    });
  });

  it('one code for a bad period and for self-mentoring: the decider’s', async () => {
    const { d, store } = setup();
    const mark = store.mark();
    expect(await codeOf(h.startMentorship(d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period, from: '2027-09-01' }))).toBe('INVALID_PERIOD');
    expect(await codeOf(h.startMentorship(d, methodologistA, { mentorId: 'mentor', menteeId: 'mentor', ...period }))).toBe('SELF_MENTORING');
    expect(await codeOf(h.startMentorship(d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period, from: '1 Sep' }))).toBe('BAD_USER_INPUT');
    expect(store.since(mark)).toEqual([]);
  });

  it('a mentee paired with another mentor (the educators read model) is refused by the decider', async () => {
    const m = setup();
    await h.startMentorship(m.d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period });
    m.project();
    expect(await codeOf(h.startMentorship(m.d, methodologistA, { mentorId: 'mentor2', menteeId: 'young', ...period }))).toBe('MENTEE_ALREADY_PAIRED');
  });

  it('after the mentee’s transfer, the new municipality’s methodologist changes the pair in the mentor’s stream where it lives', async () => {
    const m = setup();
    const pair = await h.startMentorship(m.d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period });
    m.transfer({ educatorId: 'young', from: 'mun-a', to: 'mun-b', organizationId: 'school-9' });
    m.project();
    expect(await codeOf(h.updateMentorshipGoals(m.d, methodologistA, { mentorshipId: pair.id, goals: ['новая цель'] }))).toBe('FORBIDDEN');
    expect(await h.updateMentorshipGoals(m.d, methodologistB, { mentorshipId: pair.id, goals: ['новая цель'] })).toMatchObject({
      tenantId: 'mun-a',
      goals: ['новая цель'],
    });
    expect(await codeOf(h.endMentorship(m.d, methodologistB, { mentorshipId: 'mentor~unknown', reason: 'r' }))).toBe('NOT_FOUND');
  });

  it('lists scope inside the query: another municipality’s methodologist and coordinator see nothing', async () => {
    const m = setup();
    await h.startMentorship(m.d, methodologistA, { mentorId: 'mentor', menteeId: 'young', ...period });
    m.project();
    expect(await q.mentorships(m.d, methodologistA)).toHaveLength(1);
    expect(await q.mentorships(m.d, methodologistB)).toHaveLength(0);
    expect(await q.mentorships(m.d, as('school_coordinator', { municipalityId: 'mun-b', organizationId: 'school-1' }))).toHaveLength(0);
    expect(await q.mentorships(m.d, as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' }))).toHaveLength(1);
    expect(await q.mentorships(m.d, as('teacher', { educatorId: 'young', organizationId: 'school-1' }))).toHaveLength(1);
  });
});

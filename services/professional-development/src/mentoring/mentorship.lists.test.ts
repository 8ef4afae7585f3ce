import { as, codeOf, memoryDeps } from '../pd.in-memory';
import { MAX_PAIRS, startMentorships } from './mentorship.lists';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const period = { from: '2026-09-01', to: '2027-06-30', goals: ['освоить ФГОС'] };
const pair = (mentorId: string, menteeId: string, more: Record<string, unknown> = {}) => ({ mentorId, menteeId, ...period, ...more });

const setup = () => {
  const m = memoryDeps();
  for (const id of ['mentor', 'mentor2', 'y1', 'y2', 'y3', 'y4', 'y5']) m.place({ educatorId: id, municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-1' });
  return m;
};

describe('startMentorships (a methodologist’s order for the year)', () => {
  it('pairs each as startMentorship would, a mentor’s pairs in one commit and counted against their load in order', async () => {
    const { d, store } = setup();
    const mark = store.mark();
    const out = await startMentorships(d, methodologistA, [
      pair('mentor', 'y1'),
      pair('mentor', 'y2'),
      pair('mentor2', 'y1'), // y1 is paired earlier in this list
      pair('mentor', 'y3'),
      pair('mentor', 'y4'), // a fourth mentee: over the load
      pair('mentor2', 'b1'), // another municipality's mentee
      pair('mentor2', 'mentor2'),
      pair('mentor2', 'y5', { from: '1 Sep', goals: [] }),
      pair('mentor2', 'ghost'),
      pair('mentor2', 'y5'),
    ]);
    expect(out.map((o) => [o.index, o.mentorship?.menteeId ?? null, o.error?.code ?? null, o.error?.fields ?? []])).toEqual([
      [0, 'y1', null, []],
      [1, 'y2', null, []],
      [2, null, 'MENTEE_ALREADY_PAIRED', ['input.2.menteeId']],
      [3, 'y3', null, []],
      [4, null, 'MENTOR_LOAD_EXCEEDED', []],
      [5, null, 'FORBIDDEN', []],
      [6, null, 'SELF_MENTORING', ['input.6.menteeId']],
      [7, null, 'BAD_USER_INPUT', ['input.7.from', 'input.7.goals']],
      [8, null, 'NOT_FOUND', ['input.8.menteeId']],
      [9, 'y5', null, []],
    ]);
    expect(store.commits.slice(-2).map((c) => [c.streamId, c.events.length])).toEqual([
      ['mentor-mentor', 3],
      ['mentor-mentor2', 1],
    ]);
    expect(store.since(mark)).toHaveLength(4);
  });

  it('the same list again pairs nothing twice; 1 to 500 entries', async () => {
    const m = setup();
    await startMentorships(m.d, methodologistA, [pair('mentor', 'y1')]);
    m.project();
    const mark = m.store.mark();
    expect((await startMentorships(m.d, methodologistA, [pair('mentor', 'y1')])).map((o) => o.error?.code)).toEqual(['MENTEE_ALREADY_PAIRED']);
    expect(m.store.since(mark)).toEqual([]);
    expect(await codeOf(startMentorships(m.d, methodologistA, []))).toBe('BAD_USER_INPUT');
    expect(
      await codeOf(
        startMentorships(
          m.d,
          methodologistA,
          Array.from({ length: MAX_PAIRS + 1 }, () => pair('mentor', 'y1')),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

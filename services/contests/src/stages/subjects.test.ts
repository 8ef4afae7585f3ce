import { isVsoshSubject, olympiadSubjects } from './subjects';

describe('the ВсОШ subjects', () => {
  it('lists the 24 subjects by code and Russian name, in the name’s order', () => {
    const list = olympiadSubjects();
    expect(list).toHaveLength(24);
    expect(list[0]).toEqual({ code: 'ENGLISH', title: 'Английский язык' });
    expect(list.at(-1)).toEqual({ code: 'ECONOMICS', title: 'Экономика' });
    expect(list.map((s) => s.title)).toEqual([...list.map((s) => s.title)].sort((a, b) => a.localeCompare(b, 'ru')));
    expect(list.every((s) => isVsoshSubject(s.code))).toBe(true);
  });
});

import { birthDateOf, nameParts, parseClassList, studentChanges } from './students-helpers';

describe('students page helpers', () => {
  it('splits a line of a class list into name parts; the patronymic takes the rest', () => {
    expect(nameParts('Иванова Мария Петровна')).toEqual({ surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' });
    expect(nameParts('Ли Вэй')).toEqual({ surname: 'Ли', name: 'Вэй', patronymic: '' });
    expect(nameParts('Алиев Рашид Али оглы')).toEqual({ surname: 'Алиев', name: 'Рашид', patronymic: 'Али оглы' });
    expect(nameParts(null)).toEqual({ surname: '', name: '', patronymic: '' });
  });

  it('sends only what changed, from the record’s own name parts', () => {
    const before = { surname: 'Иванова', name: 'Мария', patronymic: 'Петровна', birthDate: '2012-03-04', grade: 7 };
    expect(studentChanges(before, { surname: 'Иванова', name: 'Мария', patronymic: 'Петровна', birthDate: '2012-03-04', grade: 7 })).toBeNull();
    expect(studentChanges(before, { surname: 'Петрова ', name: 'Мария', patronymic: 'Петровна', birthDate: '2012-03-04', grade: 8 })).toEqual({
      surname: 'Петрова',
      grade: 8,
    });
    // A two-word surname stays one part: nothing is re-split.
    const double = { surname: 'Мамин-Сибиряк Ли', name: 'Анна', patronymic: null, birthDate: null, grade: 5 };
    expect(studentChanges(double, { surname: 'Мамин-Сибиряк Ли', name: 'Анна', patronymic: '', birthDate: '', grade: 5 })).toBeNull();
    // An erased student: only the grade may change.
    const erased = { surname: null, name: null, patronymic: null, birthDate: null, grade: 7 };
    expect(studentChanges(erased, { surname: 'X', name: 'Y', patronymic: '', birthDate: '', grade: 8 })).toEqual({ grade: 8 });
  });

  it('reads birth dates as typed, refusing days that do not exist', () => {
    expect(birthDateOf('04.03.2012')).toBe('2012-03-04');
    expect(birthDateOf('4.3.2012')).toBe('2012-03-04');
    expect(birthDateOf('2012-03-04')).toBe('2012-03-04');
    expect(birthDateOf('31.02.2012')).toBeNull();
    expect(birthDateOf('весной')).toBeNull();
  });

  it('reads a pasted class list: names, optional dates, problems by line', () => {
    const list = parseClassList('\uFEFFОрлова Анна Ивановна\t04.03.2012\n\nСоколов Пётр; 2012-01-20\nБелова\nКим Ирина, 30.02.2012\nЛи Вэй\r\n');
    expect(list.students).toEqual([
      { surname: 'Орлова', name: 'Анна', patronymic: 'Ивановна', birthDate: '2012-03-04' },
      { surname: 'Соколов', name: 'Пётр', patronymic: '', birthDate: '2012-01-20' },
      { surname: 'Ли', name: 'Вэй', patronymic: '' },
    ]);
    expect(list.problems).toEqual([
      { line: 4, problem: 'NAME', text: 'Белова' },
      { line: 5, problem: 'DATE', text: 'Ким Ирина, 30.02.2012' },
    ]);
  });
});

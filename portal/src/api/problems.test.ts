import { lineProblemInRussian, problemInRussian } from './problems';

describe('field problems in Russian', () => {
  it('says each of the API’s templates in the portal’s words', () => {
    expect(problemInRussian('is required')).toBe('Заполните это поле.');
    expect(problemInRussian('must be at most 300 characters (got 150000)')).toBe('Не больше 300 символов.');
    expect(problemInRussian('must not be after 2026-12-06')).toBe('Дата не может быть позже 06.12.2026.');
    expect(problemInRussian('must be a whole number from 1 to 366')).toBe('Целое число от 1 до 366.');
    expect(problemInRussian('must not contain control characters (U+0000 at 3)')).toBe('Уберите служебные (невидимые) символы.');
  });

  it('leaves a message it does not know as it came', () => {
    expect(problemInRussian('must rhyme with orange')).toBe('must rhyme with orange');
  });

  it('says each part of a refused import line, keeping the column and its value', () => {
    expect(lineProblemInRussian('area "COOKING" is not a competence area (expected one of SUBJECT, DIGITAL); score "x" is not a number')).toBe(
      'area «COOKING»: Неизвестная область компетенций; score «x»: Нужно число',
    );
  });
});

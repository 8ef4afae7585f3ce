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

describe('the contests service’s field problems in Russian', () => {
  it('says the stage, grade group, settings and jury templates in the portal’s words', () => {
    expect(problemInRussian('must look like 2026/2027')).toBe('Учебный год — в виде 2026/2027.');
    expect(problemInRussian('registration must close by the stage’s first day')).toBe('Регистрация закрывается не позже первого дня этапа.');
    expect(problemInRussian('the municipal stage admits grades 7–11 (got 5)')).toBe('Этап этого уровня — для 7–11 классов.');
    expect(problemInRussian('must be 0 < points ≤ 1000 with at most two decimals')).toBe('Больше 0 и не больше 1000, до двух знаков после запятой.');
    expect(problemInRussian('must be 1–14 days')).toBe('Целое число от 1 до 14.');
    expect(problemInRussian('must be a whole number of days, 0–60')).toBe('Целое число от 0 до 60.');
    expect(problemInRussian('a jury has exactly one chair')).toBe('У жюри ровно один председатель.');
    expect(problemInRussian('a juror never scores a work from their own school')).toBe('Член жюри не проверяет работы своей школы.');
  });

  it('says a score file’s refused lines in the portal’s words', () => {
    expect(lineProblemInRussian('code "Q1" is not a participant code')).toBe('code «Q1»: Это не код участника');
    expect(lineProblemInRussian('score "x" must be a number of points ≥ 0 with at most two decimals')).toBe(
      'score «x»: Баллы — число не меньше 0, не больше двух знаков после запятой',
    );
    expect(lineProblemInRussian('unknown code 9-ABCDEF: no participant of this stage has it')).toBe('Кода 9-ABCDEF нет среди участников этапа');
    expect(lineProblemInRussian('duplicate of line 3: the same work, task and juror')).toBe('Повтор строки 3: та же работа, задание и член жюри');
    expect(lineProblemInRussian('score must be 0–10 with at most two decimals (got 12)')).toBe('Балл — от 0 до 10, не больше двух знаков после запятой');
  });
});

import { ValidationError } from '@mms/eventsourcing/core';
import { checked, Checks } from './checks';

const problems = (run: (c: Checks) => unknown) => {
  try {
    checked('input', run);
    return [];
  } catch (err) {
    return (err as ValidationError).problems;
  }
};

describe('Checks.text and Checks.list: text as it will be stored', () => {
  it('refuses NUL and other control characters, naming the field and where', () => {
    expect(problems((c) => c.text('fullName', 'Иванова\u0000Мария', { max: 300 }))).toEqual([
      { field: 'fullName', message: 'must not contain control characters (U+0000 at 8)' },
    ]);
    expect(problems((c) => c.text('fullName', 'a\u001bb', { max: 300 }))[0]?.message).toMatch(/U\+001B/);
    expect(problems((c) => c.text('fullName', 'a\u0085b', { max: 300 }))[0]?.message).toMatch(/U\+0085/);
    expect(problems((c) => c.list('subjects', ['физика', 'хим\u0007ия'], { maxItems: 5, maxLength: 50 }))[0]).toMatchObject({ field: 'subjects' });
  });

  it('line breaks only where text may have lines', () => {
    expect(problems((c) => c.text('fullName', 'Иванова\nМария', { max: 300 }))[0]?.message).toMatch(/U\+000A/);
    expect(problems((c) => c.text('reason', 'первая строка\nвторая\tстрока', { max: 300, multiline: true }))).toEqual([]);
  });

  it('refuses broken UTF-16 (a lone surrogate), keeps real astral characters', () => {
    expect(problems((c) => c.text('title', 'abc\uD800', { max: 300 }))[0]?.message).toMatch(/surrogate/);
    expect(problems((c) => c.text('title', 'курс 📚', { max: 300 }))).toEqual([]);
  });

  it('stores NFC: a decomposed "й" is the same name as a composed one', () => {
    const decomposed = 'Сергеи\u0306';
    expect(checked('x', (c) => c.text('fullName', decomposed, { max: 300 }))).toBe('Сергей');
  });

  it('a 150,000-character value gets the field and its limit, not an internal error', () => {
    expect(problems((c) => c.text('fullName', 'я'.repeat(150_000), { max: 300 }))).toEqual([
      { field: 'fullName', message: 'must be at most 300 characters (got 150000)' },
    ]);
    expect(
      problems((c) =>
        c.list(
          'subjects',
          Array.from({ length: 10_000 }, (_, i) => `s${i}`),
          { maxItems: 20, maxLength: 50 },
        ),
      ),
    ).toEqual([{ field: 'subjects', message: 'must have at most 20 items (got 10000)' }]);
  });
});

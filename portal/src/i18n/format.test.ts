import { plural } from './format';

describe('plural (Russian)', () => {
  it('picks the form a number takes', () => {
    const forms = { one: 'заявку', few: 'заявки', many: 'заявок' };
    expect([1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map((n) => `${n} ${plural(n, forms)}`)).toEqual([
      '1 заявку',
      '2 заявки',
      '4 заявки',
      '5 заявок',
      '11 заявок',
      '12 заявок',
      '21 заявку',
      '22 заявки',
      '25 заявок',
      '101 заявку',
      '111 заявок',
    ]);
  });
});

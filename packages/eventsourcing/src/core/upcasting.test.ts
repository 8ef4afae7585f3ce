import { Upcasting } from './upcasting';

describe('Upcasting', () => {
  const u = new Upcasting({
    current: { Thing: 3 },
    upcasters: { Thing: { 1: (d) => ({ ...d, b: 1 }), 2: ({ a, ...rest }) => ({ ...rest, renamed: a }) } },
  });

  it('runs every step from the stored version to the current one', () => {
    expect(u.upcast('Thing', 1, { a: 'x' })).toEqual({ data: { renamed: 'x', b: 1 }, schemaVersion: 3 });
  });

  it('leaves current events alone and treats unknown types as version 1', () => {
    expect(u.upcast('Thing', 3, { renamed: 'y' })).toEqual({ data: { renamed: 'y' }, schemaVersion: 3 });
    expect(u.upcast('Other', 1, { z: 1 })).toEqual({ data: { z: 1 }, schemaVersion: 1 });
  });

  it('fails loudly when a step is missing', () => {
    const broken = new Upcasting({ current: { Thing: 2 } });
    expect(() => broken.upcast('Thing', 1, {})).toThrow('no upcaster for Thing from schema version 1');
  });
});

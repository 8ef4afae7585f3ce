import { perRequest } from './per-request';

describe('perRequest (a lookup memoised per request)', () => {
  it('loads each key once per request, again for another request', async () => {
    let loads = 0;
    const once = perRequest<string>();
    const load = (v: string) => async () => {
      loads++;
      return v;
    };
    const a = {};
    const b = {};
    expect(await Promise.all([once(a, 'k', load('x')), once(a, 'k', load('y')), once(a, 'j', load('z'))])).toEqual(['x', 'x', 'z']);
    expect(await once(b, 'k', load('w'))).toBe('w');
    expect(loads).toBe(3);
  });
});

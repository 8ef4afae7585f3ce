import { MemoryTable } from '@mms/testing';
import { encodeCursor, findWithinLimit, ListTooLargeError, MAX_PAGE, pageBy, pageSorted, withinLimit } from './page';

interface Row {
  _id: string;
  on: string;
  group: string;
}

/** 23 rows, several per day, so a page boundary falls inside a run of equal dates. */
const rows: Row[] = Array.from({ length: 23 }, (_, i) => ({
  _id: `r${String((i * 7) % 23).padStart(2, '0')}`,
  on: `2026-0${1 + (i % 4)}-01`,
  group: i % 2 ? 'a' : 'b',
}));

/** Every page in turn, with the cursor each one returned. */
const allPages = async <V>(next: (after: string | null) => Promise<{ nodes: V[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>) => {
  const pages: V[][] = [];
  let after: string | null = null;
  for (;;) {
    const page = await next(after);
    pages.push(page.nodes);
    if (!page.pageInfo.hasNextPage) return pages;
    after = page.pageInfo.endCursor;
  }
};

describe('pageBy: keyset paging over a table in its own order', () => {
  const table = new MemoryTable<Row>(rows);
  const newestFirst = { on: -1, _id: 1 } as const;
  const ids = (rs: Row[]) => rs.map((r) => r._id);

  it('sees every row exactly once, in the list order, with a short last page', async () => {
    const expected = ids(await table.find({ group: 'a' }, { sort: newestFirst }));
    const pages = await allPages((after) => pageBy(table, { group: 'a' }, newestFirst, { first: 5, after }, ids));
    expect(pages.map((p) => p.length)).toEqual([5, 5, 1]);
    expect(pages.flat()).toEqual(expected);
  });

  it('resumes after the last key: a row added before the cursor does not shift the next page', async () => {
    const t = new MemoryTable<Row>(rows);
    const first = await pageBy(t, {}, newestFirst, { first: 10 }, ids);
    const rest = await allPages((after) => pageBy(t, {}, newestFirst, { first: 10, after: after ?? first.pageInfo.endCursor }, ids));
    t.rows.set('r99', { _id: 'r99', on: '2026-12-01', group: 'a' });
    const again = await allPages((after) => pageBy(t, {}, newestFirst, { first: 10, after: after ?? first.pageInfo.endCursor }, ids));
    expect(again).toEqual(rest);
    expect([...first.nodes, ...rest.flat()]).toEqual(ids(rows.slice().sort((a, b) => b.on.localeCompare(a.on) || a._id.localeCompare(b._id))));
  });

  it('an empty list has no cursor; first and after are checked and named', async () => {
    expect(await pageBy(table, { group: 'none' }, newestFirst, {}, ids)).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    await expect(pageBy(table, {}, newestFirst, { first: MAX_PAGE + 1 }, ids)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'first' }],
    });
    await expect(pageBy(table, {}, newestFirst, { first: 0 }, ids)).rejects.toMatchObject({ problems: [{ field: 'first' }] });
    for (const after of ['%%%', encodeCursor('not json'), encodeCursor('["2026-01-01"]'), encodeCursor('[{"$gt":""},"x"]')])
      await expect(pageBy(table, {}, newestFirst, { after }, ids)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'after' }] });
  });

  it('refuses an order that does not end with _id (a key must name one row)', async () => {
    await expect(pageBy(table, {}, { on: 1 }, {}, ids)).rejects.toThrow('_id');
  });
});

describe('pageSorted: paging a list computed in memory by its sort key', () => {
  const key = (r: Row) => [r.on, r._id];

  it('sees every item exactly once in key order, whatever order the items came in', async () => {
    const expected = rows
      .slice()
      .sort((a, b) => a.on.localeCompare(b.on) || a._id.localeCompare(b._id))
      .map((r) => r._id);
    const pages = await allPages(async (after) => pageSorted(rows, { key }, { first: 4, after }, (r) => r._id));
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(pages.flat()).toEqual(expected);
  });

  it('resumes after the cursor key even when the item it named is gone', () => {
    const first = pageSorted(rows, { key }, { first: 6 }, (r) => r);
    const without = rows.filter((r) => r._id !== first.nodes[5]!._id);
    const next = pageSorted(without, { key }, { first: 6, after: first.pageInfo.endCursor }, (r) => r);
    expect(next.nodes[0]).toEqual(pageSorted(rows, { key }, { first: 1, after: first.pageInfo.endCursor }, (r) => r).nodes[0]);
  });

  it('uses the list’s own comparison (e.g. titles in Russian order)', () => {
    const titles = ['Яблоко', 'арифметика', 'Ёлка', 'Банк'].map((t, i) => ({ t, id: `p${i}` }));
    const ru = {
      key: (x: { t: string; id: string }) => [x.t, x.id],
      compare: (a: readonly (string | number)[], b: readonly (string | number)[]) =>
        String(a[0]).localeCompare(String(b[0]), 'ru') || String(a[1]).localeCompare(String(b[1])),
    };
    const p1 = pageSorted(titles, ru, { first: 2 }, (x) => x.t);
    const p2 = pageSorted(titles, ru, { first: 2, after: p1.pageInfo.endCursor }, (x) => x.t);
    expect([...p1.nodes, ...p2.nodes]).toEqual(['арифметика', 'Банк', 'Ёлка', 'Яблоко']);
    expect(p2.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });

  it('an empty list answers an empty page, also after a cursor', () => {
    const cursor = pageSorted(rows, { key }, { first: 1 }, (r) => r).pageInfo.endCursor;
    expect(pageSorted([] as Row[], { key }, { after: cursor }, (r) => r)).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('the bound of unpaged lists', () => {
  it('answers up to the limit, and LIST_TOO_LARGE naming the field, the limit and the paged field beyond it', async () => {
    expect(withinLimit([1, 2, 3], { field: 'xs', use: 'xsPage', limit: 3 })).toEqual([1, 2, 3]);
    const err = (() => {
      try {
        withinLimit([1, 2, 3, 4], { field: 'xs', use: 'xsPage', limit: 3 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ListTooLargeError);
    expect(err).toMatchObject({ code: 'LIST_TOO_LARGE', details: { field: 'xs', limit: 3, use: 'xsPage', problems: [{ field: 'xs' }] } });
  });

  it('reads at most limit + 1 rows from a table: never a silently cut list', async () => {
    const table = new MemoryTable<Row>(rows);
    const asked: number[] = [];
    const spy = {
      ...table,
      get: table.get.bind(table),
      count: table.count.bind(table),
      find: (f: object, o: { limit?: number }) => (asked.push(o.limit ?? -1), table.find(f, o)),
    };
    expect(await findWithinLimit(spy, {}, { sort: { _id: 1 } }, { field: 'rows', use: 'rowsPage', limit: 23 })).toHaveLength(23);
    await expect(findWithinLimit(spy, {}, { sort: { _id: 1 } }, { field: 'rows', use: 'rowsPage', limit: 22 })).rejects.toMatchObject({
      code: 'LIST_TOO_LARGE',
    });
    expect(asked).toEqual([24, 23]);
  });
});

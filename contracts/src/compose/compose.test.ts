import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, CompositionError, findBreaking } from './compose';

const fixture = (name: string) => ({
  name: name.split('-')[0]!,
  url: `http://127.0.0.1:1/${name}`,
  sdl: readFileSync(join(__dirname, '..', '..', 'test-fixtures', 'compose', `${name}.graphql`), 'utf8'),
});
const compose = (...names: string[]) => composeSupergraph(names.map(fixture));

describe('composeSupergraph', () => {
  it('composes two subgraphs sharing an entity into a supergraph with their routing URLs', () => {
    const sdl = compose('accounts', 'reviews');
    expect(sdl).toContain('@join__graph(name: "accounts", url: "http://127.0.0.1:1/accounts")');
    expect(sdl).toContain('@join__graph(name: "reviews", url: "http://127.0.0.1:1/reviews")');
    expect(sdl).toMatch(/type User\b[^{]*@join__type\(graph: ACCOUNTS, key: "id"\)/);
    expect(sdl).toMatch(/reviews: \[Review!\]! @join__field\(graph: REVIEWS\)/);
  });

  it('composes the real directory subgraph', () => {
    const sdl = readFileSync(join(__dirname, '..', '..', 'subgraphs', 'directory.graphql'), 'utf8');
    expect(composeSupergraph([{ name: 'directory', url: 'http://127.0.0.1:4101/graphql', sdl }])).toContain('type Municipality');
  });

  it('fails with every error code when two subgraphs define the same non-shareable field', () => {
    let error: unknown;
    try {
      compose('accounts', 'reviews-conflicting');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CompositionError);
    const issues = (error as CompositionError).issues;
    expect(issues.map((i) => i.code)).toEqual(['INVALID_FIELD_SHARING']);
    expect(issues[0]!.message).toContain('User.name');
    expect((error as Error).message).toContain('[INVALID_FIELD_SHARING]');
  });

  it('reports an SDL that does not parse, naming the subgraph', () => {
    expect(() => composeSupergraph([{ name: 'broken', url: 'http://x/graphql', sdl: 'type Query {' }])).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            code: 'INVALID_GRAPHQL',
            subgraph: 'broken',
          }),
        ],
      }),
    );
  });
});

describe('findBreaking', () => {
  const base = compose('accounts', 'reviews');

  it('reports a removed field', () => {
    expect(findBreaking(base, compose('accounts', 'reviews-field-removed'))).toEqual([{ type: 'FIELD_REMOVED', description: 'Review.body was removed.' }]);
  });

  it('reports an argument that became required', () => {
    expect(findBreaking(base, compose('accounts', 'reviews-arg-required'))).toEqual([
      {
        type: 'ARG_CHANGED_KIND',
        description: expect.stringContaining('Query.latestReviews'),
      },
    ]);
  });

  it('does not report an added field', () => {
    expect(findBreaking(base, compose('accounts', 'reviews-field-added'))).toEqual([]);
  });

  it('ignores federation internals: moving a field between subgraphs is not breaking for clients', () => {
    // Same API schema, different join metadata: the field now lives in a differently named graph.
    const renamed = composeSupergraph([{ ...fixture('accounts'), name: 'users' }, fixture('reviews')]);
    expect(renamed).not.toEqual(base);
    expect(findBreaking(base, renamed)).toEqual([]);
  });
});

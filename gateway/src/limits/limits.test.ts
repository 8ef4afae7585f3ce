import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { checkGraphQLRequest, RequestRejected } from './http-limits';
import { findLimitError } from './limit-error';
import { measureOperation } from './measure';
import { limitRules } from './validation-rules';

const schema = buildSchema(`
  type Query { node: Node, nodes: [Node!]! }
  type Node { id: ID!, name: String, child: Node }
`);

const limits = { maxDepth: 3, maxAliases: 2, maxFields: 10 };
const codes = (query: string) => validate(schema, parse(query), [...specifiedRules, ...limitRules(limits)]).map((e) => findLimitError(e)?.code ?? e.message);
const measure = (query: string) => {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition')!;
  return measureOperation(doc, op as never);
};

describe('measureOperation', () => {
  it('counts depth, fields and aliases through inline fragments and fragment spreads', () => {
    expect(measure('{ a: node { id ... on Node { child { b: id } } } nodes { ...N } } fragment N on Node { child { child { id } } }')).toEqual({
      depth: 4,
      fields: 8,
      aliases: 2,
    });
  });

  it('counts a fragment once per spread', () => {
    expect(measure('{ node { ...N } nodes { ...N } } fragment N on Node { x: id y: name }')).toEqual({
      depth: 2,
      fields: 6,
      aliases: 4,
    });
  });

  it('measures a fragment bomb in linear time, with its real (exponential) size', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice... 40 levels: 2^40 fields once expanded.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Node { ...F${i + 1} ...F${i + 1} }`);
    const query = `{ node { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Node { id }`;
    const started = Date.now();
    const m = measure(query);
    expect(Date.now() - started).toBeLessThan(200);
    expect(m.fields).toBe(1 + 2 ** levels);
  });

  it('terminates on cyclic fragments (the standard rules reject them)', () => {
    expect(measure('{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }')).toEqual({
      depth: 3,
      fields: 3,
      aliases: 0,
    });
  });

  it('does not count introspection fields', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } node { id } }')).toEqual({
      depth: 2,
      fields: 2,
      aliases: 0,
    });
  });
});

describe('limit validation rules', () => {
  it('accept an operation within every limit', () => {
    expect(codes('{ a: node { b: id child { id } } }')).toEqual([]);
  });

  it('report QUERY_TOO_DEEP', () => {
    expect(codes('{ node { child { child { id } } } }')).toEqual(['QUERY_TOO_DEEP']);
  });

  it('report TOO_MANY_ALIASES', () => {
    expect(codes('{ a: node { id } b: node { id } c: node { id } }')).toEqual(['TOO_MANY_ALIASES']);
  });

  it('report QUERY_TOO_COMPLEX', () => {
    expect(codes('{ nodes { ...N } node { ...N } } fragment N on Node { id name child { id name } }')).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('check each operation of a document on its own', () => {
    expect(codes('query A { node { id } } query B { node { child { child { id } } } }')).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('checkGraphQLRequest', () => {
  const rejected = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      return err instanceof RequestRejected ? { status: err.status, code: err.code } : err;
    }
    return null;
  };

  it('rejects array bodies', () => {
    expect(rejected(() => checkGraphQLRequest([{ query: '{ a }' }], null, 100))).toEqual({
      status: 400,
      code: 'BATCHING_NOT_SUPPORTED',
    });
  });

  it('rejects a query text over the limit, in bytes, from the body or the URL', () => {
    expect(rejected(() => checkGraphQLRequest({ query: 'я'.repeat(60) }, null, 100))).toEqual({
      status: 413,
      code: 'QUERY_TOO_LARGE',
    });
    expect(rejected(() => checkGraphQLRequest(undefined, 'x'.repeat(101), 100))).toMatchObject({
      code: 'QUERY_TOO_LARGE',
    });
    expect(rejected(() => checkGraphQLRequest({ query: 'x'.repeat(100) }, null, 100))).toBeNull();
  });
});

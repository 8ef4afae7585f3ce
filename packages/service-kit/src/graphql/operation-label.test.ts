import { GraphQLError, parse } from 'graphql';
import { operationLabel } from './operation-label';

describe('operationLabel (bounded metrics labels)', () => {
  it('is the operation type and first root field, whatever the client named the operation', () => {
    expect(operationLabel(parse('query Anything_1234 { educators { id } }'), 'Anything_1234')).toBe('query.educators');
    expect(operationLabel(parse('mutation M_9 { a: registerEducator(input: {}) { id } b: registerEducator(input: {}) { id } }'))).toBe(
      'mutation.registerEducator',
    );
    expect(operationLabel(parse('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }'))).toBe('query._entities');
  });

  it('200 differently named operations give one label', () => {
    const labels = new Set(Array.from({ length: 200 }, (_, i) => operationLabel(parse(`query Op${i} { programmes { id } }`), `Op${i}`)));
    expect([...labels]).toEqual(['query.programmes']);
  });

  it('a document that did not parse, or names no operation it has, is "invalid"', () => {
    expect(operationLabel([new GraphQLError('Syntax Error')])).toBe('invalid');
    expect(operationLabel(parse('query A { x } query B { y }'))).toBe('invalid');
    expect(operationLabel(parse('query A { x }'), 'Nope')).toBe('invalid');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiSchemaOf } from '@mms/contracts/compose';
import { buildSchema, DocumentNode, OperationDefinitionNode, parse } from 'graphql';
import { MAX_LIST_ROWS, MAX_PAGE } from '@mms/service-kit/core';
import { DEFAULT_CALLER_LIMITS, DEFAULT_LIMITS, REPO_ROOT } from '../config';
import { actualCost, estimateCost } from './cost';
import { COST_TABLE, CostTable } from './cost-table';
import { measureOperation } from './measure';

const schema = buildSchema(`
  type Query {
    node: Node
    nodes: [Node!]!
    page(first: Int = 20): NodeConnection!
    sized(first: Int): [Node!]!
    report: Report
    tags: [String!]!
  }
  type Mutation { touch(id: ID!): Node! }
  type Node { id: ID! name: String children: [Node!]! child: Node }
  type NodeConnection { nodes: [Node!]! total: Int! }
  type Report { value: Int }
`);

const table: CostTable = {
  ...COST_TABLE,
  defaultListSize: 10,
  maxSliceSize: 100,
  listSizes: { 'Node.children': 3 },
  weights: { 'Query.report': 40 },
};

const operationOf = (doc: DocumentNode) => doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
const estimate = (query: string, variables?: Record<string, unknown>, over = schema, t = table) => {
  const doc = parse(query);
  return estimateCost(over, doc, operationOf(doc), variables, t);
};
const actual = (query: string, data: Record<string, unknown>) => {
  const doc = parse(query);
  return actualCost(schema, doc, operationOf(doc), data, table);
};

describe('estimateCost', () => {
  it('prices objects 1 and scalars, enums and lists of scalars 0', () => {
    expect(estimate('{ node { id name } tags }')).toBe(1);
    expect(estimate('{ node { id child { id child { id } } } }')).toBe(3);
    expect(estimate('{ __typename node { __typename } }')).toBe(1);
  });

  it('multiplies a list by its declared size, else the default size', () => {
    expect(estimate('{ nodes { id } }')).toBe(10);
    expect(estimate('{ nodes { children { id } } }')).toBe(10 * (1 + 3));
    expect(estimate('{ node { children { children { id } } } }')).toBe(1 + 3 * (1 + 3));
  });

  it('sizes a list by `first` (literal, variable or default), capped at the largest page', () => {
    expect(estimate('{ sized(first: 7) { id } }')).toBe(7);
    expect(estimate('query($n: Int) { sized(first: $n) { id } }', { n: 4 })).toBe(4);
    expect(estimate('query($n: Int = 6) { sized(first: $n) { id } }')).toBe(6);
    expect(estimate('{ sized(first: 100000) { id } }')).toBe(100);
    // Nothing usable: no default, null or a variable that does not coerce: the largest page.
    expect(estimate('{ sized { id } }')).toBe(100);
    expect(estimate('query($n: Int) { sized(first: $n) { id } }', { n: 'many' })).toBe(100);
  });

  it("sizes a connection's nodes by the connection's first", () => {
    expect(estimate('{ page(first: 5) { total nodes { id children { id } } } }')).toBe(1 + 5 * (1 + 3));
    expect(estimate('{ page { nodes { id } } }')).toBe(1 + 20);
  });

  it('adds the weights of costly resolvers, per call, and a mutation cost per root mutation field', () => {
    expect(estimate('{ report { value } }')).toBe(40 + 1);
    expect(estimate('{ a: report { value } b: report { value } }')).toBe(2 * 41);
    expect(estimate('mutation { touch(id: "1") { id } }')).toBe(10 + 1);
    expect(estimate('mutation { a: touch(id: "1") { id } b: touch(id: "2") { child { id } } }')).toBe(11 + 12);
  });

  it('counts fragments once per spread, in linear time for a fragment bomb', () => {
    expect(estimate('{ nodes { ...F } node { ...F } } fragment F on Node { child { id } }')).toBe(10 * 2 + 2);
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Node { ...F${i + 1} ...F${i + 1} }`);
    const started = Date.now();
    const cost = estimate(`{ node { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Node { child { id } }`);
    expect(Date.now() - started).toBeLessThan(500);
    expect(cost).toBe(1 + 2 ** levels);
  });
});

describe('actualCost', () => {
  it('prices what came back: real list sizes, null objects free, weighted fields once they ran', () => {
    const query = '{ nodes { id children { id } } node { id } report { value } page { nodes { id } } }';
    expect(
      actual(query, {
        nodes: [
          { id: '1', children: [{ id: '2' }] },
          { id: '3', children: [] },
        ],
        node: null,
        report: null,
        page: { nodes: [{ id: '4' }] },
      }),
    ).toBe(2 + 1 + 0 + 40 + (1 + 1));
    expect(estimate(query)).toBe(10 * (1 + 3) + 1 + 41 + (1 + 20));
  });

  it('follows aliases and fragments, and counts mutations', () => {
    expect(actual('{ a: nodes { ...F } } fragment F on Node { child { id } }', { a: [{ child: { id: '1' } }, { child: null }] })).toBe(2 + 1);
    expect(actual('mutation { touch(id: "1") { id } }', { touch: { id: '1' } })).toBe(11);
    expect(actual('{ node { id } }', {})).toBe(0);
  });
});

describe('the platform API at the default budgets', () => {
  const api = apiSchemaOf(readFileSync(join(REPO_ROOT, 'contracts', 'supergraph.graphql'), 'utf8'));
  const price = (query: string, variables?: Record<string, unknown>) => estimate(query, variables, api, COST_TABLE);
  const withinOldLimits = (query: string) => {
    const doc = parse(query);
    const m = measureOperation(doc, operationOf(doc));
    return m.depth <= DEFAULT_LIMITS.maxDepth && m.aliases <= DEFAULT_LIMITS.maxAliases && m.fields <= DEFAULT_LIMITS.maxFields;
  };

  // Issue 9 §3: an anonymous nested query over public types, 8 levels, inside the depth limit of
  // 10, ran 10 s and returned ~1 MB.
  it('refuses the anonymous programme → cohorts → programme … nest that passed depth, alias and field limits', () => {
    const nest =
      '{ programmes { id title cohorts { id programme { id title cohorts { id programme { id title cohorts { id programme { id title } } } } } } } }';
    expect(measureOperation(parse(nest), operationOf(parse(nest))).depth).toBe(8);
    expect(withinOldLimits(nest)).toBe(true);
    expect(price(nest)).toBeGreaterThan(DEFAULT_CALLER_LIMITS.anonymous.maxCost);
    expect(price(nest)).toBeGreaterThan(DEFAULT_CALLER_LIMITS.regional_operator.maxCost);
  });

  // Issue 9 §3: 30 aliases of regionalComparison with different asOf ran 11 s.
  it('refuses 30 aliases of regionalComparison even to the regional operator, and accepts one', () => {
    const one = (i: number) =>
      `r${i}: regionalComparison(asOf: "2026-0${1 + (i % 9)}-${10 + (i % 18)}") { region { educators coverage3y } municipalities { municipalityId rank indicators { coverage3y } } }`;
    const thirty = `{ ${Array.from({ length: 30 }, (_, i) => one(i)).join(' ')} }`;
    expect(withinOldLimits(thirty)).toBe(true);
    expect(price(thirty)).toBeGreaterThan(DEFAULT_CALLER_LIMITS.regional_operator.maxCost);
    expect(price(`{ ${one(0)} }`)).toBeLessThanOrEqual(DEFAULT_CALLER_LIMITS.regional_operator.maxCost);
  });

  it("keeps what the platform's own clients send within their role's budget", () => {
    const full =
      '{ regionalComparison { region { scope scopeId academicYear asOf educators trainedInThreeYears coverage3y overdue trainingHours trainingHoursPerEducator youngTeachers youngWithMentor youngWithMentorShare withApprovedRoute withApprovedRouteShare topDeficits { area count } } municipalities { municipalityId rank indicators { educators coverage3y overdue topDeficits { area count } } } } }';
    expect(price(full)).toBeLessThanOrEqual(DEFAULT_CALLER_LIMITS.regional_operator.maxCost);
    const lists = [
      'query($after: String) { educators(first: 200, after: $after) { nodes { id fullName } pageInfo { hasNextPage endCursor } } }',
      'query($m: ID, $after: String) { enrolmentsPage(filter: { municipalityId: $m }, first: 200, after: $after) { nodes { id cohortId status educator { id } } pageInfo { hasNextPage endCursor } } }',
      'query($after: String) { trainingDuePage(first: 200, after: $after) { nodes { dueDate status educator { id fullName } organization { id } } pageInfo { hasNextPage endCursor } } }',
      '{ programmesPage(first: 200) { nodes { id title status ownerMunicipality { id } } } }',
      '{ cohortsPage(first: 200) { nodes { id programmeId startDate endDate } } }',
      '{ mentorshipsPage(first: 200) { nodes { id mentor { id } mentee { id } } } }',
      '{ youngTeachersWithoutMentorPage(first: 200) { nodes { id fullName } } }',
    ];
    for (const q of lists) expect(price(q)).toBeLessThanOrEqual(DEFAULT_CALLER_LIMITS.municipal_methodologist.maxCost);
    // A public catalogue page, and a page of schools with their municipality.
    expect(price('{ programmesPage(first: 50) { nodes { id title hours cohorts { id startDate endDate free } } } }')).toBeLessThanOrEqual(
      DEFAULT_CALLER_LIMITS.anonymous.maxCost,
    );
    expect(price('{ organizations(first: 50) { nodes { id name municipality { name } } } }')).toBeLessThanOrEqual(DEFAULT_CALLER_LIMITS.anonymous.maxCost);
  });

  // Issue 9 §3: region-wide lists came back unpaged. A paged field is sized by `first`; a
  // deprecated unpaged one by the most rows it answers (MAX_LIST_ROWS, else LIST_TOO_LARGE).
  it('prices the paged lists by first and the deprecated unpaged ones at their maximum', () => {
    const paged = ['programmesPage', 'cohortsPage', 'enrolmentsPage', 'trainingDuePage', 'youngTeachersWithoutMentorPage', 'mentorshipsPage'];
    for (const field of paged) {
      expect(price(`{ ${field}(first: 10) { nodes { __typename } pageInfo { hasNextPage } } }`)).toBe(1 + 10 + 1);
      expect(price(`{ ${field} { nodes { __typename } } }`)).toBe(1 + 50);
      expect(price(`{ ${field}(first: 100000) { nodes { __typename } } }`)).toBe(1 + MAX_PAGE);
    }
    for (const field of paged.map((f) => f.replace(/Page$/, ''))) {
      expect(COST_TABLE.listSizes[`Query.${field}`]).toBe(MAX_LIST_ROWS);
      expect(price(`{ ${field} { __typename } }`)).toBe(MAX_LIST_ROWS);
    }
    expect(COST_TABLE.maxSliceSize).toBe(MAX_PAGE);
    // A municipality's due list with its educators: 2,000 unpaged (a teacher's whole budget), 401 a page of 200.
    expect(price('{ trainingDue { dueDate educator { id } } }')).toBe(2 * MAX_LIST_ROWS);
    expect(price('{ trainingDuePage(first: 200) { nodes { dueDate educator { id } } } }')).toBe(1 + 200 * 2);
  });
});

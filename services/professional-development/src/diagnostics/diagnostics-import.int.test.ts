import { randomUUID } from 'node:crypto';
import { waitFor } from '@mms/testing/infra';
import { claims, codeOf, ok, PdService, startPdService } from '../../test/harness';

const IMPORT = `mutation($i: ImportDiagnosticsInput!) { importDiagnostics(input: $i) { importId imported rerun rejected { line message } } }`;
const EDUCATOR = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Educator { id deficits diagnosticResults { id area score maxScore source belowThreshold } } } }`;

describe('diagnostics CSV import (service on real Kafka and MongoDB-compatible server)', () => {
  let pd: PdService;
  const [e1, e2, foreign] = [randomUUID(), randomUUID(), randomUUID()];
  const methodologist = claims('municipal_methodologist', { municipalityId: 'mun-a' });

  beforeAll(async () => {
    pd = await startPdService('import');
    await pd.registerEducator({ educatorId: e1, municipalityId: 'mun-a', organizationId: 'school-1', careerStartDate: '2010-09-01' });
    await pd.registerEducator({ educatorId: e2, municipalityId: 'mun-a', organizationId: 'school-2', careerStartDate: '2012-09-01' });
    await pd.registerEducator({ educatorId: foreign, municipalityId: 'mun-b', organizationId: 'school-9', careerStartDate: '2012-09-01' });
    for (const id of [e1, e2, foreign]) await pd.educatorKnown(id);
  });

  afterAll(async () => {
    await pd?.stop();
  });

  it('reports bad lines, keeps good rows (one commit per educator), and a re-run adds nothing', async () => {
    const importId = randomUUID();
    const csv = [
      'educator_id;area;score;max_score;taken_on',
      `${e1};DIGITAL;4;10;2025-10-01`, // line 2: a deficit
      `${e1};SUBJECT;9,5;10;01.10.2025`, // line 3: Russian-locale number and date
      `${e2};COOKING;5;10;2025-10-01`, // line 4: unknown area
      `${e2};ASSESSMENT;12;10;2025-10-01`, // line 5: score above max
      `${e2};METHODICAL;3;5;2025-10-02`, // line 6: a deficit
      `${foreign};DIGITAL;1;10;2025-10-01`, // line 7: another municipality's educator
      '',
    ].join('\n');

    const first = ok(await pd.gql(methodologist, IMPORT, { i: { importId, csv } })).importDiagnostics;
    expect(first).toMatchObject({ importId, imported: 3, rerun: false });
    expect(first.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5, 7]);
    expect(first.rejected[0].message).toMatch(/area "COOKING" is not a competence area/);
    expect(first.rejected[1].message).toMatch(/score "12" must not be greater than the maximum score \(10\)/);
    expect(first.rejected[2].message).toMatch(/not an active educator of this municipality/);
    expect(await pd.commits(`development-${e1}`)).toBe(1);
    expect(await pd.commits(`development-${e2}`)).toBe(1);
    expect(await pd.commits(`development-${foreign}`)).toBe(0);

    const seen = await waitFor(
      async () => {
        const r = ok(await pd.gql(methodologist, EDUCATOR, { r: [{ __typename: 'Educator', id: e1 }] }))._entities[0];
        return r.diagnosticResults.length === 2 ? r : null;
      },
      { what: 'imported results in the read model' },
    );
    expect(seen.deficits).toEqual(['DIGITAL']);
    expect(seen.diagnosticResults.find((r: { area: string }) => r.area === 'SUBJECT')).toMatchObject({ score: 9.5, source: 'IMPORT', belowThreshold: false });

    const again = ok(await pd.gql(methodologist, IMPORT, { i: { importId, csv } })).importDiagnostics;
    expect(again).toEqual({ ...first, rerun: true });
    expect(await pd.commits(`development-${e1}`)).toBe(1);
    expect(await pd.commits(`development-${e2}`)).toBe(1);
    expect(await pd.commits(`diagnostic-import-${importId}`)).toBe(1);

    // The same importId with another file is a mistake, not a re-run.
    const other = await pd.gql(methodologist, IMPORT, { i: { importId, csv: csv.replace('4;10', '5;10') } });
    expect(codeOf(other)).toBe('IMPORT_ID_REUSED');
  });

  it('a file with a bad header is rejected whole; only a methodologist imports', async () => {
    const bad = ok(await pd.gql(methodologist, IMPORT, { i: { importId: randomUUID(), csv: 'who;what\nx;y\n' } })).importDiagnostics;
    expect(bad.imported).toBe(0);
    expect(bad.rejected).toEqual([{ line: 1, message: expect.stringMatching(/bad header/) }]);
    const coordinator = claims('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });
    expect(codeOf(await pd.gql(coordinator, IMPORT, { i: { importId: randomUUID(), csv: 'x' } }))).toBe('FORBIDDEN');
  });
});

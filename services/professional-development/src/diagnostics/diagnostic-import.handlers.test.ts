import { ValidationError } from '@mms/eventsourcing/core';
import { recordDiagnosticResult } from '../development/development.handlers';
import { as, codeOf, memoryDeps } from '../pd.in-memory';
import * as h from './diagnostic-import.handlers';
import { DIAGNOSTICS_IMPORT, diagnosticsImportKind } from './diagnostic-import.kind';

const methodologistA = as('municipal_methodologist', { municipalityId: 'mun-a' });
const methodologistB = as('municipal_methodologist', { municipalityId: 'mun-b' });
const coordinatorA = as('school_coordinator', { municipalityId: 'mun-a', organizationId: 'school-1' });

const HEADER = 'educator_id;area;score;max_score;taken_on';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

const setup = () => {
  const m = memoryDeps(); // today in the region: 2026-09-15
  m.place({ educatorId: 'e1', municipalityId: 'mun-a', organizationId: 'school-1' });
  m.place({ educatorId: 'e2', municipalityId: 'mun-a', organizationId: 'school-2' });
  m.place({ educatorId: 'far', municipalityId: 'mun-b', organizationId: 'school-9' });
  return m;
};

/** The problems a manual entry is refused with, field → message. */
const manualProblems = async (d: ReturnType<typeof setup>['d'], input: { takenOn?: string; score?: number; maxScore?: number }) => {
  try {
    await recordDiagnosticResult(d, coordinatorA, { educatorId: 'e1', area: 'DIGITAL', score: 5, maxScore: 10, takenOn: '2026-09-01', ...input });
  } catch (err) {
    if (err instanceof ValidationError) return Object.fromEntries(err.problems.map((p) => [p.field, p.message]));
    throw err;
  }
  return {};
};

const commitsOf = (m: ReturnType<typeof setup>, streamId: string) => m.store.commits.filter((c) => c.streamId === streamId).length;

describe('diagnostics import handlers', () => {
  it('one rule for both paths: a result dated 2099 (or 1989, or over its maximum) is refused by hand and in a file, in the same words', async () => {
    const m = setup();
    const manual = {
      future: await manualProblems(m.d, { takenOn: '2099-01-01' }),
      old: await manualProblems(m.d, { takenOn: '1989-12-31' }),
      over: await manualProblems(m.d, { score: 12 }),
    };
    expect(manual).toEqual({
      future: { takenOn: 'must not be in the future (today is 2026-09-15)' },
      old: { takenOn: 'must not be before 1990-01-01' },
      over: { score: 'must not be greater than the maximum score (10)' },
    });

    const r = await h.importDiagnostics(m.d, methodologistA, {
      importId: 'i-rule',
      csv: csv('e1;DIGITAL;5;10;2099-01-01', 'e1;DIGITAL;5;10;1989-12-31', 'e1;DIGITAL;12;10;2026-09-01', 'e1;DIGITAL;5;10;2026-09-15'),
    });
    expect(r.rejected).toEqual([
      { line: 2, message: `taken_on "2099-01-01" ${manual.future['takenOn']}` },
      { line: 3, message: `taken_on "1989-12-31" ${manual.old['takenOn']}` },
      { line: 4, message: `score "12" ${manual.over['score']}` },
    ]);
    expect(r.imported).toBe(1); // today itself is not the future
    expect(m.store.events.filter((e) => e.type === 'DiagnosticResultRecorded').map((e) => e.data.takenOn)).toEqual(['2026-09-15']);
  });

  it('importDiagnostics: bad lines reported, each educator’s good rows in one commit, a re-run adds nothing, another file under the id is refused', async () => {
    const m = setup();
    const file = csv(
      'e1;DIGITAL;4;10;2025-10-01', // 2: a deficit
      'e1;SUBJECT;9,5;10;01.10.2025', // 3
      'e2;COOKING;5;10;2025-10-01', // 4: unknown area
      'far;DIGITAL;1;10;2025-10-01', // 5: another municipality's educator
      'e2;METHODICAL;3;5;2025-10-02', // 6: a deficit
    );
    const first = await h.importDiagnostics(m.d, methodologistA, { importId: 'i1', csv: file });
    expect(first).toEqual({
      importId: 'i1',
      imported: 3,
      rerun: false,
      rejected: [
        { line: 4, message: expect.stringContaining('area "COOKING" is not a competence area') },
        { line: 5, message: 'educator far is not an active educator of this municipality' },
      ],
    });
    expect([commitsOf(m, 'development-e1'), commitsOf(m, 'development-e2'), commitsOf(m, 'development-far')]).toEqual([1, 1, 0]);
    expect(m.store.events.filter((e) => e.type === 'DiagnosticResultRecorded').map((e) => e.data.resultId)).toEqual(['i1:2', 'i1:3', 'i1:6']);
    const record = m.store.events.filter((e) => e.type === 'DiagnosticImportRecorded');
    expect(record.map((e) => e.data)).toEqual([
      { importId: 'i1', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), lines: 5, accepted: 3, rejected: 2, problems: first.rejected },
    ]);

    const again = await h.importDiagnostics(m.d, methodologistA, { importId: 'i1', csv: file });
    expect(again).toEqual({ ...first, rerun: true });
    expect(commitsOf(m, 'development-e1') + commitsOf(m, 'development-e2') + commitsOf(m, 'diagnostic-import-i1')).toBe(3);
    expect(await codeOf(h.importDiagnostics(m.d, methodologistA, { importId: 'i1', csv: file.replace('4;10', '5;10') }))).toBe('IMPORT_ID_REUSED');
    // The same id in another municipality is another import.
    m.place({ educatorId: 'b1', municipalityId: 'mun-b', organizationId: 'school-9' });
    expect(await h.importDiagnostics(m.d, methodologistB, { importId: 'i1', csv: csv('b1;DIGITAL;8;10;2025-10-01') })).toMatchObject({ imported: 1 });
  });

  it('only a methodologist imports; a bad header refuses the file; too long a string is sent to the upload', async () => {
    const m = setup();
    expect(await codeOf(h.importDiagnostics(m.d, coordinatorA, { importId: 'x', csv: HEADER }))).toBe('FORBIDDEN');
    expect(await codeOf(h.importDiagnostics(m.d, methodologistA, { importId: 'not an id', csv: HEADER }))).toBe('BAD_USER_INPUT');
    expect(await codeOf(h.importDiagnostics(m.d, methodologistA, { importId: 'x', csv: 'x'.repeat(h.MAX_IMPORT_CHARS + 1) }))).toBe('BAD_USER_INPUT');
    const bad = await h.importDiagnostics(m.d, methodologistA, { importId: 'hdr', csv: 'who;what\nx;y\n' });
    expect(bad).toMatchObject({ imported: 0, rejected: [{ line: 1, message: expect.stringMatching(/^bad header/) }] });
    expect(await h.diagnosticsImport(m.d, methodologistA, 'hdr')).toMatchObject({ status: 'FAILED', failure: { code: 'BAD_HEADER' } });
  });

  it('diagnosticsImport: the progress and a paged report of the own municipality’s import; another municipality sees nothing', async () => {
    const m = setup();
    const lines = Array.from({ length: 7 }, (_, i) => `e${(i % 2) + 1};DIGITAL;${i};10;2099-0${i + 1}-01`);
    await h.importDiagnostics(m.d, methodologistA, { importId: 'p1', csv: csv(...lines, 'e1;SUBJECT;9;10;2026-01-01') });
    const view = (await h.diagnosticsImport(m.d, methodologistA, 'p1'))!;
    expect(view).toMatchObject({
      importId: 'p1',
      kind: DIAGNOSTICS_IMPORT,
      status: 'DONE',
      onInvalid: 'SKIP_LINE',
      receivedLines: 8,
      valid: 1,
      rejected: 7,
      applied: 1,
      problemCount: 7,
      receivedOn: '2026-09-15',
    });
    const page1 = await h.diagnosticsImportProblems(m.d, view, { first: 5 });
    const page2 = await h.diagnosticsImportProblems(m.d, view, { first: 5, after: page1.pageInfo.endCursor });
    expect([...page1.nodes, ...page2.nodes].map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
    expect(await h.diagnosticsImport(m.d, methodologistB, 'p1')).toBeNull();
    expect(await h.diagnosticsImport(m.d, methodologistA, 'never')).toBeNull();
    expect(await codeOf(h.diagnosticsImport(m.d, coordinatorA, 'p1'))).toBe('FORBIDDEN');
  });

  it('REJECT_FILE (the upload’s onInvalid=reject): one bad line, or one educator not of the municipality, and nothing is applied', async () => {
    const m = setup();
    const kind = diagnosticsImportKind(m.d);
    const caller = kind.authorize(methodologistA);
    for (const [id, bad] of [
      ['r1', 'e2;DIGITAL;5;10;2099-01-01'],
      ['r2', 'far;DIGITAL;5;10;2026-01-01'],
    ] as const) {
      const { record } = await m.d.imports.receive(kind, caller, id, [csv('e1;DIGITAL;5;10;2026-01-01', bad)], { onInvalid: 'REJECT_FILE' });
      expect(await m.d.imports.run(kind, record._id)).toMatchObject({ status: 'FAILED', failure: { code: 'HAS_PROBLEMS' }, counts: { applied: 0 } });
    }
    expect(m.store.events.filter((e) => e.type === 'DiagnosticResultRecorded')).toEqual([]);
    expect(m.store.events.filter((e) => e.type === 'DiagnosticImportRecorded').map((e) => [e.data.importId, e.data.accepted])).toEqual([
      ['r1', 0],
      ['r2', 0],
    ]);
  });

  it('an import recorded before the import store answers from its stream; an upload under its id is refused', async () => {
    const m = setup();
    const file = csv('e1;DIGITAL;5;10;2026-01-01');
    const { createHash } = await import('node:crypto');
    await m.store.given('diagnostic-import', 'diagnostic-import-old', 'mun-a', [
      {
        type: 'DiagnosticImportRecorded',
        data: { importId: 'old', contentHash: createHash('sha256').update(file).digest('hex'), lines: 1, accepted: 1, rejected: 0, problems: [] },
      },
    ]);
    expect(await h.importDiagnostics(m.d, methodologistA, { importId: 'old', csv: file })).toEqual({ importId: 'old', imported: 1, rejected: [], rerun: true });
    expect(await codeOf(h.importDiagnostics(m.d, methodologistA, { importId: 'old', csv: file + '\n' }))).toBe('IMPORT_ID_REUSED');
    const kind = diagnosticsImportKind(m.d);
    expect(await codeOf(m.d.imports.receive(kind, kind.authorize(methodologistA), 'old', [file]))).toBe('IMPORT_ID_REUSED');
  });

  it('a list of educators is read together and written by one bulk command, each answer in its place', async () => {
    const m = setup();
    const kind = diagnosticsImportKind(m.d);
    const run = { ...kind.authorize(methodologistA), importId: 'L1', receivedOn: '2026-09-15' };
    const row = (line: number, educatorId: string) => ({
      line,
      group: educatorId,
      data: { educatorId, area: 'DIGITAL' as const, score: 8, maxScore: 10, takenOn: '2026-01-01' },
    });
    const groups = [
      ['e1', [row(2, 'e1'), row(5, 'e1')]],
      ['far', [row(3, 'far')]],
      ['e2', [row(4, 'e2')]],
    ] as const satisfies ReadonlyArray<readonly [string, ReturnType<typeof row>[]]>;
    const list = groups.map(([g, rows]) => [g, [...rows]] as const);
    const reads = jest.spyOn(m.d.tables.educators, 'getMany');
    const appends = jest.spyOn(m.store, 'appendMany');
    const far = 'educator far is not an active educator of this municipality';
    expect(await kind.checkGroups!(list, run)).toEqual([null, far, null]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await kind.applyGroups!(list, run)).toEqual([null, far, null]);
    expect(appends).toHaveBeenCalledTimes(1);
    expect(appends.mock.calls[0]![0].map((a) => [a.streamId, a.events.length])).toEqual([
      ['development-e1', 2],
      ['development-e2', 1],
    ]);
    // A resumed run sends the list again: nothing is written twice.
    expect(await kind.applyGroups!(list, run)).toEqual([null, far, null]);
    expect([commitsOf(m, 'development-e1'), commitsOf(m, 'development-e2'), commitsOf(m, 'development-far')]).toEqual([1, 1, 0]);
    expect(m.store.events.filter((e) => e.type === 'DiagnosticResultRecorded').map((e) => e.data.resultId)).toEqual(['L1:2', 'L1:5', 'L1:4']);
  });

  it('applying a group is idempotent, and an educator gone since validation is refused unless their rows were already written', async () => {
    const m = setup();
    const kind = diagnosticsImportKind(m.d);
    const run = { ...kind.authorize(methodologistA), importId: 'g1', receivedOn: '2026-09-15' };
    const rows = [{ line: 2, group: 'e1', data: { educatorId: 'e1', area: 'DIGITAL' as const, score: 5, maxScore: 10, takenOn: '2026-01-01' } }];
    expect(await kind.applyGroup('e1', rows, run)).toBeNull();
    expect(await kind.applyGroup('e1', rows, run)).toBeNull(); // a resumed run: nothing written again
    expect(commitsOf(m, 'development-e1')).toBe(1);
    m.transfer({ educatorId: 'e1', from: 'mun-a', to: 'mun-b', organizationId: 'school-9' });
    m.transfer({ educatorId: 'e2', from: 'mun-a', to: 'mun-b', organizationId: 'school-9' });
    m.project();
    expect(await kind.applyGroup('e1', rows, run)).toBeNull();
    expect(await kind.applyGroup('e2', [{ ...rows[0]!, group: 'e2', data: { ...rows[0]!.data, educatorId: 'e2' } }], run)).toBe(
      'educator e2 is not an active educator of this municipality',
    );
    expect(commitsOf(m, 'development-e1') + commitsOf(m, 'development-e2')).toBe(1);
  });
});

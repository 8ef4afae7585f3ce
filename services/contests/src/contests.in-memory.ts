import { randomUUID } from 'node:crypto';
import { RequestContext, UserClaims } from '@mms/auth';
import { DirectoryContracts } from '@mms/contracts/events';
import { CommandHandler, EventEnvelope, SealedPersonalData } from '@mms/eventsourcing/core';
import { Clock, fixedClock, Importer, MemoryImportStore } from '@mms/service-kit/core';
import { envelope, InMemoryEventStore, MemoryTable, MemoryVault } from '@mms/testing';
import type { ContestsDeps } from './contests.deps';
import { educatorRows } from './educators/educator.rows';
import { entryRows } from './entries/entries.rows';
import { schoolEntriesRows } from './entries/school-entries.rows';
import { partitionRows } from './partitions/partition.rows';
import { publicStudentRows } from './publication/public-results.rows';
import { priorResultsRows } from './prior-results/prior-results.rows';
import { publicRevisionsOf } from './publication/public-revisions';
import { stageRows } from './stages/stage.rows';
import { shortNameOf, StudentName } from './students/student.names';
import { studentRows } from './students/student.rows';

/**
 * Contests' deps in memory for handler specs: the real command handler over an in-memory
 * event store, read tables fed by the real row tables (`project()`), the vault opening names
 * as the projection's prepare does, and the directory's educators (`place()`).
 */
export const memoryDeps = (clock: Clock = fixedClock('2026-09-25T09:00:00Z')) => {
  const store = new InMemoryEventStore();
  const vault = new MemoryVault();
  const tables = {
    stages: new MemoryTable<any>(),
    students: new MemoryTable<any>(),
    entries: new MemoryTable<any>(),
    schoolEntries: new MemoryTable<any>(),
    partitions: new MemoryTable<any>(),
    educators: new MemoryTable<any>(),
    publicStudents: new MemoryTable<any>(),
    publicRevisions: new MemoryTable<any>(),
    priorResults: new MemoryTable<any>(),
  };
  const imports = new Importer(new MemoryImportStore(), clock);
  const d: ContestsDeps = { commands: new CommandHandler(store, { retries: 10 }), store, vault, clock, imports, duplicateKeySecret: 'test', tables };
  const directory: EventEnvelope[] = [];
  const seen = { store: 0, directory: 0 };

  const opened = async (events: EventEnvelope[]) =>
    Promise.all(
      events.map(async (e) => {
        const personal = (e.data as { personal?: SealedPersonalData } | null)?.personal;
        if (!e.type.startsWith('Student') || !personal) return e;
        const name = await vault.open<StudentName>(personal);
        return { ...e, opened: { shortName: name ? shortNameOf(name) : null } } as EventEnvelope;
      }),
    );

  /** What arrived since the last call, through the row tables, as the projections would. */
  const project = async (): Promise<EventEnvelope[]> => {
    const fromDirectory = directory.slice(seen.directory);
    const own = store.events.slice(seen.store);
    seen.directory = directory.length;
    seen.store = store.events.length;
    tables.educators.apply(educatorRows, fromDirectory);
    const events = await opened(own);
    tables.stages.apply(stageRows, events);
    tables.students.apply(studentRows, events);
    tables.entries.apply(entryRows, events);
    tables.schoolEntries.apply(schoolEntriesRows, events);
    tables.partitions.apply(partitionRows, events);
    tables.publicStudents.apply(publicStudentRows, events);
    tables.priorResults.apply(priorResultsRows, events);
    // After the rows, as the projection bumps them (publication/public-revisions.ts).
    for (const id of publicRevisionsOf(events)) {
      const r = tables.publicRevisions.rows.get(id);
      tables.publicRevisions.rows.set(id, { _id: id, rev: ((r?.['rev'] as number) ?? 0) + 1, token: (r?.['token'] as string) ?? randomUUID() });
    }
    return own;
  };

  /** The directory announces an educator (a juror's school). */
  const place = (e: { educatorId: string; municipalityId: string; organizationId: string }) => {
    directory.push(
      envelope(
        {
          type: DirectoryContracts.EducatorRegistered.type,
          data: { careerStartDate: '2015-09-01', position: 'учитель', subjects: ['математика'], qualificationCategory: 'NONE', ...e },
        },
        { tenantId: e.municipalityId, streamId: `educator-${e.educatorId}`, streamVersion: 1, streamType: 'educator' },
      ),
    );
  };

  return { d, store, vault, tables, imports, project, place };
};

export const as = (role: UserClaims['role'], over: Partial<UserClaims> = {}): RequestContext => ({
  requestId: randomUUID(),
  correlationId: randomUUID(),
  user: {
    subject: `${role}-${randomUUID().slice(0, 6)}`,
    role,
    municipalityId: role === 'regional_operator' || role === 'juror' ? null : 'mun-a',
    organizationId: null,
    educatorId: null,
    ...over,
  },
});

export const anonymous: RequestContext = { requestId: 'r', correlationId: 'c', user: null };

export { codeOf } from '@mms/testing';

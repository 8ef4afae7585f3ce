import { randomUUID } from 'node:crypto';
import { RequestContext, UserClaims } from '@mms/auth';
import { DirectoryContracts } from '@mms/contracts/events';
import { CommandHandler, EventEnvelope } from '@mms/eventsourcing/core';
import { Clock, fixedClock, Importer, MemoryImportStore } from '@mms/service-kit/core';
import { envelope, InMemoryEventStore, MemoryTable, MemoryVault } from '@mms/testing';
import { programmeRows } from './catalogue/programme.rows';
import { cohortRows, enrolmentRows } from './cohorts/cohort.rows';
import { developmentRows } from './development/development.rows';
import { educatorRows } from './educators/educator.rows';
import { mentorshipRows } from './mentoring/mentor.rows';
import { PdDeps } from './pd.deps';

/**
 * PD's deps in memory for handler specs: the real command handler over an in-memory event
 * store, and read tables fed by the real row tables from the events written (`project()`),
 * plus the directory's events (`place()`, or `receive()` from an in-process directory), as
 * the projections would: `project()` applies what arrived since its last call.
 */
export const memoryDeps = (clock: Clock = fixedClock('2026-09-15T09:00:00Z')) => {
  const store = new InMemoryEventStore();
  const tables = {
    programmes: new MemoryTable<any>(),
    cohorts: new MemoryTable<any>(),
    enrolments: new MemoryTable<any>(),
    development: new MemoryTable<any>(),
    mentorships: new MemoryTable<any>(),
    educators: new MemoryTable<any>(),
  };
  const imports = new Importer(new MemoryImportStore(), clock);
  const d: PdDeps = { commands: new CommandHandler(store, { retries: 10 }), store, vault: new MemoryVault(), clock, imports, tables };
  const directory: EventEnvelope[] = [];
  const versions = new Map<string, number>();
  const seen = { store: 0, directory: 0 };

  /**
   * What arrived since the last call through the row tables, as the projections would
   * (the directory's public events, then this context's own); returns this context's new events.
   */
  const project = (): EventEnvelope[] => {
    const fromDirectory = directory.slice(seen.directory);
    const own = store.events.slice(seen.store);
    seen.directory = directory.length;
    seen.store = store.events.length;
    const events = [...fromDirectory, ...own];
    tables.programmes.apply(programmeRows, events);
    tables.cohorts.apply(cohortRows, events);
    tables.enrolments.apply(enrolmentRows, events);
    tables.development.apply(developmentRows, events);
    tables.mentorships.apply(mentorshipRows, events);
    tables.educators.apply(educatorRows, events);
    return own;
  };

  /** The directory's public events as its topic delivers them (an in-process platform feeds these). */
  const receive = (events: EventEnvelope[]) => {
    directory.push(...events);
  };

  const directoryEvent = (type: string, tenantId: string, educatorId: string, data: object) => {
    const key = `${tenantId}|educator-${educatorId}`;
    const streamVersion = (versions.get(key) ?? 0) + 1;
    versions.set(key, streamVersion);
    directory.push(envelope({ type, data }, { tenantId, streamId: `educator-${educatorId}`, streamVersion, streamType: 'educator' }));
    project();
  };

  /** The directory announces an educator (registered where they work). */
  const place = (e: { educatorId: string; municipalityId: string; organizationId: string; careerStartDate?: string }) =>
    directoryEvent(DirectoryContracts.EducatorRegistered.type, e.municipalityId, e.educatorId, {
      careerStartDate: '2015-09-01',
      position: 'учитель',
      subjects: ['математика'],
      qualificationCategory: 'NONE',
      ...e,
    });

  /** The directory moves an educator to another municipality (left there, joined here). */
  const transfer = (e: { educatorId: string; from: string; to: string; organizationId: string; careerStartDate?: string }) => {
    directoryEvent(DirectoryContracts.EducatorLeftMunicipality.type, e.from, e.educatorId, {
      educatorId: e.educatorId,
      municipalityId: e.from,
      toMunicipalityId: e.to,
    });
    directoryEvent(DirectoryContracts.EducatorJoinedMunicipality.type, e.to, e.educatorId, {
      educatorId: e.educatorId,
      municipalityId: e.to,
      organizationId: e.organizationId,
      careerStartDate: e.careerStartDate ?? '2015-09-01',
      position: 'учитель',
      subjects: ['математика'],
      qualificationCategory: 'NONE',
      fromMunicipalityId: e.from,
    });
  };

  /** The directory says the educator left the profession. */
  const leave = (educatorId: string, municipalityId: string) =>
    directoryEvent(DirectoryContracts.EducatorLeft.type, municipalityId, educatorId, { educatorId, municipalityId });

  return { d, store, tables, imports, project, receive, place, transfer, leave };
};

export const as = (role: UserClaims['role'], over: Partial<UserClaims> = {}): RequestContext => ({
  requestId: randomUUID(),
  correlationId: randomUUID(),
  user: {
    subject: `${role}-${randomUUID().slice(0, 6)}`,
    role,
    municipalityId: role === 'regional_operator' ? null : 'mun-a',
    organizationId: null,
    educatorId: null,
    ...over,
  },
});

export const anonymous: RequestContext = { requestId: 'r', correlationId: 'c', user: null };

export { codeOf } from '@mms/testing';

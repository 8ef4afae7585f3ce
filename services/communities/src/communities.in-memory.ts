import { DirectoryContracts } from '@mms/contracts/events';
import { CommandHandler, EventEnvelope } from '@mms/eventsourcing/core';
import { Clock, fixedClock } from '@mms/service-kit/core';
import { envelope, InMemoryEventStore, MemoryTable } from '@mms/testing';
import type { CommunitiesDeps } from './communities.deps';
import { communityRows, membershipRows } from './communities/community.rows';
import { threadRows } from './discussions/thread.rows';
import { educatorRows } from './educators/educator.rows';
import { schoolRows } from './schools/school.rows';
import { methodEventRows, registrationRows } from './method-events/method-event.rows';
import { siteCallRows } from './site-calls/site-call.rows';
import { siteRows } from './sites/site.rows';

/**
 * Communities' deps in memory for handler specs: the real command handler over an in-memory
 * event store, read tables fed by the real row tables (`project()`), the directory's
 * schools (`school()`; a school an educator is placed in is announced with them) and
 * educators (`place()`), a clock the spec moves (`at()`), check-in codes it can read.
 */
export const memoryDeps = (start = '2026-10-01T03:00:00.000Z') => {
  const store = new InMemoryEventStore();
  const tables = {
    communities: new MemoryTable<any>(),
    memberships: new MemoryTable<any>(),
    methodEvents: new MemoryTable<any>(),
    registrations: new MemoryTable<any>(),
    sites: new MemoryTable<any>(),
    siteCalls: new MemoryTable<any>(),
    threads: new MemoryTable<any>(),
    educators: new MemoryTable<any>(),
    schools: new MemoryTable<any>(),
  };
  let clock: Clock = fixedClock(start);
  let codes = 0;
  const d: CommunitiesDeps = {
    commands: new CommandHandler(store, { retries: 10 }),
    store,
    get clock() {
      return clock;
    },
    newCode: () => `CODE${++codes}`,
    feedSecret: 'spec-feed-secret',
    tables,
  };
  const directory: EventEnvelope[] = [];
  const seen = { store: 0, directory: 0 };

  /** What arrived since the last call, through the row tables, as the projections would. */
  const project = async (): Promise<EventEnvelope[]> => {
    tables.educators.apply(educatorRows, directory.slice(seen.directory));
    tables.schools.apply(schoolRows, directory.slice(seen.directory));
    const own = store.events.slice(seen.store);
    seen.directory = directory.length;
    seen.store = store.events.length;
    tables.communities.apply(communityRows, own);
    tables.memberships.apply(membershipRows, own);
    tables.methodEvents.apply(methodEventRows, own);
    tables.registrations.apply(registrationRows, own);
    tables.sites.apply(siteRows, own);
    tables.siteCalls.apply(siteCallRows, own);
    tables.threads.apply(threadRows, own);
    return own;
  };

  /** The directory announces a school (once). */
  const announced = new Set<string>();
  const school = (organizationId: string, municipalityId: string, over: { kind?: string; name?: string } = {}) => {
    if (announced.has(organizationId)) return;
    announced.add(organizationId);
    directory.push(
      envelope(
        {
          type: DirectoryContracts.OrganizationRegistered.type,
          data: { organizationId, municipalityId, name: over.name ?? organizationId, kind: over.kind ?? 'SCHOOL' },
        },
        { tenantId: municipalityId, streamId: `organization-${organizationId}`, streamVersion: 1, streamType: 'organization' },
      ),
    );
  };

  /** The directory announces an educator (and their school, the first time). */
  const place = (e: { educatorId: string; municipalityId: string; organizationId: string }) => {
    school(e.organizationId, e.municipalityId);
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

  /** Moves the clock (an instant, or a day at noon UTC). */
  const at = (when: string) => {
    clock = fixedClock(when);
  };

  return { d, store, tables, project, place, school, at };
};

export { codeOf } from '@mms/testing';

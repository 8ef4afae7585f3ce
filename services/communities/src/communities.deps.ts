import type { CommandHandler, EventStore, ReadTable } from '@mms/eventsourcing/core';
import type { Clock } from '@mms/service-kit/core';
import type { CommunityRow, MembershipRow } from './communities/community.rows';
import type { ThreadRow } from './discussions/thread.rows';
import type { EducatorRow } from './educators/educator.rows';
import type { SchoolRow } from './schools/school.rows';
import type { MethodEventRow, RegistrationRow } from './method-events/method-event.rows';
import type { SiteCallRow } from './site-calls/site-call.rows';
import type { SiteRow } from './sites/site.rows';

/** What every handler and query of communities works with: built from platform tokens, or in memory in specs. */
export interface CommunitiesDeps {
  commands: CommandHandler;
  store: EventStore;
  clock: Clock;
  /** Random codes (an event's check-in code): injected so specs can know them. */
  newCode: () => string;
  /** Makes and checks educators' calendar-feed keys (calendar/feeds.ts). */
  feedSecret: string;
  tables: {
    communities: ReadTable<CommunityRow>;
    memberships: ReadTable<MembershipRow>;
    methodEvents: ReadTable<MethodEventRow>;
    registrations: ReadTable<RegistrationRow>;
    sites: ReadTable<SiteRow>;
    siteCalls: ReadTable<SiteCallRow>;
    threads: ReadTable<ThreadRow>;
    educators: ReadTable<EducatorRow>;
    schools: ReadTable<SchoolRow>;
  };
}

export const COMMUNITIES_DEPS = Symbol('COMMUNITIES_DEPS');

import type { CommandHandler, EventStore, PersonalDataPort, ReadTable } from '@mms/eventsourcing/core';
import type { Clock, Importer } from '@mms/service-kit/core';
import type { ProgrammeRow } from './catalogue/programme.rows';
import type { CohortRow, EnrolmentRow } from './cohorts/cohort.rows';
import type { DevelopmentRow } from './development/development.rows';
import type { EducatorRow } from './educators/educator.rows';
import type { MentorshipRow } from './mentoring/mentor.rows';

/** What every handler and query of professional development works with: built from platform tokens, or in memory in specs. */
export interface PdDeps {
  commands: CommandHandler;
  store: EventStore;
  vault: PersonalDataPort;
  clock: Clock;
  /** Imports (diagnostics files): the shared engine over the service's import store. */
  imports: Importer;
  tables: {
    programmes: ReadTable<ProgrammeRow>;
    cohorts: ReadTable<CohortRow>;
    enrolments: ReadTable<EnrolmentRow>;
    development: ReadTable<DevelopmentRow>;
    mentorships: ReadTable<MentorshipRow>;
    educators: ReadTable<EducatorRow>;
  };
}

export const PD_DEPS = Symbol('PD_DEPS');

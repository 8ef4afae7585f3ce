import { contractUpcasting, CONTESTS_TOPIC, DIRECTORY_TOPIC } from '@mms/contracts/events';
import { EventSchemas, Upcasting } from '@mms/eventsourcing/core';
import { CONTESTS_INTERNAL_TOPIC } from './integration/translate';

/** The topics this service writes and reads. Tests pass their own so runs on one broker stay apart. */
export interface ContestsTopics {
  internal: string;
  public: string;
  /** The directory's public events: where jurors work (conflicts of interest). */
  directory: string;
}

export const CONTESTS_TOPICS: ContestsTopics = { internal: CONTESTS_INTERNAL_TOPIC, public: CONTESTS_TOPIC, directory: DIRECTORY_TOPIC };

/** Every internal event is at its first schema version. */
export const CONTESTS_EVENT_SCHEMAS: EventSchemas = { current: {} };

/** Projections read this context's internal events and the directory's contracts. */
export const projectionUpcasting = () => {
  const contracts = contractUpcasting();
  return new Upcasting({ current: { ...contracts.current }, upcasters: { ...contracts.upcasters } });
};

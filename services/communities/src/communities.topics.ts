import { contractUpcasting, COMMUNITIES_TOPIC, DIRECTORY_TOPIC } from '@mms/contracts/events';
import { EventSchemas, Upcasting } from '@mms/eventsourcing/core';
import { COMMUNITIES_INTERNAL_TOPIC } from './integration/translate';

/** The topics this service writes and reads. Tests pass their own so runs on one broker stay apart. */
export interface CommunitiesTopics {
  internal: string;
  public: string;
  /** The directory's public events: where educators work (who may register them, join a ШМО). */
  directory: string;
}

export const COMMUNITIES_TOPICS: CommunitiesTopics = { internal: COMMUNITIES_INTERNAL_TOPIC, public: COMMUNITIES_TOPIC, directory: DIRECTORY_TOPIC };

/** Every internal event is at its first schema version. */
export const COMMUNITIES_EVENT_SCHEMAS: EventSchemas = { current: {} };

/** Projections read this context's internal events and the directory's contracts. */
export const projectionUpcasting = () => {
  const contracts = contractUpcasting();
  return new Upcasting({ current: { ...contracts.current }, upcasters: { ...contracts.upcasters } });
};

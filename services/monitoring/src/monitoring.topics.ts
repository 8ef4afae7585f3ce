import { CONTESTS_TOPIC, contractUpcasting, DIRECTORY_TOPIC, PROFESSIONAL_DEVELOPMENT_TOPIC } from '@mms/contracts/events';
import { Upcasting } from '@mms/eventsourcing/core';

export const MONITORING_SERVICE = 'monitoring';
export const MONITORING_INTERNAL_TOPIC = 'monitoring.internal';
export const MONITORING_PUBLIC_TOPIC = 'monitoring.events.v1';

/** The public topics monitoring reads (tests point the projection at their own). */
export interface EducatorFactsTopics {
  directory: string;
  professionalDevelopment: string;
}

export const SOURCE_TOPICS: EducatorFactsTopics = { directory: DIRECTORY_TOPIC, professionalDevelopment: PROFESSIONAL_DEVELOPMENT_TOPIC };

/** The contests context's public topic: olympiad participation and final results. */
export const OLYMPIAD_SOURCE_TOPIC = CONTESTS_TOPIC;

/** Other contexts' public events: their contracts say how to upcast them. */
export const sourceUpcasting = () => new Upcasting(contractUpcasting());

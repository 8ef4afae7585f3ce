import { contractUpcasting, DIRECTORY_TOPIC, PROFESSIONAL_DEVELOPMENT_TOPIC } from '@mms/contracts/events';
import { EventSchemas, Upcasting } from '@mms/eventsourcing/core';
import { diagnosticImportUpcasters } from './diagnostics/diagnostic-import.decider';
import { PD_INTERNAL_TOPIC } from './integration/translate';

/** The topics this service writes and reads. Tests pass their own so runs on one broker stay apart. */
export interface PdTopics {
  internal: string;
  public: string;
  /** The directory's public events: where educators work. */
  directory: string;
}

export const PD_TOPICS: PdTopics = { internal: PD_INTERNAL_TOPIC, public: PROFESSIONAL_DEVELOPMENT_TOPIC, directory: DIRECTORY_TOPIC };

/** Internal schema history: DiagnosticImportRecorded v1 listed every line, v2 counts them. */
export const PD_EVENT_SCHEMAS: EventSchemas = {
  current: { DiagnosticImportRecorded: 2 },
  upcasters: { DiagnosticImportRecorded: diagnosticImportUpcasters },
};

/**
 * Projections read this context's internal events and the directory's public contracts, so
 * their upcasting knows both (the names cannot clash: contracts are prefixed `directory.`).
 */
export const projectionUpcasting = () => {
  const contracts = contractUpcasting();
  return new Upcasting({
    current: { ...contracts.current, ...PD_EVENT_SCHEMAS.current },
    upcasters: { ...contracts.upcasters, ...(PD_EVENT_SCHEMAS.upcasters ?? {}) },
  });
};

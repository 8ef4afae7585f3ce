import { DynamicModule, Module } from '@nestjs/common';
import { contractUpcasting, DIRECTORY_TOPIC, PROFESSIONAL_DEVELOPMENT_TOPIC } from '@mms/contracts';
import { CommandHandler, EventSchemas, MongoEventStore, Upcasting } from '@mms/eventsourcing';
import { EVENT_STORE, loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SUBGRAPH_SCHEMA } from '@mms/service-kit';
import { CatalogueService } from './application/catalogue.service';
import { CertificateExportService } from './application/certificate-export.service';
import { PD_COMMANDS } from './application/common';
import { DevelopmentService } from './application/development.service';
import { DiagnosticsImportService } from './application/diagnostics-import.service';
import { EducatorRecordService } from './application/educator-record.service';
import { EnrolmentService } from './application/enrolment.service';
import { MentoringService } from './application/mentoring.service';
import { ReadModels } from './application/read-models';
import { TrainingDueService } from './application/training-due.service';
import { buildProfessionalDevelopmentSchema } from './graphql/schema';
import { PD_INTERNAL_TOPIC, translateProfessionalDevelopmentEvent } from './integration/translate';
import { RouteClosingHandler } from './reactions/route-closing.handler';
import { catalogueProjection } from './read-model/catalogue.projection';
import { developmentProjection } from './read-model/development.projection';
import { educatorsProjection } from './read-model/educators.projection';

export const PROFESSIONAL_DEVELOPMENT_SERVICE = 'professional-development';
export const professionalDevelopmentConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadServiceConfig(PROFESSIONAL_DEVELOPMENT_SERVICE, { port: 4102 }, env);

/** The topics this service writes and reads. Tests pass their own so runs on one broker stay apart. */
export interface PdTopics {
  internal: string;
  public: string;
  /** The directory's public events: where educators work. */
  directory: string;
}

export const PD_TOPICS: PdTopics = { internal: PD_INTERNAL_TOPIC, public: PROFESSIONAL_DEVELOPMENT_TOPIC, directory: DIRECTORY_TOPIC };

/** Event handlers (the route-closing reaction) read this service's own internal topic. */
export const professionalDevelopmentEventHandlers = (config: ServiceConfig, topics: PdTopics = PD_TOPICS) => ({
  groupId: `${config.service}.handlers`,
  topics: [topics.internal],
});

/** Internal events are all at their first schema version so far; upcasters go here. */
export const PD_EVENT_SCHEMAS: EventSchemas = { current: {} };

/**
 * Projections read this context's internal events and the directory's public contracts, so
 * their upcasting knows both (the names cannot clash: contracts are prefixed `directory.`).
 */
const projectionUpcasting = () => {
  const contracts = contractUpcasting();
  return new Upcasting({
    current: { ...contracts.current, ...PD_EVENT_SCHEMAS.current },
    upcasters: { ...contracts.upcasters, ...(PD_EVENT_SCHEMAS.upcasters ?? {}) },
  });
};

/**
 * A popular cohort gets bursts of applications, each a conflict on the cohort stream for the
 * others: they re-decide against the new state (and get COHORT_FULL once it is full), so
 * allow more retries than the platform's default of 3.
 */
const COMMAND_RETRIES = 10;

const SERVICES = [
  CatalogueService,
  EnrolmentService,
  DevelopmentService,
  DiagnosticsImportService,
  MentoringService,
  TrainingDueService,
  CertificateExportService,
  EducatorRecordService,
] as const;

@Module({})
export class ProfessionalDevelopmentModule {
  static forRoot(config: ServiceConfig, topics: PdTopics = PD_TOPICS): DynamicModule {
    return {
      module: ProfessionalDevelopmentModule,
      imports: [
        PlatformModule.forService({
          config,
          internalTopic: topics.internal,
          publicTopic: topics.public,
          translate: translateProfessionalDevelopmentEvent,
          upcasting: new Upcasting(PD_EVENT_SCHEMAS),
          projections: () => [
            catalogueProjection(topics.internal),
            developmentProjection(topics.internal),
            educatorsProjection({ internal: topics.internal, directory: topics.directory }),
          ],
          projectionUpcasting: projectionUpcasting(),
        }),
      ],
      controllers: [...PLATFORM_CONTROLLERS, RouteClosingHandler],
      providers: [
        { provide: PD_COMMANDS, inject: [EVENT_STORE], useFactory: (store: MongoEventStore) => new CommandHandler(store, { retries: COMMAND_RETRIES }) },
        ReadModels,
        ...SERVICES,
        {
          provide: SUBGRAPH_SCHEMA,
          inject: [...SERVICES],
          useFactory: (
            catalogue: CatalogueService,
            enrolment: EnrolmentService,
            development: DevelopmentService,
            diagnosticsImport: DiagnosticsImportService,
            mentoring: MentoringService,
            trainingDue: TrainingDueService,
            certificates: CertificateExportService,
            educators: EducatorRecordService,
          ) =>
            buildProfessionalDevelopmentSchema({ catalogue, enrolment, development, diagnosticsImport, mentoring, trainingDue, certificates, educators }),
        },
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { Upcasting } from '@mms/eventsourcing/core';
import { ImportsModule, loadServiceConfig, PLATFORM_CONTROLLERS, PlatformModule, ServiceConfig, SubgraphModule } from '@mms/service-kit';
import { ProgrammeModule } from './catalogue/programme.module';
import { CohortModule } from './cohorts/cohort.module';
import { DevelopmentModule } from './development/development.module';
import { DiagnosticImportModule } from './diagnostics/diagnostic-import.module';
import { EducatorModule } from './educators/educator.module';
import { CertificateRegisterModule } from './export/certificate-register.module';
import { translateProfessionalDevelopmentEvent } from './integration/translate';
import { MentorModule } from './mentoring/mentor.module';
import { PdDepsModule } from './pd.deps.module';
import { pdProjections } from './pd.projection';
import { professionalDevelopmentSdl } from './pd.sdl';
import { PD_EVENT_SCHEMAS, PD_TOPICS, PdTopics, projectionUpcasting } from './pd.topics';
import { TrainingDueModule } from './three-year-rule/training-due.module';

export { PD_EVENT_SCHEMAS, PD_TOPICS, type PdTopics } from './pd.topics';

export const PROFESSIONAL_DEVELOPMENT_SERVICE = 'professional-development';
export const professionalDevelopmentConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(PROFESSIONAL_DEVELOPMENT_SERVICE, { port: 4102 }, env);

/** Event handlers (the route-closing reaction) read this service's own internal topic. */
export const professionalDevelopmentEventHandlers = (config: ServiceConfig, topics: PdTopics = PD_TOPICS) => ({
  groupId: `${config.service}.handlers`,
  topics: [topics.internal],
});

/** The slices of professional development (services/README.md). */
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
          projections: () => pdProjections(topics),
          projectionUpcasting: projectionUpcasting(),
          // A popular cohort gets bursts of applications, each a conflict on the cohort stream for
          // the others: they re-decide against the new state (COHORT_FULL once full), so more retries.
          commandRetries: 10,
        }),
        SubgraphModule.forSdl(professionalDevelopmentSdl),
        // POST /imports/<kind> (diagnostics), the runs in the background and their resumption.
        ImportsModule.forService(),
        PdDepsModule,
        ProgrammeModule,
        CohortModule,
        DevelopmentModule,
        MentorModule,
        DiagnosticImportModule,
        EducatorModule,
        TrainingDueModule,
        CertificateRegisterModule,
      ],
      controllers: [...PLATFORM_CONTROLLERS],
    };
  }
}

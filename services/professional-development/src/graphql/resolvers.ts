import { SubgraphContext } from '@mms/service-kit';
import { CatalogueService } from '../application/catalogue.service';
import { CertificateExportService } from '../application/certificate-export.service';
import { DevelopmentService, EducatorParent } from '../application/development.service';
import { DiagnosticsImportService } from '../application/diagnostics-import.service';
import { EducatorRecordService } from '../application/educator-record.service';
import { EnrolmentService } from '../application/enrolment.service';
import { MentoringService } from '../application/mentoring.service';
import { TrainingDueService, TrainingDueView } from '../application/training-due.service';
import { CohortView, EnrolmentView, externalTrainingView, MentorshipView, ProgrammeView } from '../application/views';

type Args = Record<string, any>;
type Ctx = SubgraphContext;

export interface PdServices {
  catalogue: CatalogueService;
  enrolment: EnrolmentService;
  development: DevelopmentService;
  diagnosticsImport: DiagnosticsImportService;
  mentoring: MentoringService;
  trainingDue: TrainingDueService;
  certificates: CertificateExportService;
  educators: EducatorRecordService;
}

/** An entity of another subgraph, by id: the gateway resolves the rest. */
const ref = (id: string | null | undefined) => (id ? { id } : null);

/** Resolvers only translate GraphQL to use cases; rules live in the services and the domain. */
export const professionalDevelopmentResolvers = (s: PdServices) => ({
  Query: {
    programmes: (_: unknown, a: Args, c: Ctx) => s.catalogue.programmes(c.request, a['filter'] ?? {}),
    programme: (_: unknown, a: Args, c: Ctx) => s.catalogue.programme(c.request, a['id']),
    cohorts: (_: unknown, a: Args, c: Ctx) => s.catalogue.cohorts(c.request, a['filter'] ?? {}),
    cohort: (_: unknown, a: Args, c: Ctx) => s.catalogue.cohort(c.request, a['id']),
    enrolments: (_: unknown, a: Args, c: Ctx) => s.enrolment.enrolments(c.request, a['filter'] ?? {}),
    trainingDue: (_: unknown, a: Args, c: Ctx) => s.trainingDue.trainingDue(c.request, a),
    youngTeachersWithoutMentor: (_: unknown, a: Args, c: Ctx) => s.trainingDue.youngTeachersWithoutMentor(c.request, a),
    mentorships: (_: unknown, a: Args, c: Ctx) => s.mentoring.mentorships(c.request, a['filter'] ?? {}),
    certificateRegisterExport: (_: unknown, a: Args, c: Ctx) =>
      s.certificates.certificateRegisterExport(c.request, { from: a['from'], to: a['to'], municipalityId: a['municipalityId'] }),
  },
  Mutation: {
    createProgramme: (_: unknown, a: Args, c: Ctx) => s.catalogue.createProgramme(c.request, a['input']),
    updateProgramme: (_: unknown, a: Args, c: Ctx) => s.catalogue.updateProgramme(c.request, a['input']),
    publishProgramme: (_: unknown, a: Args, c: Ctx) => s.catalogue.publishProgramme(c.request, a['id']),
    withdrawProgramme: (_: unknown, a: Args, c: Ctx) => s.catalogue.withdrawProgramme(c.request, a['input']),
    scheduleCohort: (_: unknown, a: Args, c: Ctx) => s.catalogue.scheduleCohort(c.request, a['input']),
    changeCohortSeats: (_: unknown, a: Args, c: Ctx) => s.catalogue.changeCohortSeats(c.request, a['input']),
    cancelCohort: (_: unknown, a: Args, c: Ctx) => s.catalogue.cancelCohort(c.request, a['input']),
    applyForCohort: (_: unknown, a: Args, c: Ctx) => s.enrolment.applyForCohort(c.request, a['input']),
    approveEnrolment: (_: unknown, a: Args, c: Ctx) => s.enrolment.approveEnrolment(c.request, a['enrolmentId']),
    rejectEnrolment: (_: unknown, a: Args, c: Ctx) => s.enrolment.rejectEnrolment(c.request, a['input']),
    withdrawEnrolment: (_: unknown, a: Args, c: Ctx) => s.enrolment.withdrawEnrolment(c.request, a['input']),
    completeEnrolment: (_: unknown, a: Args, c: Ctx) => s.enrolment.completeEnrolment(c.request, a['input']),
    markEnrolmentNotCompleted: (_: unknown, a: Args, c: Ctx) => s.enrolment.markEnrolmentNotCompleted(c.request, a['input']),
    recordExternalTraining: async (_: unknown, a: Args, c: Ctx) =>
      externalTrainingView(a['input'].educatorId, await s.development.recordExternalTraining(c.request, a['input'])),
    recordDiagnosticResult: (_: unknown, a: Args, c: Ctx) => s.development.recordDiagnosticResult(c.request, a['input']),
    importDiagnostics: (_: unknown, a: Args, c: Ctx) => s.diagnosticsImport.importDiagnostics(c.request, a['input']),
    proposeRoute: (_: unknown, a: Args, c: Ctx) => s.development.proposeRoute(c.request, a['educatorId']),
    addRouteItem: (_: unknown, a: Args, c: Ctx) => s.development.addRouteItem(c.request, a['input']),
    changeRouteItem: (_: unknown, a: Args, c: Ctx) => s.development.changeRouteItem(c.request, a['input']),
    removeRouteItem: (_: unknown, a: Args, c: Ctx) => s.development.removeRouteItem(c.request, a['input']),
    approveRoute: (_: unknown, a: Args, c: Ctx) => s.development.approveRoute(c.request, a['educatorId']),
    markRouteItemDone: (_: unknown, a: Args, c: Ctx) => s.development.markRouteItemDone(c.request, a['input']),
    startMentorship: (_: unknown, a: Args, c: Ctx) => s.mentoring.startMentorship(c.request, a['input']),
    updateMentorshipGoals: (_: unknown, a: Args, c: Ctx) => s.mentoring.updateMentorshipGoals(c.request, a['input']),
    completeMentorship: (_: unknown, a: Args, c: Ctx) => s.mentoring.completeMentorship(c.request, a['input']),
    endMentorship: (_: unknown, a: Args, c: Ctx) => s.mentoring.endMentorship(c.request, a['input']),
  },
  Programme: {
    ownerMunicipality: (p: ProgrammeView) => ref(p.ownerMunicipalityId),
    cohorts: (p: ProgrammeView, _: Args, c: Ctx) => s.catalogue.cohorts(c.request, { programmeId: p.id }),
  },
  Cohort: {
    programme: (co: CohortView, _: Args, c: Ctx) => s.catalogue.programme(c.request, co.programmeId),
    ownerMunicipality: (co: CohortView) => ref(co.ownerMunicipalityId),
    enrolments: (co: CohortView, _: Args, c: Ctx) => s.enrolment.enrolmentsOfCohort(c.request, co.id),
  },
  Enrolment: {
    cohort: (e: EnrolmentView, _: Args, c: Ctx) => s.catalogue.cohort(c.request, e.cohortId),
    educator: (e: EnrolmentView) => ref(e.educatorId),
    organization: (e: EnrolmentView) => ref(e.organizationId),
    municipality: (e: EnrolmentView) => ref(e.municipalityId),
  },
  Route: {
    educator: (r: { educatorId: string }) => ref(r.educatorId),
  },
  Mentorship: {
    mentor: (m: MentorshipView) => ref(m.mentorId),
    mentee: (m: MentorshipView) => ref(m.menteeId),
    municipality: (m: MentorshipView) => ref(m.municipalityId),
  },
  TrainingDue: {
    educator: (t: TrainingDueView) => ref(t.educatorId),
    organization: (t: TrainingDueView) => ref(t.organizationId),
    municipality: (t: TrainingDueView) => ref(t.municipalityId),
  },
  Educator: {
    __resolveReference: (r: { id: string }): EducatorParent => ({ id: r.id }),
    enrolments: (e: EducatorParent, _: Args, c: Ctx) => s.educators.enrolments(c.request, e),
    route: (e: EducatorParent, _: Args, c: Ctx) => s.educators.route(c.request, e),
    deficits: (e: EducatorParent, _: Args, c: Ctx) => s.educators.deficits(c.request, e),
    diagnosticResults: (e: EducatorParent, _: Args, c: Ctx) => s.educators.diagnosticResults(c.request, e),
    externalTrainings: (e: EducatorParent, _: Args, c: Ctx) => s.educators.externalTrainings(c.request, e),
    trainingDueDate: (e: EducatorParent, _: Args, c: Ctx) => s.educators.trainingDueDate(c.request, e),
    mentorships: (e: EducatorParent, _: Args, c: Ctx) => s.educators.mentorships(c.request, e),
  },
  EducationalOrganization: {
    __resolveReference: (r: { id: string }) => ({ id: r.id }),
    trainingSummary: (o: { id: string }, a: Args, c: Ctx) => s.trainingDue.organizationSummary(c.request, o.id, a['asOf']),
  },
  Municipality: {
    __resolveReference: (r: { id: string }) => ({ id: r.id }),
    trainingSummary: (m: { id: string }, a: Args, c: Ctx) => s.trainingDue.municipalitySummary(c.request, m.id, a['asOf']),
  },
});

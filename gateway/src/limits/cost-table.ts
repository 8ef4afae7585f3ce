/**
 * The cost model's declared figures for the platform's API: how many items a list holds when the
 * query does not say (`first`), and the fields whose resolver does more work than the objects it
 * returns. Keys are `Type.field`, or `*.field` for every type. The supergraph carries no
 * `@cost` / `@listSize` directives, so the gateway keeps them here; a field added to an SDL
 * without an entry gets the defaults (objects 1, lists DEFAULT_LIST_SIZE).
 */
export interface CostTable {
  /** Cost of each object (composite value) an operation returns; scalars and enums cost 0. */
  objectCost: number;
  /** Added for each root mutation field: a write costs more than a read of the same shape. */
  mutationCost: number;
  /** Assumed size of a list that has no slicing argument and no declared size. */
  defaultListSize: number;
  /** Arguments that say how many items a list (or a connection's `nodes`) holds, capped at `maxSliceSize`. */
  slicingArguments: readonly string[];
  /** The subgraphs' largest page (`MAX_PAGE` of @mms/service-kit): a larger `first` is refused there anyway. */
  maxSliceSize: number;
  /** Fields of a connection object that the slicing argument of the field returning it sizes. */
  sizedFields: readonly string[];
  /** Declared sizes of lists without a slicing argument. */
  listSizes: Readonly<Record<string, number>>;
  /** Extra cost of one call of the field's resolver (aggregates computed over many documents). */
  weights: Readonly<Record<string, number>>;
}

export const COST_TABLE: CostTable = {
  objectCost: 1,
  mutationCost: 10,
  defaultListSize: 50,
  slicingArguments: ['first'],
  maxSliceSize: 200,
  sizedFields: ['nodes'],
  listSizes: {
    // The deprecated unpaged lists (their …Page fields are sized by `first`): each answers up to
    // MAX_LIST_ROWS of @mms/service-kit (1,000) rows, else LIST_TOO_LARGE, so each is priced as that.
    'Query.programmes': 1_000,
    'Query.cohorts': 1_000,
    'Query.enrolments': 1_000,
    'Query.trainingDue': 1_000,
    'Query.youngTeachersWithoutMentor': 1_000,
    'Query.mentorships': 1_000,
    // One entity's own lists.
    'Programme.cohorts': 10,
    'Cohort.enrolments': 30,
    'Educator.enrolments': 10,
    'Educator.diagnosticResults': 20,
    'Educator.externalTrainings': 10,
    'Educator.mentorships': 5,
    'Route.items': 10,
    '*.history': 20,
    'HistoryEntry.changes': 5,
    'IndicatorReport.topDeficits': 5,
    // Every municipality of the region (60 in the demo region).
    'RegionalComparison.municipalities': 60,
    // Olympiads: a stage's grade groups and tasks are few; a juror scores up to a hundred works;
    // a grade group's protocol holds tens to hundreds of rows (the public page reads one stage).
    'Query.olympiadStages': 100,
    'Query.olympiadSubjects': 24,
    'Mutation.assignOlympiadWorks': 8,
    'StagePublicationOutcome.partitions': 8,
    'StagePublicationOutcome.refused': 8,
    'Mutation.issueParticipantCodes': 100,
    'Mutation.registerStudents': 100,
    'Mutation.enterStudentsForStage': 100,
    'Query.myJuryWorks': 100,
    // A juror's stages (a subject's stages of a year or two) and the appeals of their commission's published protocols.
    'Query.myJuryDuties': 30,
    'Query.myJuryAppeals': 100,
    'Query.olympiadPublicResults': 8,
    'Query.olympiadAdmissionList': 300,
    'Query.priorOlympiadResults': 24,
    'PriorOlympiadResults.rows': 100,
    'OlympiadStage.groups': 8,
    'GradeGroup.tasks': 10,
    'JuryWork.tasks': 10,
    'OlympiadStage.jury': 20,
    'OlympiadStage.juryConflicts': 20,
    'OlympiadStage.passingScores': 8,
    'OlympiadStage.partitions': 8,
    'OlympiadStage.entries': 300,
    'OlympiadPartition.rows': 100,
    'OlympiadPartition.appeals': 10,
    'OlympiadPartition.assignments': 100,
    // A work's trail: 2 assignments, 2 scores per task and a third check or two; every work's at most ~1,200 entries.
    'OlympiadPartition.workAudit': 200,
    'PublicPartitionResults.rows': 50,
    'PartitionDraft.rows': 100,
    'PartitionDraft.agreement': 20,
    'QuotaPreview.bySchool': 50,
    'QuotaPreview.byMunicipality': 60,
    'PassingScorePreview.bySchool': 50,
    'PassingScorePreview.byMunicipality': 60,
    'Student.entries': 10,
    'Educator.juryDuties': 5,
    'EducationalOrganization.olympiadParticipation': 100,
    'EducationalOrganization.olympiadResults': 100,
    'Municipality.olympiadStages': 30,
    // Monitoring's olympiad figures: one per subject with participants (24 ВсОШ subjects, and local olympiads').
    'OlympiadIndicators.subjects': 25,
    'NetworkIndicators.activeCommunities': 9,
    // Communities: a municipality's register and the region's (a few dozen each), a community's members (a РМО: up to ~150).
    'Query.communities': 100,
    'Query.methodEventCalendar': 100,
    'Query.myEventRegistrations': 30,
    'Query.sites': 60,
    'Query.siteCalls': 10,
    'Query.overdueSiteReports': 30,
    'Query.siteReportsDueSoon': 30,
    'Query.overdueGroupTasks': 30,
    'Community.organizations': 10,
    'Community.orders': 5,
    'Community.members': 50,
    'Community.reports': 10,
    'Community.tasks': 20,
    'Community.threads': 20,
    'CommunityThread.posts': 50,
    'MethodEvent.subjects': 3,
    'MethodEvent.positions': 3,
    'MethodEvent.speakers': 5,
    'MethodEvent.registrations': 100,
    'MethodEvent.feedbackComments': 50,
    'Site.organizations': 3,
    'Site.reports': 5,
    'Site.register': 6,
    'Site.missing': 6,
    'Site.opinions': 5,
    'SiteCall.statuses': 5,
    'ProjectCard.stages': 5,
    'ProjectCard.calendarPlan': 12,
    'ExpertOpinion.scores': 6,
    'Educator.communityMemberships': 5,
    'Educator.eventRegistrations': 20,
    'Educator.presentations': 5,
    'EducationalOrganization.communities': 10,
    'EducationalOrganization.sites': 3,
    'Municipality.communities': 60,
    'Municipality.sites': 30,
    'Municipality.methodEvents': 60,
  },
  weights: {
    // Reads every school document of the region (1,500 at scale 1; uncached per asOf: seconds at
    // 40,000 educators): priced so that one is always a costly operation (GATEWAY_HEAVY_COST, 2,000).
    'Query.regionalComparison': 2_000,
    // Read a municipality's school documents, or its educators' training facts.
    'Query.municipalityIndicators': 20,
    'Municipality.indicators': 20,
    'Municipality.trainingSummary': 20,
    'Query.certificateRegisterExport': 50,
    // One school.
    'Query.schoolIndicators': 2,
    'EducationalOrganization.indicators': 2,
    'EducationalOrganization.trainingSummary': 5,
    // A report's olympiad figures: its schools' revisions, school rows only where they changed.
    'IndicatorReport.olympiads': 5,
    // A report's network figures: its unit's educators, communities, events and sites (the region's: every educator's row).
    'IndicatorReport.network': 10,
  },
};

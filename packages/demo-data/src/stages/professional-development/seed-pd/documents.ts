/** The GraphQL documents the PD seeder sends (re-exported by seed-professional-development.ts). */
export const PD_PROGRAMMES = /* GraphQL */ `
  query DemoPdProgrammes($after: String) {
    programmesPage(first: 200, after: $after) {
      nodes {
        id
        title
        status
        ownerMunicipality {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const CREATE_PROGRAMME = /* GraphQL */ `
  mutation DemoCreateProgramme($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      id
    }
  }
`;

export const PUBLISH_PROGRAMME = /* GraphQL */ `
  mutation DemoPublishProgramme($id: ID!) {
    publishProgramme(id: $id) {
      id
    }
  }
`;

export const PD_COHORTS = /* GraphQL */ `
  query DemoPdCohorts($after: String) {
    cohortsPage(first: 200, after: $after) {
      nodes {
        id
        programmeId
        startDate
        endDate
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const SCHEDULE_COHORT = /* GraphQL */ `
  mutation DemoScheduleCohort($input: ScheduleCohortInput!) {
    scheduleCohort(input: $input) {
      id
    }
  }
`;

export const PD_KNOWN_EDUCATORS = /* GraphQL */ `
  query DemoPdKnownEducators($id: ID!) {
    municipality(id: $id) {
      id
      trainingSummary {
        educators
      }
    }
  }
`;

export const PD_ENROLMENTS = /* GraphQL */ `
  query DemoPdEnrolments($municipalityId: ID, $educatorId: ID, $after: String) {
    enrolmentsPage(filter: { municipalityId: $municipalityId, educatorId: $educatorId }, first: 200, after: $after) {
      nodes {
        id
        cohortId
        status
        educator {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const PD_ENROLMENTS_OF_COHORT = /* GraphQL */ `
  query DemoPdEnrolmentsOfCohort($cohortId: ID, $after: String) {
    enrolmentsPage(filter: { cohortId: $cohortId }, first: 200, after: $after) {
      nodes {
        id
        cohortId
        status
        educator {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const APPLY_FOR_COHORT = /* GraphQL */ `
  mutation DemoApplyForCohort($input: ApplyForCohortInput!) {
    applyForCohort(input: $input) {
      id
      status
    }
  }
`;

/** A list command's answer per entry: what it made (`made`), or why it was refused. */
const outcomes = (made: string) => `index ${made} error { code message fields }`;
const OUTCOMES = outcomes('enrolment { id status }');

export const APPLY_FOR_COHORTS = /* GraphQL */ `
  mutation DemoApplyForCohorts($input: [ApplyForCohortInput!]!) {
    applyForCohorts(input: $input) { ${OUTCOMES} }
  }
`;

export const APPROVE_ENROLMENTS = /* GraphQL */ `
  mutation DemoApproveEnrolments($enrolmentIds: [ID!]!) {
    approveEnrolments(enrolmentIds: $enrolmentIds) { ${OUTCOMES} }
  }
`;

export const REJECT_ENROLMENT = /* GraphQL */ `
  mutation DemoRejectEnrolment($input: RejectEnrolmentInput!) {
    rejectEnrolment(input: $input) {
      id
      status
    }
  }
`;

export const WITHDRAW_ENROLMENT = /* GraphQL */ `
  mutation DemoWithdrawEnrolment($input: WithdrawEnrolmentInput!) {
    withdrawEnrolment(input: $input) {
      id
      status
    }
  }
`;

export const COMPLETE_ENROLMENTS = /* GraphQL */ `
  mutation DemoCompleteEnrolments($input: [CompleteEnrolmentInput!]!) {
    completeEnrolments(input: $input) { ${OUTCOMES} }
  }
`;

export const MARK_ENROLMENT_NOT_COMPLETED = /* GraphQL */ `
  mutation DemoMarkEnrolmentNotCompleted($input: MarkEnrolmentNotCompletedInput!) {
    markEnrolmentNotCompleted(input: $input) {
      id
      status
    }
  }
`;

export const RECORD_EXTERNAL_TRAININGS = /* GraphQL */ `
  mutation DemoRecordExternalTrainings($input: [RecordExternalTrainingInput!]!) {
    recordExternalTrainings(input: $input) {
      index
      training {
        id
      }
      error {
        code
        message
        fields
      }
    }
  }
`;

export const IMPORT_DIAGNOSTICS = /* GraphQL */ `
  mutation DemoImportDiagnostics($input: ImportDiagnosticsInput!) {
    importDiagnostics(input: $input) {
      importId
      imported
      rerun
      rejected {
        line
        message
      }
    }
  }
`;

export const PD_ACTIVE_MENTORSHIPS = /* GraphQL */ `
  query DemoPdActiveMentorships($after: String) {
    mentorshipsPage(filter: { status: ACTIVE }, first: 200, after: $after) {
      nodes {
        id
        mentee {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const START_MENTORSHIPS = /* GraphQL */ `
  mutation DemoStartMentorships($input: [StartMentorshipInput!]!) {
    startMentorships(input: $input) { ${outcomes('mentorship { id }')} }
  }
`;

export const PROPOSE_ROUTES = /* GraphQL */ `
  mutation DemoProposeRoutes($educatorIds: [ID!]!) {
    proposeRoutes(educatorIds: $educatorIds) { ${outcomes('route { status }')} }
  }
`;

export const APPROVE_ROUTES = /* GraphQL */ `
  mutation DemoApproveRoutes($educatorIds: [ID!]!) {
    approveRoutes(educatorIds: $educatorIds) { ${outcomes('route { status }')} }
  }
`;

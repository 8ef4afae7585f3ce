import { graphql } from '../../gql';

/** The contests pages' operations (typed by codegen against the supergraph's API schema). */

export const STAGE_SUMMARY_FRAGMENT = graphql(`
  fragment StageSummary on OlympiadStage {
    id
    organiser
    kind
    title
    academicYear
    subject
    subjectTitle
    level
    startsOn
    endsOn
    registrationFrom
    registrationTo
    consentDeadline
    status
    cancelReason
  }
`);

export const STAGE_GROUPS_FRAGMENT = graphql(`
  fragment StageGroups on OlympiadStage {
    groups {
      groupId
      grades
      maxScore
      tasks {
        taskId
        maxPoints
        thirdCheckThreshold
      }
    }
  }
`);

export const STAGE_GRADES_FRAGMENT = graphql(`
  fragment StageGrades on OlympiadStage {
    groups {
      groupId
      grades
      maxScore
    }
  }
`);

export const STAGE_SETTINGS_FIELDS_FRAGMENT = graphql(`
  fragment StageSettingsFields on StageSettings {
    consentLeadWorkingDays
    holidays
    scoringMode
    agreeingFinal
    appealDays
    quotas {
      awardedShare
      winnerShare
      minScoreShare
      tieRule
    }
  }
`);

export const PROTOCOL_ROW_FIELDS_FRAGMENT = graphql(`
  fragment ProtocolRowFields on ProtocolRow {
    code
    student {
      id
      fullName
    }
    school {
      id
      name
    }
    municipality {
      id
      name
    }
    grade
    taskScores
    score
    rank
    status
  }
`);

export const APPEAL_FIELDS_FRAGMENT = graphql(`
  fragment AppealFields on Appeal {
    id
    code
    taskId
    kind
    statement
    filedAt
    decided
    decision
    from
    to
    reason
    decidedBy
  }
`);

export const STUDENT_ROW_FRAGMENT = graphql(`
  fragment StudentRow on Student {
    id
    grade
    fullName
    surname
    name
    patronymic
    birthDate
    possibleDuplicate
    erased
    school {
      id
      name
    }
    consent {
      signedOn
      participation
      publishResults
      publishWork
    }
  }
`);

export const ENTRY_ROW_FRAGMENT = graphql(`
  fragment EntryRow on OlympiadEntry {
    id
    stageId
    grade
    groupId
    code
    status
    student {
      id
      fullName
      grade
    }
    school {
      id
      name
    }
  }
`);

// ---- Public: the schedule and published results ----

export const OLYMPIAD_SUBJECTS = graphql(`
  query OlympiadSubjects {
    olympiadSubjects {
      code
      title
    }
  }
`);

export const PUBLIC_STAGES = graphql(`
  query PublicOlympiadStages($filter: OlympiadStageFilter) {
    olympiadStages(filter: $filter) {
      ...StageSummary
    }
  }
`);

export const PUBLIC_RESULTS = graphql(`
  query PublicOlympiadResults($stageId: ID!) {
    olympiadStage(id: $stageId) {
      ...StageSummary
      ...StageGrades
    }
    olympiadPublicResults(stageId: $stageId) {
      groupId
      status
      maxScore
      rows {
        participant
        grade
        school {
          id
          name
        }
        score
        rank
        status
      }
    }
  }
`);

// ---- The school: students, consents, entries, codes, appeals ----

export const STUDENTS = graphql(`
  query SchoolStudents($organizationId: ID, $first: Int, $after: String) {
    studentsPage(organizationId: $organizationId, first: $first, after: $after) {
      nodes {
        ...StudentRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const STUDENT_HISTORY = graphql(`
  query StudentHistory($id: ID!) {
    student(id: $id) {
      id
      history {
        at
        what
        reason
        actor {
          role
        }
      }
    }
  }
`);

export const REGISTER_STUDENT = graphql(`
  mutation RegisterStudent($input: RegisterStudentInput!) {
    registerStudent(input: $input) {
      ...StudentRow
    }
  }
`);

export const REGISTER_STUDENTS = graphql(`
  mutation RegisterStudents($input: RegisterStudentsInput!) {
    registerStudents(input: $input) {
      id
    }
  }
`);

export const CHANGE_STUDENT = graphql(`
  mutation ChangeStudent($input: ChangeStudentInput!) {
    changeStudent(input: $input) {
      ...StudentRow
    }
  }
`);

export const RECORD_CONSENT = graphql(`
  mutation RecordParentalConsent($input: RecordParentalConsentInput!) {
    recordParentalConsent(input: $input) {
      ...StudentRow
    }
  }
`);

export const WITHDRAW_CONSENT = graphql(`
  mutation WithdrawParentalConsent($studentId: ID!) {
    withdrawParentalConsent(studentId: $studentId) {
      ...StudentRow
    }
  }
`);

export const ERASE_STUDENT = graphql(`
  mutation EraseStudent($studentId: ID!) {
    eraseStudent(studentId: $studentId) {
      ...StudentRow
    }
  }
`);

export const SCHOOL_OLYMPIADS = graphql(`
  query SchoolOlympiads($organizationId: ID!, $academicYear: String) {
    olympiadStages(filter: { academicYear: $academicYear }) {
      ...StageSummary
    }
    organization(id: $organizationId) {
      id
      name
      olympiadParticipation(academicYear: $academicYear) {
        id
        stageId
        code
        status
      }
      olympiadResults(academicYear: $academicYear) {
        stageId
        subject
        level
        grade
        score
        status
        student {
          id
          fullName
        }
      }
    }
  }
`);

export const SCHOOL_STAGE = graphql(`
  query SchoolStage($stageId: ID!) {
    olympiadStage(id: $stageId) {
      ...StageSummary
      ...StageGroups
      entries {
        ...EntryRow
      }
      partitions {
        id
        groupId
        status
        version
        appealsUntil
        maxScore
      }
    }
  }
`);

export const ENTER_STUDENT = graphql(`
  mutation EnterStudentForStage($input: EnterStudentInput!) {
    enterStudentForStage(input: $input) {
      ...EntryRow
    }
  }
`);

export const ENTER_STUDENTS = graphql(`
  mutation EnterStudentsForStage($input: EnterStudentsInput!) {
    enterStudentsForStage(input: $input) {
      id
    }
  }
`);

export const WITHDRAW_ENTRY = graphql(`
  mutation WithdrawStageEntry($input: WithdrawStageEntryInput!) {
    withdrawStageEntry(input: $input) {
      ...EntryRow
    }
  }
`);

export const ISSUE_CODES = graphql(`
  mutation IssueParticipantCodes($stageId: ID!) {
    issueParticipantCodes(stageId: $stageId) {
      ...EntryRow
    }
  }
`);

export const FILE_APPEAL = graphql(`
  mutation FileOlympiadAppeal($input: FileOlympiadAppealInput!) {
    fileOlympiadAppeal(input: $input) {
      id
      appeals {
        ...AppealFields
      }
    }
  }
`);

// ---- The organiser: stages, jury, works, scores, protocols, appeals, admission ----

export const MUNICIPALITY_STAGES = graphql(`
  query MunicipalityOlympiadStages($municipalityId: ID!, $academicYear: String) {
    municipality(id: $municipalityId) {
      id
      name
      olympiadStages(academicYear: $academicYear) {
        ...StageSummary
      }
    }
  }
`);

export const REGION_STAGES = graphql(`
  query RegionOlympiadStages($academicYear: String) {
    olympiadStages(filter: { academicYear: $academicYear, level: REGIONAL }) {
      ...StageSummary
    }
  }
`);

export const ORGANISER_STAGE = graphql(`
  query OrganiserStage($stageId: ID!) {
    olympiadStage(id: $stageId) {
      ...StageSummary
      ...StageGroups
      settings {
        ...StageSettingsFields
      }
      jury {
        jurorId
        chair
        appealCommission
        educator {
          id
          fullName
          position
        }
        organization {
          id
          name
        }
      }
      passingScores {
        groupId
        score
      }
      juryConflicts {
        jurorId
        conflicts
      }
    }
  }
`);

export const STAGE_PARTITIONS = graphql(`
  query OlympiadStagePartitions($stageId: ID!) {
    olympiadStage(id: $stageId) {
      id
      partitions {
        id
        groupId
        status
        version
        appealsUntil
        marks
        appeals {
          id
          decided
        }
      }
    }
  }
`);

export const STAGE_ENTRIES = graphql(`
  query OlympiadStageEntries($stageId: ID!) {
    olympiadStage(id: $stageId) {
      id
      entries {
        ...EntryRow
      }
    }
  }
`);

export const STAGE_HISTORY = graphql(`
  query OlympiadStageHistory($id: ID!) {
    olympiadStage(id: $id) {
      id
      history {
        at
        what
        reason
        actor {
          role
        }
      }
    }
  }
`);

export const SCHEDULE_STAGE = graphql(`
  mutation ScheduleOlympiadStage($input: ScheduleOlympiadStageInput!) {
    scheduleOlympiadStage(input: $input) {
      ...StageSummary
    }
  }
`);

export const CHANGE_STAGE_PLAN = graphql(`
  mutation ChangeOlympiadStagePlan($input: ChangeOlympiadStagePlanInput!) {
    changeOlympiadStagePlan(input: $input) {
      ...StageSummary
      ...StageGroups
    }
  }
`);

export const CHANGE_STAGE_SETTINGS = graphql(`
  mutation ChangeOlympiadStageSettings($input: ChangeOlympiadStageSettingsInput!) {
    changeOlympiadStageSettings(input: $input) {
      id
      settings {
        ...StageSettingsFields
      }
    }
  }
`);

export const CANCEL_STAGE = graphql(`
  mutation CancelOlympiadStage($input: CancelOlympiadStageInput!) {
    cancelOlympiadStage(input: $input) {
      ...StageSummary
    }
  }
`);

export const APPOINT_JURY = graphql(`
  mutation AppointOlympiadJury($input: AppointOlympiadJuryInput!) {
    appointOlympiadJury(input: $input) {
      id
      jury {
        jurorId
      }
      juryConflicts {
        jurorId
        conflicts
      }
    }
  }
`);

export const JURY_EDUCATORS = graphql(`
  query JuryEducatorChoices($filter: EducatorFilter) {
    educators(filter: $filter, first: 200) {
      nodes {
        id
        fullName
        position
        organization {
          id
          name
        }
      }
    }
  }
`);

export const MUNICIPALITY_NAMES = graphql(`
  query OlympiadMunicipalityNames {
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export const ORGANIZATION_NAMES = graphql(`
  query OlympiadOrganizationNames($filter: OrganizationFilter) {
    organizations(filter: $filter, first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export const SET_PASSING_SCORES = graphql(`
  mutation SetOlympiadPassingScores($input: SetOlympiadPassingScoresInput!) {
    setOlympiadPassingScores(input: $input) {
      id
      passingScores {
        groupId
        score
      }
    }
  }
`);

export const PASSING_SCORE_PREVIEW = graphql(`
  query OlympiadPassingScorePreview($stageId: ID!, $groupId: ID!, $score: Float!) {
    olympiadPassingScorePreview(stageId: $stageId, groupId: $groupId, score: $score) {
      passingScore
      total
      reaching
      atPassingScore
      byMunicipality {
        id
        municipality {
          id
          name
        }
        reaching
        total
      }
      bySchool {
        id
        school {
          id
          name
        }
        reaching
        total
      }
    }
  }
`);

export const ADMISSION_LIST = graphql(`
  query OlympiadAdmissionList($stageId: ID!) {
    olympiadAdmissionList(stageId: $stageId) {
      studentId
      student {
        id
        fullName
      }
      school {
        id
        name
      }
      grade
      reasons
      score
    }
  }
`);

export const ASSIGN_WORKS = graphql(`
  mutation AssignOlympiadWorks($stageId: ID!) {
    assignOlympiadWorks(stageId: $stageId) {
      id
      groupId
    }
  }
`);

export const PUBLISH_STAGE_PROTOCOLS = graphql(`
  mutation PublishPreliminaryProtocols($stageId: ID!) {
    publishPreliminaryProtocols(stageId: $stageId) {
      partitions {
        id
        groupId
        status
        version
      }
      refused {
        groupId
        error {
          code
          message
        }
      }
    }
  }
`);

export const STAGE_TITLE = graphql(`
  query OlympiadStageTitle($stageId: ID!) {
    olympiadStage(id: $stageId) {
      id
      title
    }
  }
`);

export const SCORE_IMPORT = graphql(`
  query OlympiadScoreImport($importId: ID!) {
    olympiadScoreImport(importId: $importId) {
      importId
      status
      receivedLines
      applied
      rejected
      problems {
        line
        message
      }
    }
  }
`);

export const PARTITION = graphql(`
  query OlympiadPartition($id: ID!) {
    olympiadPartition(id: $id) {
      id
      stageId
      groupId
      status
      version
      appealsUntil
      maxScore
      marks
      rows {
        ...ProtocolRowFields
      }
      appeals {
        ...AppealFields
      }
    }
  }
`);

export const PARTITION_ASSIGNMENTS = graphql(`
  query OlympiadPartitionAssignments($id: ID!) {
    olympiadPartition(id: $id) {
      id
      assignments {
        code
        jurorIds
      }
    }
  }
`);

export const PARTITION_AUDIT = graphql(`
  query OlympiadPartitionAudit($id: ID!, $code: String) {
    olympiadPartition(id: $id) {
      id
      workAudit(code: $code) {
        code
        action
        jurorId
        taskId
        score
        at
        by
        byRole
      }
    }
  }
`);

export const PARTITION_HISTORY = graphql(`
  query OlympiadPartitionHistory($id: ID!) {
    olympiadPartition(id: $id) {
      id
      history {
        at
        what
        reason
        actor {
          role
        }
      }
    }
  }
`);

export const PARTITION_DRAFT = graphql(`
  query OlympiadPartitionDraft($partitionId: ID!) {
    olympiadPartitionDraft(partitionId: $partitionId) {
      partitionId
      maxScore
      incomplete
      rows {
        ...ProtocolRowFields
      }
      agreement {
        jurorId
        scored
        meanDeviation
        thirdChecksTriggered
        thirdCheckShare
      }
    }
  }
`);

export const QUOTA_PREVIEW = graphql(`
  query OlympiadQuotaPreview($partitionId: ID!, $quotas: QuotaSettingsInput!) {
    olympiadQuotaPreview(partitionId: $partitionId, quotas: $quotas) {
      total
      winners
      prizeWinners
      participants
      byMunicipality {
        id
        municipality {
          id
          name
        }
        winners
        prizeWinners
        participants
      }
      bySchool {
        id
        school {
          id
          name
        }
        winners
        prizeWinners
        participants
      }
      cuts {
        boundary
        score
        quota
        tiedAtBoundary
        leftOut
        letInBeyondQuota
      }
    }
  }
`);

export const PUBLISH_PRELIMINARY = graphql(`
  mutation PublishPreliminaryProtocol($partitionId: ID!) {
    publishPreliminaryProtocol(partitionId: $partitionId) {
      id
      status
      version
      appealsUntil
    }
  }
`);

export const APPROVE_FINAL = graphql(`
  mutation ApproveFinalProtocol($partitionId: ID!) {
    approveFinalProtocol(partitionId: $partitionId) {
      id
      status
      version
    }
  }
`);

export const DISQUALIFY_WORK = graphql(`
  mutation DisqualifyOlympiadWork($input: DisqualifyOlympiadWorkInput!) {
    disqualifyOlympiadWork(input: $input) {
      id
      status
      version
    }
  }
`);

export const APPEAL_PREVIEW = graphql(`
  query OlympiadAppealPreview($partitionId: ID!, $appealId: ID!, $decision: AppealDecision!, $score: Float) {
    olympiadAppealPreview(partitionId: $partitionId, appealId: $appealId, decision: $decision, score: $score) {
      code
      before {
        rank
        status
        score
      }
      after {
        rank
        status
        score
      }
    }
  }
`);

export const DECIDE_APPEAL = graphql(`
  mutation DecideOlympiadAppeal($input: DecideOlympiadAppealInput!) {
    decideOlympiadAppeal(input: $input) {
      id
      status
      version
      appeals {
        ...AppealFields
      }
    }
  }
`);

// ---- The juror: works by code, scores, appeals of the commission ----

export const MY_JURY_WORKS = graphql(`
  query MyJuryWorks($stageId: ID) {
    myJuryWorks(stageId: $stageId) {
      partitionId
      stageId
      groupId
      code
      tasks {
        taskId
        maxPoints
        myScore
        thirdCheck
      }
    }
  }
`);

export const RECORD_SCORE = graphql(`
  mutation RecordOlympiadScore($input: RecordOlympiadScoreInput!) {
    recordOlympiadScore(input: $input) {
      partitionId
      code
      tasks {
        taskId
        maxPoints
        myScore
        thirdCheck
      }
    }
  }
`);

export const MY_JURY_DUTIES = graphql(`
  query MyJuryDuties {
    myJuryDuties {
      chair
      appealCommission
      stage {
        id
        title
        level
        groups {
          groupId
          grades
        }
      }
    }
  }
`);

export const MY_JURY_APPEALS = graphql(`
  query MyJuryAppeals($stageId: ID) {
    myJuryAppeals(stageId: $stageId) {
      partitionId
      stageId
      groupId
      protocolStatus
      maxPoints
      currentScore
      appeal {
        ...AppealFields
      }
    }
  }
`);

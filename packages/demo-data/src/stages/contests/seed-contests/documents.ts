/** The GraphQL documents the contests seeder sends (re-exported by seed-contests.ts). */
export const CONTESTS_STUDENTS = /* GraphQL */ `
  query DemoContestsStudents($after: String) {
    studentsPage(first: 200, after: $after) {
      nodes {
        id
        fullName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const REGISTER_STUDENTS = /* GraphQL */ `
  mutation DemoRegisterStudents($input: RegisterStudentsInput!) {
    registerStudents(input: $input) {
      id
      fullName
    }
  }
`;

export const CONTESTS_STAGES = /* GraphQL */ `
  query DemoContestsStages($year: String!) {
    olympiadStages(filter: { academicYear: $year, mine: true }) {
      id
      title
      level
      subject
      status
    }
  }
`;

export const SCHEDULE_STAGE = /* GraphQL */ `
  mutation DemoScheduleOlympiadStage($input: ScheduleOlympiadStageInput!) {
    scheduleOlympiadStage(input: $input) {
      id
    }
  }
`;

/** What the organiser reads of a stage: its jury, passing scores and protocols (with their appeals). */
export const CONTESTS_STAGE = /* GraphQL */ `
  query DemoContestsStage($id: ID!) {
    olympiadStage(id: $id) {
      id
      consentDeadline
      registrationTo
      jury {
        jurorId
        chair
        appealCommission
      }
      passingScores {
        groupId
        score
      }
      partitions {
        id
        groupId
        status
        marks
        appealsUntil
        appeals {
          id
          code
          taskId
          decided
        }
      }
    }
  }
`;

export const CONTESTS_ENTRIES = /* GraphQL */ `
  query DemoContestsEntries($id: ID!) {
    olympiadStage(id: $id) {
      id
      entries {
        id
        code
        groupId
        status
      }
    }
  }
`;

export const CONTESTS_ASSIGNMENTS = /* GraphQL */ `
  query DemoContestsAssignments($id: ID!) {
    olympiadStage(id: $id) {
      id
      partitions {
        id
        groupId
        assignments {
          code
          jurorIds
        }
      }
    }
  }
`;

export const APPOINT_JURY = /* GraphQL */ `
  mutation DemoAppointOlympiadJury($input: AppointOlympiadJuryInput!) {
    appointOlympiadJury(input: $input) {
      id
    }
  }
`;

export const SET_PASSING_SCORES = /* GraphQL */ `
  mutation DemoSetOlympiadPassingScores($input: SetOlympiadPassingScoresInput!) {
    setOlympiadPassingScores(input: $input) {
      id
    }
  }
`;

export const ADMISSION_LIST = /* GraphQL */ `
  query DemoContestsAdmission($id: ID!) {
    olympiadAdmissionList(stageId: $id) {
      studentId
    }
  }
`;

export const ENTER_STUDENTS = /* GraphQL */ `
  mutation DemoEnterStudentsForStage($input: EnterStudentsInput!) {
    enterStudentsForStage(input: $input) {
      id
      code
      groupId
      status
    }
  }
`;

export const ISSUE_CODES = /* GraphQL */ `
  mutation DemoIssueParticipantCodes($stageId: ID!) {
    issueParticipantCodes(stageId: $stageId) {
      id
      code
      groupId
      status
    }
  }
`;

export const ASSIGN_WORKS = /* GraphQL */ `
  mutation DemoAssignOlympiadWorks($stageId: ID!) {
    assignOlympiadWorks(stageId: $stageId) {
      id
      groupId
      assignments {
        code
        jurorIds
      }
    }
  }
`;

export const SCORE_IMPORT = /* GraphQL */ `
  query DemoContestsScoreImport($id: ID!) {
    olympiadScoreImport(importId: $id) {
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
`;

export const MY_JURY_WORKS = /* GraphQL */ `
  query DemoContestsJuryWorks($stageId: ID) {
    myJuryWorks(stageId: $stageId) {
      code
      tasks {
        taskId
        thirdCheck
      }
    }
  }
`;

export const RECORD_SCORE = /* GraphQL */ `
  mutation DemoRecordOlympiadScore($input: RecordOlympiadScoreInput!) {
    recordOlympiadScore(input: $input) {
      code
    }
  }
`;

export const PUBLISH_PROTOCOLS = /* GraphQL */ `
  mutation DemoPublishPreliminaryProtocols($stageId: ID!) {
    publishPreliminaryProtocols(stageId: $stageId) {
      partitions {
        groupId
        status
        appealsUntil
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
`;

export const FILE_APPEAL = /* GraphQL */ `
  mutation DemoFileOlympiadAppeal($input: FileOlympiadAppealInput!) {
    fileOlympiadAppeal(input: $input) {
      id
      appeals {
        id
        code
        taskId
        decided
      }
    }
  }
`;

export const APPEAL_PREVIEW = /* GraphQL */ `
  query DemoContestsAppealPreview($partitionId: ID!, $appealId: ID!, $decision: AppealDecision!, $score: Float) {
    olympiadAppealPreview(partitionId: $partitionId, appealId: $appealId, decision: $decision, score: $score) {
      code
    }
  }
`;

export const DECIDE_APPEAL = /* GraphQL */ `
  mutation DemoDecideOlympiadAppeal($input: DecideOlympiadAppealInput!) {
    decideOlympiadAppeal(input: $input) {
      id
      version
    }
  }
`;

export const APPROVE_FINAL = /* GraphQL */ `
  mutation DemoApproveFinalProtocol($id: ID!) {
    approveFinalProtocol(partitionId: $id) {
      id
      status
    }
  }
`;

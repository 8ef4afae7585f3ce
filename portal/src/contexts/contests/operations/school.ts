import { graphql } from '../../../gql';

/** The school: students, consents, entries, codes, appeals. */

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

import { graphql } from '../../../gql';

/** Fragments the contests pages share: a stage, its groups and settings, a protocol row, an appeal, a student, an entry. */

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

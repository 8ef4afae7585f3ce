import { graphql } from '../../../gql';

/** The organiser's stages: lists, one stage, its partitions and entries, history, scheduling and settings, the score file. */

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

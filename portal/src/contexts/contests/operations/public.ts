import { graphql } from '../../../gql';

/** Public: the schedule and published results (no sign-in). */

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

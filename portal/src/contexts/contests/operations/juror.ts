import { graphql } from '../../../gql';

/** The juror: works by code, scores, the commission's appeals. */

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

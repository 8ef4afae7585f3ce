import { graphql } from '../../../gql';

/** A grade group's partition: jurors' assignments, audit, history, the draft, quotas, publication, disqualification, appeals. */

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

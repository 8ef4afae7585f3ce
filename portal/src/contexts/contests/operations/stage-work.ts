import { graphql } from '../../../gql';

/** The organiser's work on a stage: the jury, passing scores and the admission list, works to jurors, publishing the protocols. */

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

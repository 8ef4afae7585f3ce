import { graphql } from '../../gql';

/** What the programme lists and pages show. */
export const PROGRAMME_FIELDS = graphql(`
  fragment ProgrammeFields on Programme {
    id
    title
    provider
    hours
    format
    level
    competences
    federalRegisterId
    status
    withdrawnReason
    ownerMunicipality {
      id
      name
    }
  }
`);

export const COHORT_FIELDS = graphql(`
  fragment CohortFields on Cohort {
    id
    programmeId
    title
    hours
    level
    startDate
    endDate
    seats
    held
    free
    status
    cancelReason
    ownerMunicipality {
      id
      name
    }
  }
`);

export const PROGRAMME_HISTORY = graphql(`
  query ProgrammeHistory($id: ID!) {
    programme(id: $id) {
      id
      history {
        at
        what
        reason
        actor {
          subject
          role
        }
      }
    }
  }
`);

export const COHORT_HISTORY = graphql(`
  query CohortHistory($id: ID!) {
    cohort(id: $id) {
      id
      history {
        at
        what
        reason
        actor {
          subject
          role
        }
      }
    }
  }
`);

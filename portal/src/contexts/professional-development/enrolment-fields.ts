import { graphql } from '../../gql';

/** What every enrolment list shows (its history is read when asked: ENROLMENT_HISTORY). */
export const ENROLMENT_ROW = graphql(`
  fragment EnrolmentRow on Enrolment {
    id
    status
    appliedOn
    appliedBy
    statusOn
    reason
    programmeTitle
    cohort {
      id
      startDate
      endDate
    }
    educator {
      id
      fullName
      position
    }
    organization {
      id
      name
    }
    certificate {
      number
      issuedOn
      hours
    }
  }
`);

export const ENROLMENT_HISTORY = graphql(`
  query EnrolmentHistory($id: ID!) {
    enrolment(id: $id) {
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

import { graphql } from '../../../gql';

/** Methodological events: the calendar, an event, registration, attendance, certificates, feedback. */

export const CALENDAR = graphql(`
  query MethodEventCalendar($filter: CalendarFilter!) {
    methodEventCalendar(filter: $filter) {
      id
      tenantId
      kind
      title
      organiserName
      level
      startsAt
      endsAt
      place
      onlineUrl
      subjects
      capacity
      freeSeats
      waiting
      cancelled
      moderated
    }
  }
`);

export const METHOD_EVENT = graphql(`
  query MethodEventPage($id: ID!) {
    methodEvent(id: $id) {
      id
      tenantId
      kind
      title
      organiserKind
      organiserId
      organiserName
      level
      startsAt
      endsAt
      place
      onlineUrl
      subjects
      positions
      capacity
      moderated
      cancelled
      cancelReason
      seated
      waiting
      freeSeats
      attended
      ratings
      meanRating
      canOrganise
      speakers {
        title
        educator {
          id
          fullName
        }
      }
      myRegistration {
        status
        waitlistPosition
        attended
        certificateNumber
        hours
      }
      registrations {
        seq
        status
        waitlistPosition
        registeredAt
        registeredBy
        attended
        certificateNumber
        hours
        educator {
          id
          fullName
          organization {
            id
            name
          }
        }
      }
      checkInCode
      feedbackComments
    }
  }
`);

export const METHOD_EVENT_HISTORY = graphql(`
  query MethodEventHistory($id: ID!) {
    methodEvent(id: $id) {
      id
      history {
        at
        actor {
          subject
          role
        }
        eventType
        what
        changes {
          field
          value
        }
        reason
        streamVersion
      }
    }
  }
`);

export const MY_EVENTS = graphql(`
  query MyEventRegistrations {
    myEventRegistrations {
      methodEventId
      status
      seq
      waitlistPosition
      registeredAt
      attended
      certificateNumber
      hours
      methodEvent {
        id
        title
        kind
        startsAt
        endsAt
        place
        onlineUrl
        cancelled
      }
    }
    myCalendarFeedPath
  }
`);

export const PUBLISH_EVENT = graphql(`
  mutation PublishMethodEvent($input: MethodEventInput!) {
    publishMethodEvent(input: $input) {
      id
    }
  }
`);

export const REGISTER = graphql(`
  mutation RegisterForMethodEvent($id: ID!, $educatorId: ID) {
    registerForMethodEvent(methodEventId: $id, educatorId: $educatorId) {
      status
      waitlistPosition
    }
  }
`);

export const CANCEL_REGISTRATION = graphql(`
  mutation CancelMethodEventRegistration($id: ID!, $educatorId: ID) {
    cancelMethodEventRegistration(methodEventId: $id, educatorId: $educatorId) {
      status
    }
  }
`);

export const APPROVE_REGISTRATION = graphql(`
  mutation ApproveMethodEventRegistration($id: ID!, $educatorId: ID!) {
    approveMethodEventRegistration(methodEventId: $id, educatorId: $educatorId) {
      status
    }
  }
`);

export const REJECT_REGISTRATION = graphql(`
  mutation RejectMethodEventRegistration($id: ID!, $educatorId: ID!, $reason: String!) {
    rejectMethodEventRegistration(methodEventId: $id, educatorId: $educatorId, reason: $reason) {
      status
    }
  }
`);

export const MARK_ATTENDANCE = graphql(`
  mutation MarkMethodEventAttendance($id: ID!, $educatorId: ID!, $present: Boolean!) {
    markMethodEventAttendance(methodEventId: $id, educatorId: $educatorId, present: $present) {
      attended
    }
  }
`);

export const CHECK_IN = graphql(`
  mutation CheckInToMethodEvent($id: ID!, $code: String!) {
    checkInToMethodEvent(methodEventId: $id, code: $code) {
      attended
    }
  }
`);

export const ISSUE_CERTIFICATES = graphql(`
  mutation IssueMethodEventCertificates($id: ID!, $hours: Float!) {
    issueMethodEventCertificates(methodEventId: $id, hours: $hours) {
      id
      attended
    }
  }
`);

export const FEEDBACK = graphql(`
  mutation GiveMethodEventFeedback($id: ID!, $rating: Int!, $comment: String) {
    giveMethodEventFeedback(methodEventId: $id, rating: $rating, comment: $comment) {
      id
      ratings
    }
  }
`);

export const CANCEL_EVENT = graphql(`
  mutation CancelMethodEvent($id: ID!, $reason: String!) {
    cancelMethodEvent(methodEventId: $id, reason: $reason) {
      id
      cancelled
    }
  }
`);

export const CHANGE_CAPACITY = graphql(`
  mutation ChangeMethodEventCapacity($id: ID!, $capacity: Int!) {
    changeMethodEventCapacity(methodEventId: $id, capacity: $capacity) {
      id
      capacity
    }
  }
`);

export const ADD_SPEAKER = graphql(`
  mutation AddMethodEventSpeaker($id: ID!, $educatorId: ID!, $title: String!, $summary: String) {
    addMethodEventSpeaker(methodEventId: $id, educatorId: $educatorId, title: $title, summary: $summary) {
      id
    }
  }
`);

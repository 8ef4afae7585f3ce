import { graphql } from '../../gql';

/** Communities' operations: the calendar and events, communities and discussions, sites. */

export const MUNICIPALITIES = graphql(`
  query CommunitiesMunicipalities {
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export const EDUCATORS = graphql(`
  query CommunitiesEducators($filter: EducatorFilter, $first: Int) {
    educators(filter: $filter, first: $first) {
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

export const ORGANIZATIONS = graphql(`
  query CommunitiesOrganizations($filter: OrganizationFilter, $first: Int) {
    organizations(filter: $filter, first: $first) {
      nodes {
        id
        name
      }
    }
  }
`);

// Methodological events.

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

// Communities and discussions.

export const COMMUNITIES = graphql(`
  query CommunitiesRegister($filter: CommunityFilter) {
    communities(filter: $filter) {
      id
      tenantId
      kind
      level
      name
      subject
      direction
      status
      memberCount
      reportCount
      lastReportOn
      term {
        from
        to
      }
      head {
        id
        fullName
      }
      hostOrganization {
        id
        name
      }
    }
  }
`);

export const COMMUNITY = graphql(`
  query CommunityPage($id: ID!) {
    community(id: $id) {
      id
      tenantId
      kind
      level
      name
      subject
      direction
      status
      task
      memberCount
      closedOn
      closeReason
      canRun
      term {
        from
        to
      }
      organizations {
        id
        name
      }
      hostOrganization {
        id
        name
      }
      head {
        id
        fullName
      }
      orders {
        number
        date
        issuer
      }
      members(includeFormer: true) {
        role
        since
        leftOn
        leftReason
        educator {
          id
          fullName
          position
          organization {
            id
            name
          }
        }
      }
      reports {
        period
        submittedOn
        summary
      }
      tasks {
        taskId
        title
        dueOn
        doneOn
        overdue
        owner {
          id
          fullName
        }
      }
      threads {
        id
        title
        posts
        lastPostAt
        status
      }
    }
  }
`);

export const COMMUNITY_HISTORY = graphql(`
  query CommunityHistory($id: ID!) {
    community(id: $id) {
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

export const PROPOSE_COMMUNITY = graphql(`
  mutation ProposeCommunity($input: CommunityInput!) {
    proposeCommunity(input: $input) {
      id
    }
  }
`);

export const APPROVE_COMMUNITY = graphql(`
  mutation ApproveCommunity($id: ID!, $order: OrderInput!) {
    approveCommunity(communityId: $id, order: $order) {
      id
      status
    }
  }
`);

export const START_COMMUNITY = graphql(`
  mutation StartCommunity($id: ID!) {
    startCommunity(communityId: $id) {
      id
      status
    }
  }
`);

export const CLOSE_COMMUNITY = graphql(`
  mutation CloseCommunity($id: ID!, $reason: CommunityCloseReason!, $note: String) {
    closeCommunity(communityId: $id, reason: $reason, note: $note) {
      id
      status
    }
  }
`);

export const ADD_MEMBER = graphql(`
  mutation AddCommunityMember($id: ID!, $educatorId: ID!, $role: MemberRole!) {
    addCommunityMember(communityId: $id, educatorId: $educatorId, role: $role) {
      id
      memberCount
    }
  }
`);

export const REMOVE_MEMBER = graphql(`
  mutation RemoveCommunityMember($id: ID!, $educatorId: ID!) {
    removeCommunityMember(communityId: $id, educatorId: $educatorId) {
      id
      memberCount
    }
  }
`);

export const SUBMIT_COMMUNITY_REPORT = graphql(`
  mutation SubmitCommunityReport($id: ID!, $period: String!, $summary: String!) {
    submitCommunityReport(communityId: $id, period: $period, summary: $summary) {
      id
      reportCount
    }
  }
`);

export const START_THREAD = graphql(`
  mutation StartCommunityThread($id: ID!, $title: String!, $text: String!) {
    startCommunityThread(communityId: $id, title: $title, text: $text) {
      id
    }
  }
`);

export const THREAD = graphql(`
  query CommunityThreadPage($id: ID!) {
    communityThread(id: $id) {
      id
      title
      status
      canModerate
      community {
        id
        name
        status
      }
      posts {
        postId
        authorId
        text
        at
        hidden
        hiddenReason
        author {
          id
          fullName
        }
      }
    }
  }
`);

export const ADD_POST = graphql(`
  mutation AddCommunityPost($id: ID!, $text: String!) {
    addCommunityPost(threadId: $id, text: $text) {
      id
    }
  }
`);

export const HIDE_POST = graphql(`
  mutation HideCommunityPost($id: ID!, $postId: ID!, $reason: String!) {
    hideCommunityPost(threadId: $id, postId: $postId, reason: $reason) {
      id
    }
  }
`);

// Sites.

export const SITES = graphql(`
  query SitesRegister($filter: SiteFilter) {
    sites(filter: $filter) {
      id
      tenantId
      status
      level
      direction
      theme
      phase
      term {
        from
        to
      }
      organizations {
        id
        name
      }
    }
  }
`);

export const SITE = graphql(`
  query SitePage($id: ID!) {
    site(id: $id) {
      id
      tenantId
      status
      level
      direction
      theme
      phase
      canDecide
      missing
      term {
        from
        to
      }
      organizations {
        id
        name
      }
      reports {
        year
        dueOn
        submittedOn
        accepted
        overdue
      }
      register {
        on
        what
        note
        order {
          number
          date
          issuer
        }
      }
      card {
        theme
        goals
        foundersAgreement
        councilDecision
        stages {
          title
          from
          to
          expectedResults
        }
        calendarPlan {
          what
          when
        }
      }
      opinions {
        expertId
        recommendation
        comment
        scores {
          criterion
          score
        }
      }
    }
  }
`);

export const SITE_CALLS = graphql(`
  query SiteCalls($municipalityId: ID) {
    siteCalls(municipalityId: $municipalityId) {
      id
      tenantId
      title
      level
      statuses
      from
      to
      open
    }
  }
`);

export const OVERDUE_SITE_REPORTS = graphql(`
  query OverdueSiteReports($municipalityId: ID) {
    overdueSiteReports(municipalityId: $municipalityId) {
      year
      dueOn
      site {
        id
        theme
        status
        organizations {
          id
          name
        }
      }
    }
  }
`);

export const SCHOOL_SITES = graphql(`
  query SchoolSites($id: ID!) {
    organization(id: $id) {
      id
      name
      sites {
        id
        status
        level
        direction
        theme
        phase
        term {
          from
          to
        }
        reports {
          year
          dueOn
          submittedOn
          accepted
          overdue
        }
      }
    }
  }
`);

export const ANNOUNCE_CALL = graphql(`
  mutation AnnounceSiteCall($input: SiteCallInput!) {
    announceSiteCall(input: $input) {
      id
    }
  }
`);

export const APPLY_FOR_SITE = graphql(`
  mutation ApplyForSiteStatus($input: SiteApplicationInput!) {
    applyForSiteStatus(input: $input) {
      id
      phase
    }
  }
`);

export const CHECK_SITE = graphql(`
  mutation CheckSiteApplication($id: ID!, $missing: [String!]) {
    checkSiteApplication(siteId: $id, missing: $missing) {
      id
      phase
    }
  }
`);

export const RESUBMIT_SITE = graphql(`
  mutation ResubmitSiteApplication($id: ID!, $card: ProjectCardInput!) {
    resubmitSiteApplication(siteId: $id, card: $card) {
      id
      phase
    }
  }
`);

export const SITE_OPINION = graphql(`
  mutation GiveSiteExpertOpinion($id: ID!, $scores: [CriterionScoreInput!]!, $recommendation: SiteRecommendation!, $comment: String!) {
    giveSiteExpertOpinion(siteId: $id, scores: $scores, recommendation: $recommendation, comment: $comment) {
      id
      phase
    }
  }
`);

export const GRANT_SITE = graphql(`
  mutation GrantSiteStatus($id: ID!, $order: OrderInput!, $term: TermInput!) {
    grantSiteStatus(siteId: $id, order: $order, term: $term) {
      id
      phase
    }
  }
`);

export const DECLINE_SITE = graphql(`
  mutation DeclineSiteApplication($id: ID!, $reason: String!) {
    declineSiteApplication(siteId: $id, reason: $reason) {
      id
      phase
    }
  }
`);

export const SUBMIT_SITE_REPORT = graphql(`
  mutation SubmitSiteAnnualReport($id: ID!, $year: String!, $summary: String!) {
    submitSiteAnnualReport(siteId: $id, year: $year, summary: $summary) {
      id
      phase
    }
  }
`);

export const REVIEW_SITE_REPORT = graphql(`
  mutation ReviewSiteAnnualReport($id: ID!, $year: String!, $accepted: Boolean!, $opinion: String!) {
    reviewSiteAnnualReport(siteId: $id, year: $year, accepted: $accepted, opinion: $opinion) {
      id
      phase
    }
  }
`);

export const SITE_REPORTS_DUE_SOON = graphql(`
  query SiteReportsDueSoon($municipalityId: ID, $days: Int) {
    siteReportsDueSoon(municipalityId: $municipalityId, days: $days) {
      year
      dueOn
      site {
        id
        theme
        status
        organizations {
          id
          name
        }
      }
    }
  }
`);

export const OVERDUE_GROUP_TASKS = graphql(`
  query OverdueGroupTasks($municipalityId: ID) {
    overdueGroupTasks(municipalityId: $municipalityId) {
      taskId
      title
      dueOn
      owner {
        id
        fullName
      }
      community {
        id
        name
      }
    }
  }
`);

export const SET_GROUP_TASK = graphql(`
  mutation SetGroupTask($id: ID!, $title: String!, $ownerId: ID!, $dueOn: String!) {
    setGroupTask(communityId: $id, title: $title, ownerId: $ownerId, dueOn: $dueOn) {
      id
    }
  }
`);

export const COMPLETE_GROUP_TASK = graphql(`
  mutation CompleteGroupTask($id: ID!, $taskId: ID!) {
    completeGroupTask(communityId: $id, taskId: $taskId) {
      id
    }
  }
`);

export const CHANGE_MEMBER_ROLE = graphql(`
  mutation ChangeCommunityMemberRole($id: ID!, $educatorId: ID!, $role: MemberRole!) {
    changeCommunityMemberRole(communityId: $id, educatorId: $educatorId, role: $role) {
      id
    }
  }
`);

export const SITE_HISTORY = graphql(`
  query SiteHistory($id: ID!) {
    site(id: $id) {
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

export const EXTEND_COMMUNITY = graphql(`
  mutation ExtendCommunity($id: ID!, $order: OrderInput!, $to: String!) {
    extendCommunity(communityId: $id, order: $order, to: $to) {
      id
      status
    }
  }
`);

export const EXTEND_SITE = graphql(`
  mutation ExtendSiteStatus($id: ID!, $order: OrderInput!, $to: String!) {
    extendSiteStatus(siteId: $id, order: $order, to: $to) {
      id
      phase
    }
  }
`);

export const TERMINATE_SITE = graphql(`
  mutation TerminateSiteStatus($id: ID!, $order: OrderInput!, $reason: SiteTerminationReason!) {
    terminateSiteStatus(siteId: $id, order: $order, reason: $reason) {
      id
      phase
    }
  }
`);

export const FINAL_SITE_REPORT = graphql(`
  mutation SubmitSiteFinalReport($id: ID!, $summary: String!) {
    submitSiteFinalReport(siteId: $id, summary: $summary) {
      id
      phase
    }
  }
`);

export const CLOSE_SITE = graphql(`
  mutation CloseSite($id: ID!) {
    closeSite(siteId: $id) {
      id
      phase
    }
  }
`);

export const MY_NETWORK = graphql(`
  query MyNetwork($id: ID!) {
    educator(id: $id) {
      id
      methodEventHours
      communityMemberships {
        role
        since
        community {
          id
          name
          kind
          status
        }
      }
      presentations {
        title
        methodEvent {
          id
          title
          startsAt
        }
      }
    }
  }
`);

export const ADD_COMMUNITY_ORGANIZATION = graphql(`
  mutation AddCommunityOrganization($id: ID!, $organizationId: ID!) {
    addCommunityOrganization(communityId: $id, organizationId: $organizationId) {
      id
    }
  }
`);

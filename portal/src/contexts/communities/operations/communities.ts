import { graphql } from '../../../gql';

/** Communities (methodological and virtual associations, creative groups): the list, one community, members, reports, tasks. */

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

export const EXTEND_COMMUNITY = graphql(`
  mutation ExtendCommunity($id: ID!, $order: OrderInput!, $to: String!) {
    extendCommunity(communityId: $id, order: $order, to: $to) {
      id
      status
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

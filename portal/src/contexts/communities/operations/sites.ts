import { graphql } from '../../../gql';

/** Innovation and base sites: calls, applications, checks and expert opinions, decisions, extension and closing. */

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

export const CLOSE_SITE = graphql(`
  mutation CloseSite($id: ID!) {
    closeSite(siteId: $id) {
      id
      phase
    }
  }
`);

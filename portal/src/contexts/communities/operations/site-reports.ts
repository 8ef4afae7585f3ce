import { graphql } from '../../../gql';

/** Innovation and base sites' reports: submitted, reviewed, due soon, overdue, final. */

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

export const FINAL_SITE_REPORT = graphql(`
  mutation SubmitSiteFinalReport($id: ID!, $summary: String!) {
    submitSiteFinalReport(siteId: $id, summary: $summary) {
      id
      phase
    }
  }
`);

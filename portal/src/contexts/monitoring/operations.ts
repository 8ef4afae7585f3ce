import { graphql } from '../../gql';

/** Monitoring's reads. Figures are scalars (free in the cost model); topDeficits only where shown. */

export const NETWORK = graphql(`
  fragment MonNetwork on NetworkIndicators {
    educatorsInCommunities
    shareInCommunities
    activeCommunities {
      kind
      count
    }
    eventsHeld
    participants
    attendanceRate
    meanRating
    ratings
    sitesActive
    sitesWithAcceptedReport
    internshipsHosted
  }
`);

export const FIGURES = graphql(`
  fragment MonFigures on IndicatorReport {
    academicYear
    asOf
    educators
    trainedInThreeYears
    coverage3y
    overdue
    trainingHours
    trainingHoursPerEducator
    youngTeachers
    youngWithMentor
    youngWithMentorShare
    withApprovedRoute
    withApprovedRouteShare
  }
`);

/** The dashboard's year: every municipality with its figures and deficits, the region, and the names (≈ 2,650 of the operator's 10,000). */
export const REGIONAL_COMPARISON = graphql(`
  query MonRegionalComparison($academicYear: String, $asOf: String) {
    regionalComparison(academicYear: $academicYear, asOf: $asOf) {
      municipalities {
        municipalityId
        rank
        indicators {
          ...MonFigures
          topDeficits {
            area
            count
          }
        }
      }
      region {
        ...MonFigures
        topDeficits {
          area
          count
        }
        network {
          ...MonNetwork
        }
      }
    }
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

/**
 * The three academic years before the chosen one, for the trend charts: figures only
 * (≈ 3 × 2,120 = 6,370, one costly operation; asked after the year's own figures are on screen).
 */
export const REGIONAL_TREND = graphql(`
  query MonRegionalTrend($y1: String!, $a1: String!, $y2: String!, $a2: String!, $y3: String!, $a3: String!) {
    y1: regionalComparison(academicYear: $y1, asOf: $a1) {
      municipalities {
        municipalityId
        indicators {
          ...MonFigures
        }
      }
      region {
        ...MonFigures
      }
    }
    y2: regionalComparison(academicYear: $y2, asOf: $a2) {
      municipalities {
        municipalityId
        indicators {
          ...MonFigures
        }
      }
      region {
        ...MonFigures
      }
    }
    y3: regionalComparison(academicYear: $y3, asOf: $a3) {
      municipalities {
        municipalityId
        indicators {
          ...MonFigures
        }
      }
      region {
        ...MonFigures
      }
    }
  }
`);

export const MUNICIPALITY_REPORT = graphql(`
  query MonMunicipalityReport($municipalityId: ID!, $academicYear: String, $asOf: String) {
    municipality(id: $municipalityId) {
      id
      name
    }
    municipalityIndicators(municipalityId: $municipalityId, academicYear: $academicYear, asOf: $asOf) {
      ...MonFigures
      topDeficits {
        area
        count
      }
      network {
        ...MonNetwork
      }
    }
  }
`);

/** A municipality's schools with their figures, page by page (50 schools ≈ 200). */
export const MUNICIPALITY_SCHOOLS = graphql(`
  query MonMunicipalitySchools($filter: OrganizationFilter, $academicYear: String, $asOf: String, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        name
        kind
        indicators(academicYear: $academicYear, asOf: $asOf) {
          ...MonFigures
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SCHOOL_REPORT = graphql(`
  query MonSchoolReport($organizationId: ID!, $academicYear: String, $asOf: String) {
    organization(id: $organizationId) {
      id
      name
      municipality {
        id
        name
      }
    }
    schoolIndicators(organizationId: $organizationId, academicYear: $academicYear, asOf: $asOf) {
      ...MonFigures
      topDeficits {
        area
        count
      }
      network {
        ...MonNetwork
      }
    }
  }
`);

export const SCHOOL_EDUCATORS = graphql(`
  query MonSchoolEducators($filter: EducatorFilter, $first: Int, $after: String) {
    educators(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        fullName
        position
        subjects
        careerStartDate
        isYoungTeacher
        qualificationCategory
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

import { graphql } from '../../../gql';

/** Lookups the communities pages share (municipalities, educators, schools) and an educator's own network. */

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

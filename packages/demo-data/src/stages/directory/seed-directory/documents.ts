/** The GraphQL documents the directory seeder sends (re-exported by seed-directory.ts). */
export const ONBOARD_MUNICIPALITY = /* GraphQL */ `
  mutation DemoOnboardMunicipality($input: OnboardMunicipalityInput!) {
    onboardMunicipality(input: $input) {
      id
    }
  }
`;

export const REGISTER_ORGANIZATION = /* GraphQL */ `
  mutation DemoRegisterOrganization($input: RegisterOrganizationInput!) {
    registerOrganization(input: $input) {
      id
    }
  }
`;

export const REGISTER_EDUCATOR = /* GraphQL */ `
  mutation DemoRegisterEducator($input: RegisterEducatorInput!) {
    registerEducator(input: $input) {
      id
    }
  }
`;

export const REGISTER_EDUCATORS = /* GraphQL */ `
  mutation DemoRegisterEducators($input: [RegisterEducatorInput!]!) {
    registerEducators(input: $input) {
      index
      educator {
        id
      }
      error {
        code
        message
        fields
      }
    }
  }
`;

export const LIST_MUNICIPALITIES = /* GraphQL */ `
  query DemoMunicipalities($after: String) {
    municipalities(first: 200, after: $after) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LIST_ORGANIZATIONS = /* GraphQL */ `
  query DemoOrganizations($after: String) {
    organizations(first: 200, after: $after) {
      nodes {
        id
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LIST_EDUCATORS = /* GraphQL */ `
  query DemoEducators($status: EducatorStatus, $after: String) {
    educators(filter: { status: $status }, first: 200, after: $after) {
      nodes {
        id
        fullName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

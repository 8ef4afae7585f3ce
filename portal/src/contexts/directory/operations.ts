import { graphql } from '../../gql';

/**
 * The directory's operations the signed-in pages use. Lists stay light (history is read when
 * asked), so a page's heaviest query stays far inside the caller's cost budget.
 */

export const EDUCATOR_ROW = graphql(`
  fragment DirEducatorRow on Educator {
    id
    fullName
    position
    subjects
    careerStartDate
    isYoungTeacher
    qualificationCategory
    status
    personalDataErased
    organization {
      id
      name
    }
  }
`);

export const EDUCATORS = graphql(`
  query DirEducators($filter: EducatorFilter, $first: Int, $after: String) {
    educators(filter: $filter, first: $first, after: $after) {
      nodes {
        ...DirEducatorRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const EDUCATOR_HISTORY = graphql(`
  query DirEducatorHistory($id: ID!) {
    educator(id: $id) {
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

export const ORGANIZATION_ROW = graphql(`
  fragment DirOrganizationRow on EducationalOrganization {
    id
    name
    shortName
    kind
    inn
    status
  }
`);

export const ORGANIZATIONS = graphql(`
  query DirOrganizations($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      nodes {
        ...DirOrganizationRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The active organisations to pick from (a move, a filter, a registration): one page of the largest size. */
export const ORGANIZATION_CHOICES = graphql(`
  query DirOrganizationChoices($filter: OrganizationFilter) {
    organizations(filter: $filter, first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export const ORGANIZATION_HISTORY = graphql(`
  query DirOrganizationHistory($id: ID!) {
    organization(id: $id) {
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

export const MUNICIPALITIES = graphql(`
  query DirMunicipalities($first: Int, $after: String) {
    municipalities(first: $first, after: $after) {
      nodes {
        id
        name
        oktmo
        status
        onboardedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MUNICIPALITY_CHOICES = graphql(`
  query DirMunicipalityChoices {
    municipalities(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export const MUNICIPALITY_HISTORY = graphql(`
  query DirMunicipalityHistory($id: ID!) {
    municipality(id: $id) {
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

export const ONBOARD_MUNICIPALITY = graphql(`
  mutation DirOnboardMunicipality($input: OnboardMunicipalityInput!) {
    onboardMunicipality(input: $input) {
      id
    }
  }
`);

export const REGISTER_ORGANIZATION = graphql(`
  mutation DirRegisterOrganization($input: RegisterOrganizationInput!) {
    registerOrganization(input: $input) {
      id
    }
  }
`);

export const UPDATE_ORGANIZATION = graphql(`
  mutation DirUpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
    }
  }
`);

export const CLOSE_ORGANIZATION = graphql(`
  mutation DirCloseOrganization($input: CloseOrganizationInput!) {
    closeOrganization(input: $input) {
      id
    }
  }
`);

export const REGISTER_EDUCATOR = graphql(`
  mutation DirRegisterEducator($input: RegisterEducatorInput!) {
    registerEducator(input: $input) {
      id
    }
  }
`);

export const UPDATE_EDUCATOR = graphql(`
  mutation DirUpdateEducator($input: UpdateEducatorInput!) {
    updateEducator(input: $input) {
      id
    }
  }
`);

export const MOVE_EDUCATOR = graphql(`
  mutation DirMoveEducator($input: MoveEducatorInput!) {
    moveEducator(input: $input) {
      id
      status
    }
  }
`);

export const RECORD_LEAVING = graphql(`
  mutation DirRecordEducatorLeaving($input: RecordEducatorLeavingInput!) {
    recordEducatorLeaving(input: $input) {
      id
    }
  }
`);

export const ERASE_PERSONAL_DATA = graphql(`
  mutation DirErasePersonalData($id: ID!) {
    eraseEducatorPersonalData(educatorId: $id) {
      id
      personalDataErased
    }
  }
`);

import { graphql } from '../gql';

export const ProjectFieldsFragment = graphql(`
  fragment ProjectFields on Project {
    key
    name
    description
    version
    createdAt
    updatedAt
    environments {
      key
      name
      requireReason
    }
  }
`);

export const FlagFieldsFragment = graphql(`
  fragment FlagFields on Flag {
    id
    projectKey
    key
    name
    description
    tags
    valueType
    archived
    version
    createdAt
    updatedAt
    variations {
      key
      name
      description
      value
    }
    environments {
      key
      enabled
      defaultVariation
      offVariation
    }
  }
`);

export const ProjectsQuery = graphql(`
  query Projects {
    projects {
      ...ProjectFields
    }
  }
`);

export const ProjectQuery = graphql(`
  query Project($key: String!) {
    project(key: $key) {
      ...ProjectFields
    }
  }
`);

export const FlagsQuery = graphql(`
  query Flags($projectKey: String!, $filter: FlagFilter, $first: Int, $after: String) {
    flags(projectKey: $projectKey, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          key
          name
          description
          tags
          valueType
          archived
          version
          updatedAt
          environments {
            key
            enabled
          }
        }
      }
    }
  }
`);

export const FlagQuery = graphql(`
  query Flag($projectKey: String!, $key: String!) {
    flag(projectKey: $projectKey, key: $key) {
      ...FlagFields
    }
  }
`);

export const CreateProjectMutation = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      project {
        ...ProjectFields
      }
    }
  }
`);

export const AddEnvironmentMutation = graphql(`
  mutation AddEnvironment($input: AddEnvironmentInput!) {
    addEnvironment(input: $input) {
      project {
        ...ProjectFields
      }
    }
  }
`);

export const RenameEnvironmentMutation = graphql(`
  mutation RenameEnvironment($input: RenameEnvironmentInput!) {
    renameEnvironment(input: $input) {
      project {
        ...ProjectFields
      }
    }
  }
`);

export const SetEnvironmentReasonPolicyMutation = graphql(`
  mutation SetEnvironmentReasonPolicy($input: SetEnvironmentReasonPolicyInput!) {
    setEnvironmentReasonPolicy(input: $input) {
      project {
        ...ProjectFields
      }
    }
  }
`);

export const CreateFlagMutation = graphql(`
  mutation CreateFlag($input: CreateFlagInput!) {
    createFlag(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const UpdateFlagDetailsMutation = graphql(`
  mutation UpdateFlagDetails($input: UpdateFlagDetailsInput!) {
    updateFlagDetails(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const SetFlagVariationsMutation = graphql(`
  mutation SetFlagVariations($input: SetFlagVariationsInput!) {
    setFlagVariations(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const ToggleFlagMutation = graphql(`
  mutation ToggleFlag($input: ToggleFlagInput!) {
    toggleFlag(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const SetDefaultVariationMutation = graphql(`
  mutation SetDefaultVariation($input: SetEnvironmentVariationInput!) {
    setDefaultVariation(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const SetOffVariationMutation = graphql(`
  mutation SetOffVariation($input: SetEnvironmentVariationInput!) {
    setOffVariation(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const ArchiveFlagMutation = graphql(`
  mutation ArchiveFlag($input: FlagLifecycleInput!) {
    archiveFlag(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

export const RestoreFlagMutation = graphql(`
  mutation RestoreFlag($input: FlagLifecycleInput!) {
    restoreFlag(input: $input) {
      flag {
        ...FlagFields
      }
    }
  }
`);

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
    protections {
      environment
      requiredApprovals
    }
  }
`);

export const TargetingFieldsFragment = graphql(`
  fragment TargetingFields on Targeting {
    prerequisites {
      flagKey
      variation
    }
    targets {
      variation
      keys
    }
    rules {
      id
      description
      clauses {
        attribute
        operator
        values
        negate
      }
      serve {
        variation
        rollout {
          weights {
            variation
            weight
          }
          bucketBy
          salt
        }
      }
    }
    fallthroughRollout {
      weights {
        variation
        weight
      }
      bucketBy
      salt
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
    kind
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
      targeting {
        ...TargetingFields
      }
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
      changeRequest {
        id
        status
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
      changeRequest {
        id
        status
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
      changeRequest {
        id
        status
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
      changeRequest {
        id
        status
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
      changeRequest {
        id
        status
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
      changeRequest {
        id
        status
      }
    }
  }
`);

export const SetFlagTargetingMutation = graphql(`
  mutation SetFlagTargeting($input: SetFlagTargetingInput!) {
    setFlagTargeting(input: $input) {
      flag {
        ...FlagFields
      }
      changeRequest {
        id
        status
      }
    }
  }
`);

/** Other flags of a project with their variations: the choices for prerequisites and the debugger. */
export const FlagChoicesQuery = graphql(`
  query FlagChoices($projectKey: String!) {
    flags(projectKey: $projectKey, first: 100) {
      edges {
        node {
          id
          key
          name
          valueType
          variations {
            key
          }
        }
      }
    }
  }
`);

export const SegmentFieldsFragment = graphql(`
  fragment SegmentFields on Segment {
    id
    projectKey
    key
    name
    description
    included
    excluded
    rules {
      id
      clauses {
        attribute
        operator
        values
        negate
      }
      weight
      bucketBy
    }
    archived
    version
    updatedAt
  }
`);

export const SegmentsQuery = graphql(`
  query Segments($projectKey: String!, $archived: Boolean) {
    segments(projectKey: $projectKey, archived: $archived, first: 100) {
      edges {
        node {
          ...SegmentFields
        }
      }
    }
  }
`);

export const SegmentQuery = graphql(`
  query Segment($projectKey: String!, $key: String!) {
    segment(projectKey: $projectKey, key: $key) {
      ...SegmentFields
    }
  }
`);

export const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      segment {
        ...SegmentFields
      }
    }
  }
`);

export const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($input: UpdateSegmentInput!) {
    updateSegment(input: $input) {
      segment {
        ...SegmentFields
      }
      changeRequest {
        id
        status
      }
    }
  }
`);

export const ArchiveSegmentMutation = graphql(`
  mutation ArchiveSegment($input: ArchiveSegmentInput!) {
    archiveSegment(input: $input) {
      segment {
        ...SegmentFields
      }
      changeRequest {
        id
        status
      }
    }
  }
`);

export const EvaluateFlagQuery = graphql(`
  query EvaluateFlag($projectKey: String!, $environment: String!, $key: String!, $context: JSON, $at: DateTime) {
    evaluateFlag(projectKey: $projectKey, environment: $environment, key: $key, context: $context, at: $at) {
      value
      variant
      reason
      errorCode
      errorMessage
      matchedRuleId
      matchedTarget
      metadata
      trace
      snapshotPosition
    }
  }
`);

export const SdkKeyFieldsFragment = graphql(`
  fragment SdkKeyFields on SdkKey {
    id
    projectKey
    environment
    kind
    name
    displayPrefix
    revoked
    signedRequests
  }
`);

export const SdkKeysQuery = graphql(`
  query SdkKeys($projectKey: String!) {
    sdkKeys(projectKey: $projectKey) {
      ...SdkKeyFields
    }
  }
`);

export const CreateSdkKeyMutation = graphql(`
  mutation CreateSdkKey($input: CreateSdkKeyInput!) {
    createSdkKey(input: $input) {
      secret
      signingSecret
      key {
        ...SdkKeyFields
      }
    }
  }
`);

export const RevokeSdkKeyMutation = graphql(`
  mutation RevokeSdkKey($input: RevokeSdkKeyInput!) {
    revokeSdkKey(input: $input) {
      key {
        ...SdkKeyFields
      }
    }
  }
`);

import { graphql } from '../gql';

export const ScheduledChangesQuery = graphql(`
  query ScheduledChanges($projectKey: String!, $flagKey: String!) {
    scheduledFlagChanges(projectKey: $projectKey, flagKey: $flagKey, first: 100) {
      edges {
        node {
          id
          environment
          dueAt
          kind
          summary
          status
          reason
          resolvedAt
          delayMillis
          failure
          scheduledBy {
            subject
            name
          }
        }
      }
    }
  }
`);

export const ScheduleFlagChangeMutation = graphql(`
  mutation ScheduleFlagChange($input: ScheduleFlagChangeInput!) {
    scheduleFlagChange(input: $input) {
      schedule {
        id
        status
      }
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

export const CancelScheduledFlagChangeMutation = graphql(`
  mutation CancelScheduledFlagChange($input: CancelScheduledFlagChangeInput!) {
    cancelScheduledFlagChange(input: $input) {
      schedule {
        id
        status
      }
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

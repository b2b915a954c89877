import { graphql } from '../gql';

export const LiveChangeFieldsFragment = graphql(`
  fragment LiveChangeFields on LiveChange {
    projectKey
    flagKey
    segmentKey
    environment
    eventType
    version
    occurredAt
    actor {
      subject
      name
    }
  }
`);

export const ProjectChangedSubscription = graphql(`
  subscription ProjectChanged($projectKey: String!) {
    projectChanged(projectKey: $projectKey) {
      ...LiveChangeFields
    }
  }
`);

export const FlagChangedSubscription = graphql(`
  subscription FlagChanged($projectKey: String!, $key: String!) {
    flagChanged(projectKey: $projectKey, key: $key) {
      ...LiveChangeFields
    }
  }
`);

import { graphql } from '../gql';

export const AuditEntryFieldsFragment = graphql(`
  fragment AuditEntryFields on AuditEntry {
    position
    eventId
    eventType
    occurredAt
    actor {
      subject
      name
      authentication
    }
    reason
    origin
    correlationId
    vcsCommit
    ticket
    projectKey
    environment
    subjectKind
    subjectKey
    flagKey
    segmentKey
    version
    changes {
      field
      before
      after
    }
  }
`);

export const AuditTrailQuery = graphql(`
  query AuditTrail($filter: AuditFilter, $first: Int, $after: String) {
    auditTrail(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AuditEntryFields
        }
      }
    }
  }
`);

export const VerifyAuditChainQuery = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      valid
      checked
      firstMismatch {
        position
        eventId
        problem
        expectedHash
        recordedHash
      }
    }
  }
`);

export const FlagAsOfQuery = graphql(`
  query FlagAsOf($projectKey: String!, $key: String!, $at: DateTime!) {
    flagAsOf(projectKey: $projectKey, key: $key, at: $at) {
      ...FlagFields
    }
  }
`);

export const EnvironmentAsOfQuery = graphql(`
  query EnvironmentAsOf($projectKey: String!, $environment: String!, $at: DateTime!) {
    environmentAsOf(projectKey: $projectKey, environment: $environment, at: $at) {
      projectKey
      key
      name
      requireReason
      flags {
        id
        key
        name
        valueType
        archived
        version
        environment(key: $environment) {
          key
          enabled
          defaultVariation
          offVariation
          targeting {
            rules {
              id
            }
          }
        }
      }
    }
  }
`);

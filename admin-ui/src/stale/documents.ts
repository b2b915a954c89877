import { graphql } from '../gql';

export const StaleFlagsQuery = graphql(`
  query StaleFlags($projectKey: String!, $unevaluatedDays: Int, $after: String) {
    staleFlags(projectKey: $projectKey, unevaluatedDays: $unevaluatedDays, first: 100, after: $after) {
      totalCount
      asOf
      unevaluatedDays
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          key
          name
          kind
          expectedLifetimeDays
          reasons
          servedVariation
          servingOneVariationSince
          environments {
            key
            enabled
            servedVariation
          }
          lastEvaluatedAt
          recentExposures {
            environment
            variation
            exposures
            lastSeenAt
          }
          lastChangedAt
          createdAt
        }
      }
    }
  }
`);

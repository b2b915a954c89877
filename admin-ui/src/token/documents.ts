import { graphql } from '../gql';

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    role
    projectKey
    environment
    displayPrefix
    createdAt
    createdBy {
      subject
      name
    }
    expiresAt
    revoked
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens($projectKey: String!) {
    apiTokens(projectKey: $projectKey) {
      ...ApiTokenFields
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      token {
        ...ApiTokenFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      token {
        ...ApiTokenFields
      }
    }
  }
`);

import { graphql } from '../gql';

export const WebhookSubscriptionsQuery = graphql(`
  query WebhookSubscriptions($projectKey: String!) {
    webhookSubscriptions(projectKey: $projectKey) {
      id
      url
      eventTypes
      description
      active
      version
      createdAt
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($projectKey: String!, $subscriptionId: ID, $status: WebhookDeliveryStatus, $after: String) {
    webhookDeliveries(projectKey: $projectKey, subscriptionId: $subscriptionId, status: $status, first: 50, after: $after) {
      edges {
        cursor
        node {
          id
          subscriptionId
          eventType
          eventPosition
          status
          attempts
          nextAttemptAt
          lastStatus
          lastError
          createdAt
          deliveredAt
          payload
          attemptLog {
            attempt
            at
            statusCode
            error
            durationMillis
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateWebhookSubscriptionMutation = graphql(`
  mutation CreateWebhookSubscription($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) {
      subscription {
        id
        url
      }
      secret
    }
  }
`);

export const UpdateWebhookSubscriptionMutation = graphql(`
  mutation UpdateWebhookSubscription($input: UpdateWebhookSubscriptionInput!) {
    updateWebhookSubscription(input: $input) {
      subscription {
        id
        active
        version
      }
    }
  }
`);

export const DeleteWebhookSubscriptionMutation = graphql(`
  mutation DeleteWebhookSubscription($input: DeleteWebhookSubscriptionInput!) {
    deleteWebhookSubscription(input: $input) {
      subscription {
        id
      }
    }
  }
`);

import { graphql } from '../gql';

export const ChangeRequestFieldsFragment = graphql(`
  fragment ChangeRequestFields on ChangeRequest {
    id
    projectKey
    environment
    kind
    title
    ticket
    reason
    status
    author {
      subject
      name
    }
    openedAt
    updatedAt
    applyAt
    appliedAt
    appliedBy {
      subject
      name
    }
    breakGlass
    failure
    requiredApprovals
    policy {
      allowSelfApproval
      approverRoles
      approverGroups
      breakGlassRole
    }
    approvals {
      subject
      name
      comment
      at
    }
    rejection {
      subject
      name
      comment
      at
    }
    commands {
      commandType
      aggregateType
      subjectKey
      basedOnVersion
      summary
    }
    diff {
      subjectKind
      subjectKey
      field
      before
      after
    }
    version
  }
`);

export const ChangeRequestsQuery = graphql(`
  query ChangeRequests($projectKey: String!, $status: ChangeRequestStatus, $after: String) {
    changeRequests(projectKey: $projectKey, status: $status, first: 50, after: $after) {
      edges {
        cursor
        node {
          id
          environment
          kind
          title
          status
          author {
            name
          }
          openedAt
          requiredApprovals
          approvals {
            subject
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

export const ChangeRequestQuery = graphql(`
  query ChangeRequest($projectKey: String!, $id: ID!) {
    changeRequest(projectKey: $projectKey, id: $id) {
      ...ChangeRequestFields
    }
  }
`);

export const ApproveChangeRequestMutation = graphql(`
  mutation ApproveChangeRequest($input: ReviewChangeRequestInput!) {
    approveChangeRequest(input: $input) {
      changeRequest {
        ...ChangeRequestFields
      }
    }
  }
`);

export const RejectChangeRequestMutation = graphql(`
  mutation RejectChangeRequest($input: ReviewChangeRequestInput!) {
    rejectChangeRequest(input: $input) {
      changeRequest {
        ...ChangeRequestFields
      }
    }
  }
`);

export const WithdrawChangeRequestMutation = graphql(`
  mutation WithdrawChangeRequest($input: ReviewChangeRequestInput!) {
    withdrawChangeRequest(input: $input) {
      changeRequest {
        ...ChangeRequestFields
      }
    }
  }
`);

export const ApplyChangeRequestMutation = graphql(`
  mutation ApplyChangeRequest($input: ApplyChangeRequestInput!) {
    applyChangeRequest(input: $input) {
      changeRequest {
        ...ChangeRequestFields
      }
    }
  }
`);

export const ProtectionsQuery = graphql(`
  query Protections($key: String!) {
    project(key: $key) {
      key
      version
      protections {
        environment
        requiredApprovals
        approverRoles
        approverGroups
        allowSelfApproval
        breakGlassRole
      }
    }
  }
`);

export const SetEnvironmentProtectionMutation = graphql(`
  mutation SetEnvironmentProtection($input: SetEnvironmentProtectionInput!) {
    setEnvironmentProtection(input: $input) {
      project {
        key
        version
        protections {
          environment
          requiredApprovals
          approverRoles
          approverGroups
          allowSelfApproval
          breakGlassRole
        }
      }
    }
  }
`);

export const PromoteFlagsMutation = graphql(`
  mutation PromoteFlags($input: PromoteFlagsInput!) {
    promoteFlags(input: $input) {
      changeRequest {
        id
        status
      }
    }
  }
`);

export const ComplianceReportQuery = graphql(`
  query ComplianceReport($projectKey: String!, $from: DateTime!, $to: DateTime!) {
    complianceReport(projectKey: $projectKey, from: $from, to: $to) {
      generatedAt
      chainHeadPosition
      chainHeadHash
      keyId
      signature
      bodySha256
      changes {
        ...ComplianceChangeFields
      }
      breakGlass {
        ...ComplianceChangeFields
      }
    }
  }
`);

export const ComplianceChangeFieldsFragment = graphql(`
  fragment ComplianceChangeFields on ComplianceChange {
    position
    effectiveAt
    environment
    subjectKind
    subjectKey
    eventType
    fields
    authorName
    authorSubject
    approvers
    reason
    ticket
    throughApproval
    changeRequestId
  }
`);

/** Requests still waiting (open, or approved and due later), with what they change: for the pages of those things. */
export const PendingChangeRequestsQuery = graphql(`
  query PendingChangeRequests($projectKey: String!) {
    changeRequests(projectKey: $projectKey, first: 100) {
      edges {
        node {
          id
          title
          status
          environment
          requiredApprovals
          approvals {
            subject
          }
          applyAt
          commands {
            aggregateType
            subjectKey
          }
        }
      }
    }
  }
`);

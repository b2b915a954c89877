/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ProjectFields on Project {\n    key\n    name\n    description\n    version\n    createdAt\n    updatedAt\n    environments {\n      key\n      name\n      requireReason\n    }\n  }\n": typeof types.ProjectFieldsFragmentDoc,
    "\n  fragment TargetingFields on Targeting {\n    prerequisites {\n      flagKey\n      variation\n    }\n    targets {\n      variation\n      keys\n    }\n    rules {\n      id\n      description\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      serve {\n        variation\n        rollout {\n          weights {\n            variation\n            weight\n          }\n          bucketBy\n          salt\n        }\n      }\n    }\n    fallthroughRollout {\n      weights {\n        variation\n        weight\n      }\n      bucketBy\n      salt\n    }\n  }\n": typeof types.TargetingFieldsFragmentDoc,
    "\n  fragment FlagFields on Flag {\n    id\n    projectKey\n    key\n    name\n    description\n    tags\n    valueType\n    archived\n    version\n    createdAt\n    updatedAt\n    variations {\n      key\n      name\n      description\n      value\n    }\n    environments {\n      key\n      enabled\n      defaultVariation\n      offVariation\n      targeting {\n        ...TargetingFields\n      }\n    }\n  }\n": typeof types.FlagFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  query Project($key: String!) {\n    project(key: $key) {\n      ...ProjectFields\n    }\n  }\n": typeof types.ProjectDocument,
    "\n  query Flags($projectKey: String!, $filter: FlagFilter, $first: Int, $after: String) {\n    flags(projectKey: $projectKey, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          key\n          name\n          description\n          tags\n          valueType\n          archived\n          version\n          updatedAt\n          environments {\n            key\n            enabled\n          }\n        }\n      }\n    }\n  }\n": typeof types.FlagsDocument,
    "\n  query Flag($projectKey: String!, $key: String!) {\n    flag(projectKey: $projectKey, key: $key) {\n      ...FlagFields\n    }\n  }\n": typeof types.FlagDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation AddEnvironment($input: AddEnvironmentInput!) {\n    addEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": typeof types.AddEnvironmentDocument,
    "\n  mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n    renameEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": typeof types.RenameEnvironmentDocument,
    "\n  mutation SetEnvironmentReasonPolicy($input: SetEnvironmentReasonPolicyInput!) {\n    setEnvironmentReasonPolicy(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": typeof types.SetEnvironmentReasonPolicyDocument,
    "\n  mutation CreateFlag($input: CreateFlagInput!) {\n    createFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.CreateFlagDocument,
    "\n  mutation UpdateFlagDetails($input: UpdateFlagDetailsInput!) {\n    updateFlagDetails(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.UpdateFlagDetailsDocument,
    "\n  mutation SetFlagVariations($input: SetFlagVariationsInput!) {\n    setFlagVariations(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.SetFlagVariationsDocument,
    "\n  mutation ToggleFlag($input: ToggleFlagInput!) {\n    toggleFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ToggleFlagDocument,
    "\n  mutation SetDefaultVariation($input: SetEnvironmentVariationInput!) {\n    setDefaultVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SetDefaultVariationDocument,
    "\n  mutation SetOffVariation($input: SetEnvironmentVariationInput!) {\n    setOffVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SetOffVariationDocument,
    "\n  mutation ArchiveFlag($input: FlagLifecycleInput!) {\n    archiveFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.ArchiveFlagDocument,
    "\n  mutation RestoreFlag($input: FlagLifecycleInput!) {\n    restoreFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.RestoreFlagDocument,
    "\n  mutation SetFlagTargeting($input: SetFlagTargetingInput!) {\n    setFlagTargeting(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SetFlagTargetingDocument,
    "\n  query FlagChoices($projectKey: String!) {\n    flags(projectKey: $projectKey, first: 100) {\n      edges {\n        node {\n          id\n          key\n          name\n          valueType\n          variations {\n            key\n          }\n        }\n      }\n    }\n  }\n": typeof types.FlagChoicesDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    projectKey\n    key\n    name\n    description\n    included\n    excluded\n    rules {\n      id\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      weight\n      bucketBy\n    }\n    archived\n    version\n    updatedAt\n  }\n": typeof types.SegmentFieldsFragmentDoc,
    "\n  query Segments($projectKey: String!, $archived: Boolean) {\n    segments(projectKey: $projectKey, archived: $archived, first: 100) {\n      edges {\n        node {\n          ...SegmentFields\n        }\n      }\n    }\n  }\n": typeof types.SegmentsDocument,
    "\n  query Segment($projectKey: String!, $key: String!) {\n    segment(projectKey: $projectKey, key: $key) {\n      ...SegmentFields\n    }\n  }\n": typeof types.SegmentDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  mutation ArchiveSegment($input: ArchiveSegmentInput!) {\n    archiveSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": typeof types.ArchiveSegmentDocument,
    "\n  query EvaluateFlag($projectKey: String!, $environment: String!, $key: String!, $context: JSON, $at: DateTime) {\n    evaluateFlag(projectKey: $projectKey, environment: $environment, key: $key, context: $context, at: $at) {\n      value\n      variant\n      reason\n      errorCode\n      errorMessage\n      matchedRuleId\n      matchedTarget\n      metadata\n      trace\n      snapshotPosition\n    }\n  }\n": typeof types.EvaluateFlagDocument,
    "\n  fragment SdkKeyFields on SdkKey {\n    id\n    projectKey\n    environment\n    kind\n    name\n    displayPrefix\n    revoked\n  }\n": typeof types.SdkKeyFieldsFragmentDoc,
    "\n  query SdkKeys($projectKey: String!) {\n    sdkKeys(projectKey: $projectKey) {\n      ...SdkKeyFields\n    }\n  }\n": typeof types.SdkKeysDocument,
    "\n  mutation CreateSdkKey($input: CreateSdkKeyInput!) {\n    createSdkKey(input: $input) {\n      secret\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n": typeof types.CreateSdkKeyDocument,
    "\n  mutation RevokeSdkKey($input: RevokeSdkKeyInput!) {\n    revokeSdkKey(input: $input) {\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n": typeof types.RevokeSdkKeyDocument,
    "\n  fragment ChangeRequestFields on ChangeRequest {\n    id\n    projectKey\n    environment\n    kind\n    title\n    ticket\n    reason\n    status\n    author {\n      subject\n      name\n    }\n    openedAt\n    updatedAt\n    applyAt\n    appliedAt\n    appliedBy {\n      subject\n      name\n    }\n    breakGlass\n    failure\n    requiredApprovals\n    policy {\n      allowSelfApproval\n      approverRoles\n      approverGroups\n      breakGlassRole\n    }\n    approvals {\n      subject\n      name\n      comment\n      at\n    }\n    rejection {\n      subject\n      name\n      comment\n      at\n    }\n    commands {\n      commandType\n      aggregateType\n      subjectKey\n      basedOnVersion\n      summary\n    }\n    diff {\n      subjectKind\n      subjectKey\n      field\n      before\n      after\n    }\n    version\n  }\n": typeof types.ChangeRequestFieldsFragmentDoc,
    "\n  query ChangeRequests($projectKey: String!, $status: ChangeRequestStatus, $after: String) {\n    changeRequests(projectKey: $projectKey, status: $status, first: 50, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          environment\n          kind\n          title\n          status\n          author {\n            name\n          }\n          openedAt\n          requiredApprovals\n          approvals {\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ChangeRequestsDocument,
    "\n  query ChangeRequest($projectKey: String!, $id: ID!) {\n    changeRequest(projectKey: $projectKey, id: $id) {\n      ...ChangeRequestFields\n    }\n  }\n": typeof types.ChangeRequestDocument,
    "\n  mutation ApproveChangeRequest($input: ReviewChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": typeof types.ApproveChangeRequestDocument,
    "\n  mutation RejectChangeRequest($input: ReviewChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": typeof types.RejectChangeRequestDocument,
    "\n  mutation WithdrawChangeRequest($input: ReviewChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": typeof types.WithdrawChangeRequestDocument,
    "\n  mutation ApplyChangeRequest($input: ApplyChangeRequestInput!) {\n    applyChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": typeof types.ApplyChangeRequestDocument,
    "\n  query Protections($key: String!) {\n    project(key: $key) {\n      key\n      version\n      protections {\n        environment\n        requiredApprovals\n        approverRoles\n        approverGroups\n        allowSelfApproval\n        breakGlassRole\n      }\n    }\n  }\n": typeof types.ProtectionsDocument,
    "\n  mutation SetEnvironmentProtection($input: SetEnvironmentProtectionInput!) {\n    setEnvironmentProtection(input: $input) {\n      project {\n        key\n        version\n        protections {\n          environment\n          requiredApprovals\n          approverRoles\n          approverGroups\n          allowSelfApproval\n          breakGlassRole\n        }\n      }\n    }\n  }\n": typeof types.SetEnvironmentProtectionDocument,
    "\n  mutation PromoteFlags($input: PromoteFlagsInput!) {\n    promoteFlags(input: $input) {\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": typeof types.PromoteFlagsDocument,
    "\n  query ComplianceReport($projectKey: String!, $from: DateTime!, $to: DateTime!) {\n    complianceReport(projectKey: $projectKey, from: $from, to: $to) {\n      generatedAt\n      chainHeadPosition\n      chainHeadHash\n      keyId\n      signature\n      bodySha256\n      changes {\n        ...ComplianceChangeFields\n      }\n      breakGlass {\n        ...ComplianceChangeFields\n      }\n    }\n  }\n": typeof types.ComplianceReportDocument,
    "\n  fragment ComplianceChangeFields on ComplianceChange {\n    position\n    effectiveAt\n    environment\n    subjectKind\n    subjectKey\n    eventType\n    fields\n    authorName\n    authorSubject\n    approvers\n    reason\n    ticket\n    throughApproval\n    changeRequestId\n  }\n": typeof types.ComplianceChangeFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    position\n    eventId\n    eventType\n    occurredAt\n    actor {\n      subject\n      name\n      authentication\n    }\n    reason\n    origin\n    correlationId\n    projectKey\n    environment\n    subjectKind\n    subjectKey\n    flagKey\n    segmentKey\n    version\n    changes {\n      field\n      before\n      after\n    }\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditTrail($filter: AuditFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      firstMismatch {\n        position\n        eventId\n        problem\n        expectedHash\n        recordedHash\n      }\n    }\n  }\n": typeof types.VerifyAuditChainDocument,
    "\n  query FlagAsOf($projectKey: String!, $key: String!, $at: DateTime!) {\n    flagAsOf(projectKey: $projectKey, key: $key, at: $at) {\n      ...FlagFields\n    }\n  }\n": typeof types.FlagAsOfDocument,
    "\n  query EnvironmentAsOf($projectKey: String!, $environment: String!, $at: DateTime!) {\n    environmentAsOf(projectKey: $projectKey, environment: $environment, at: $at) {\n      projectKey\n      key\n      name\n      requireReason\n      flags {\n        id\n        key\n        name\n        valueType\n        archived\n        version\n        environment(key: $environment) {\n          key\n          enabled\n          defaultVariation\n          offVariation\n          targeting {\n            rules {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EnvironmentAsOfDocument,
    "\n  fragment LiveChangeFields on LiveChange {\n    projectKey\n    flagKey\n    segmentKey\n    environment\n    eventType\n    version\n    occurredAt\n    actor {\n      subject\n      name\n    }\n  }\n": typeof types.LiveChangeFieldsFragmentDoc,
    "\n  subscription ProjectChanged($projectKey: String!) {\n    projectChanged(projectKey: $projectKey) {\n      ...LiveChangeFields\n    }\n  }\n": typeof types.ProjectChangedDocument,
    "\n  subscription FlagChanged($projectKey: String!, $key: String!) {\n    flagChanged(projectKey: $projectKey, key: $key) {\n      ...LiveChangeFields\n    }\n  }\n": typeof types.FlagChangedDocument,
    "\n  query ScheduledChanges($projectKey: String!, $flagKey: String!) {\n    scheduledFlagChanges(projectKey: $projectKey, flagKey: $flagKey, first: 100) {\n      edges {\n        node {\n          id\n          environment\n          dueAt\n          kind\n          summary\n          status\n          reason\n          resolvedAt\n          delayMillis\n          failure\n          scheduledBy {\n            subject\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ScheduledChangesDocument,
    "\n  mutation ScheduleFlagChange($input: ScheduleFlagChangeInput!) {\n    scheduleFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.ScheduleFlagChangeDocument,
    "\n  mutation CancelScheduledFlagChange($input: CancelScheduledFlagChangeInput!) {\n    cancelScheduledFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": typeof types.CancelScheduledFlagChangeDocument,
};
const documents: Documents = {
    "\n  fragment ProjectFields on Project {\n    key\n    name\n    description\n    version\n    createdAt\n    updatedAt\n    environments {\n      key\n      name\n      requireReason\n    }\n  }\n": types.ProjectFieldsFragmentDoc,
    "\n  fragment TargetingFields on Targeting {\n    prerequisites {\n      flagKey\n      variation\n    }\n    targets {\n      variation\n      keys\n    }\n    rules {\n      id\n      description\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      serve {\n        variation\n        rollout {\n          weights {\n            variation\n            weight\n          }\n          bucketBy\n          salt\n        }\n      }\n    }\n    fallthroughRollout {\n      weights {\n        variation\n        weight\n      }\n      bucketBy\n      salt\n    }\n  }\n": types.TargetingFieldsFragmentDoc,
    "\n  fragment FlagFields on Flag {\n    id\n    projectKey\n    key\n    name\n    description\n    tags\n    valueType\n    archived\n    version\n    createdAt\n    updatedAt\n    variations {\n      key\n      name\n      description\n      value\n    }\n    environments {\n      key\n      enabled\n      defaultVariation\n      offVariation\n      targeting {\n        ...TargetingFields\n      }\n    }\n  }\n": types.FlagFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n": types.ProjectsDocument,
    "\n  query Project($key: String!) {\n    project(key: $key) {\n      ...ProjectFields\n    }\n  }\n": types.ProjectDocument,
    "\n  query Flags($projectKey: String!, $filter: FlagFilter, $first: Int, $after: String) {\n    flags(projectKey: $projectKey, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          key\n          name\n          description\n          tags\n          valueType\n          archived\n          version\n          updatedAt\n          environments {\n            key\n            enabled\n          }\n        }\n      }\n    }\n  }\n": types.FlagsDocument,
    "\n  query Flag($projectKey: String!, $key: String!) {\n    flag(projectKey: $projectKey, key: $key) {\n      ...FlagFields\n    }\n  }\n": types.FlagDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation AddEnvironment($input: AddEnvironmentInput!) {\n    addEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": types.AddEnvironmentDocument,
    "\n  mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n    renameEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": types.RenameEnvironmentDocument,
    "\n  mutation SetEnvironmentReasonPolicy($input: SetEnvironmentReasonPolicyInput!) {\n    setEnvironmentReasonPolicy(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n": types.SetEnvironmentReasonPolicyDocument,
    "\n  mutation CreateFlag($input: CreateFlagInput!) {\n    createFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.CreateFlagDocument,
    "\n  mutation UpdateFlagDetails($input: UpdateFlagDetailsInput!) {\n    updateFlagDetails(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.UpdateFlagDetailsDocument,
    "\n  mutation SetFlagVariations($input: SetFlagVariationsInput!) {\n    setFlagVariations(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.SetFlagVariationsDocument,
    "\n  mutation ToggleFlag($input: ToggleFlagInput!) {\n    toggleFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": types.ToggleFlagDocument,
    "\n  mutation SetDefaultVariation($input: SetEnvironmentVariationInput!) {\n    setDefaultVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": types.SetDefaultVariationDocument,
    "\n  mutation SetOffVariation($input: SetEnvironmentVariationInput!) {\n    setOffVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": types.SetOffVariationDocument,
    "\n  mutation ArchiveFlag($input: FlagLifecycleInput!) {\n    archiveFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.ArchiveFlagDocument,
    "\n  mutation RestoreFlag($input: FlagLifecycleInput!) {\n    restoreFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.RestoreFlagDocument,
    "\n  mutation SetFlagTargeting($input: SetFlagTargetingInput!) {\n    setFlagTargeting(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": types.SetFlagTargetingDocument,
    "\n  query FlagChoices($projectKey: String!) {\n    flags(projectKey: $projectKey, first: 100) {\n      edges {\n        node {\n          id\n          key\n          name\n          valueType\n          variations {\n            key\n          }\n        }\n      }\n    }\n  }\n": types.FlagChoicesDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    projectKey\n    key\n    name\n    description\n    included\n    excluded\n    rules {\n      id\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      weight\n      bucketBy\n    }\n    archived\n    version\n    updatedAt\n  }\n": types.SegmentFieldsFragmentDoc,
    "\n  query Segments($projectKey: String!, $archived: Boolean) {\n    segments(projectKey: $projectKey, archived: $archived, first: 100) {\n      edges {\n        node {\n          ...SegmentFields\n        }\n      }\n    }\n  }\n": types.SegmentsDocument,
    "\n  query Segment($projectKey: String!, $key: String!) {\n    segment(projectKey: $projectKey, key: $key) {\n      ...SegmentFields\n    }\n  }\n": types.SegmentDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": types.UpdateSegmentDocument,
    "\n  mutation ArchiveSegment($input: ArchiveSegmentInput!) {\n    archiveSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n": types.ArchiveSegmentDocument,
    "\n  query EvaluateFlag($projectKey: String!, $environment: String!, $key: String!, $context: JSON, $at: DateTime) {\n    evaluateFlag(projectKey: $projectKey, environment: $environment, key: $key, context: $context, at: $at) {\n      value\n      variant\n      reason\n      errorCode\n      errorMessage\n      matchedRuleId\n      matchedTarget\n      metadata\n      trace\n      snapshotPosition\n    }\n  }\n": types.EvaluateFlagDocument,
    "\n  fragment SdkKeyFields on SdkKey {\n    id\n    projectKey\n    environment\n    kind\n    name\n    displayPrefix\n    revoked\n  }\n": types.SdkKeyFieldsFragmentDoc,
    "\n  query SdkKeys($projectKey: String!) {\n    sdkKeys(projectKey: $projectKey) {\n      ...SdkKeyFields\n    }\n  }\n": types.SdkKeysDocument,
    "\n  mutation CreateSdkKey($input: CreateSdkKeyInput!) {\n    createSdkKey(input: $input) {\n      secret\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n": types.CreateSdkKeyDocument,
    "\n  mutation RevokeSdkKey($input: RevokeSdkKeyInput!) {\n    revokeSdkKey(input: $input) {\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n": types.RevokeSdkKeyDocument,
    "\n  fragment ChangeRequestFields on ChangeRequest {\n    id\n    projectKey\n    environment\n    kind\n    title\n    ticket\n    reason\n    status\n    author {\n      subject\n      name\n    }\n    openedAt\n    updatedAt\n    applyAt\n    appliedAt\n    appliedBy {\n      subject\n      name\n    }\n    breakGlass\n    failure\n    requiredApprovals\n    policy {\n      allowSelfApproval\n      approverRoles\n      approverGroups\n      breakGlassRole\n    }\n    approvals {\n      subject\n      name\n      comment\n      at\n    }\n    rejection {\n      subject\n      name\n      comment\n      at\n    }\n    commands {\n      commandType\n      aggregateType\n      subjectKey\n      basedOnVersion\n      summary\n    }\n    diff {\n      subjectKind\n      subjectKey\n      field\n      before\n      after\n    }\n    version\n  }\n": types.ChangeRequestFieldsFragmentDoc,
    "\n  query ChangeRequests($projectKey: String!, $status: ChangeRequestStatus, $after: String) {\n    changeRequests(projectKey: $projectKey, status: $status, first: 50, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          environment\n          kind\n          title\n          status\n          author {\n            name\n          }\n          openedAt\n          requiredApprovals\n          approvals {\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ChangeRequestsDocument,
    "\n  query ChangeRequest($projectKey: String!, $id: ID!) {\n    changeRequest(projectKey: $projectKey, id: $id) {\n      ...ChangeRequestFields\n    }\n  }\n": types.ChangeRequestDocument,
    "\n  mutation ApproveChangeRequest($input: ReviewChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": types.ApproveChangeRequestDocument,
    "\n  mutation RejectChangeRequest($input: ReviewChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": types.RejectChangeRequestDocument,
    "\n  mutation WithdrawChangeRequest($input: ReviewChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": types.WithdrawChangeRequestDocument,
    "\n  mutation ApplyChangeRequest($input: ApplyChangeRequestInput!) {\n    applyChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n": types.ApplyChangeRequestDocument,
    "\n  query Protections($key: String!) {\n    project(key: $key) {\n      key\n      version\n      protections {\n        environment\n        requiredApprovals\n        approverRoles\n        approverGroups\n        allowSelfApproval\n        breakGlassRole\n      }\n    }\n  }\n": types.ProtectionsDocument,
    "\n  mutation SetEnvironmentProtection($input: SetEnvironmentProtectionInput!) {\n    setEnvironmentProtection(input: $input) {\n      project {\n        key\n        version\n        protections {\n          environment\n          requiredApprovals\n          approverRoles\n          approverGroups\n          allowSelfApproval\n          breakGlassRole\n        }\n      }\n    }\n  }\n": types.SetEnvironmentProtectionDocument,
    "\n  mutation PromoteFlags($input: PromoteFlagsInput!) {\n    promoteFlags(input: $input) {\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n": types.PromoteFlagsDocument,
    "\n  query ComplianceReport($projectKey: String!, $from: DateTime!, $to: DateTime!) {\n    complianceReport(projectKey: $projectKey, from: $from, to: $to) {\n      generatedAt\n      chainHeadPosition\n      chainHeadHash\n      keyId\n      signature\n      bodySha256\n      changes {\n        ...ComplianceChangeFields\n      }\n      breakGlass {\n        ...ComplianceChangeFields\n      }\n    }\n  }\n": types.ComplianceReportDocument,
    "\n  fragment ComplianceChangeFields on ComplianceChange {\n    position\n    effectiveAt\n    environment\n    subjectKind\n    subjectKey\n    eventType\n    fields\n    authorName\n    authorSubject\n    approvers\n    reason\n    ticket\n    throughApproval\n    changeRequestId\n  }\n": types.ComplianceChangeFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    position\n    eventId\n    eventType\n    occurredAt\n    actor {\n      subject\n      name\n      authentication\n    }\n    reason\n    origin\n    correlationId\n    projectKey\n    environment\n    subjectKind\n    subjectKey\n    flagKey\n    segmentKey\n    version\n    changes {\n      field\n      before\n      after\n    }\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query AuditTrail($filter: AuditFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      firstMismatch {\n        position\n        eventId\n        problem\n        expectedHash\n        recordedHash\n      }\n    }\n  }\n": types.VerifyAuditChainDocument,
    "\n  query FlagAsOf($projectKey: String!, $key: String!, $at: DateTime!) {\n    flagAsOf(projectKey: $projectKey, key: $key, at: $at) {\n      ...FlagFields\n    }\n  }\n": types.FlagAsOfDocument,
    "\n  query EnvironmentAsOf($projectKey: String!, $environment: String!, $at: DateTime!) {\n    environmentAsOf(projectKey: $projectKey, environment: $environment, at: $at) {\n      projectKey\n      key\n      name\n      requireReason\n      flags {\n        id\n        key\n        name\n        valueType\n        archived\n        version\n        environment(key: $environment) {\n          key\n          enabled\n          defaultVariation\n          offVariation\n          targeting {\n            rules {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.EnvironmentAsOfDocument,
    "\n  fragment LiveChangeFields on LiveChange {\n    projectKey\n    flagKey\n    segmentKey\n    environment\n    eventType\n    version\n    occurredAt\n    actor {\n      subject\n      name\n    }\n  }\n": types.LiveChangeFieldsFragmentDoc,
    "\n  subscription ProjectChanged($projectKey: String!) {\n    projectChanged(projectKey: $projectKey) {\n      ...LiveChangeFields\n    }\n  }\n": types.ProjectChangedDocument,
    "\n  subscription FlagChanged($projectKey: String!, $key: String!) {\n    flagChanged(projectKey: $projectKey, key: $key) {\n      ...LiveChangeFields\n    }\n  }\n": types.FlagChangedDocument,
    "\n  query ScheduledChanges($projectKey: String!, $flagKey: String!) {\n    scheduledFlagChanges(projectKey: $projectKey, flagKey: $flagKey, first: 100) {\n      edges {\n        node {\n          id\n          environment\n          dueAt\n          kind\n          summary\n          status\n          reason\n          resolvedAt\n          delayMillis\n          failure\n          scheduledBy {\n            subject\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ScheduledChangesDocument,
    "\n  mutation ScheduleFlagChange($input: ScheduleFlagChangeInput!) {\n    scheduleFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.ScheduleFlagChangeDocument,
    "\n  mutation CancelScheduledFlagChange($input: CancelScheduledFlagChangeInput!) {\n    cancelScheduledFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n": types.CancelScheduledFlagChangeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectFields on Project {\n    key\n    name\n    description\n    version\n    createdAt\n    updatedAt\n    environments {\n      key\n      name\n      requireReason\n    }\n  }\n"): (typeof documents)["\n  fragment ProjectFields on Project {\n    key\n    name\n    description\n    version\n    createdAt\n    updatedAt\n    environments {\n      key\n      name\n      requireReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TargetingFields on Targeting {\n    prerequisites {\n      flagKey\n      variation\n    }\n    targets {\n      variation\n      keys\n    }\n    rules {\n      id\n      description\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      serve {\n        variation\n        rollout {\n          weights {\n            variation\n            weight\n          }\n          bucketBy\n          salt\n        }\n      }\n    }\n    fallthroughRollout {\n      weights {\n        variation\n        weight\n      }\n      bucketBy\n      salt\n    }\n  }\n"): (typeof documents)["\n  fragment TargetingFields on Targeting {\n    prerequisites {\n      flagKey\n      variation\n    }\n    targets {\n      variation\n      keys\n    }\n    rules {\n      id\n      description\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      serve {\n        variation\n        rollout {\n          weights {\n            variation\n            weight\n          }\n          bucketBy\n          salt\n        }\n      }\n    }\n    fallthroughRollout {\n      weights {\n        variation\n        weight\n      }\n      bucketBy\n      salt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FlagFields on Flag {\n    id\n    projectKey\n    key\n    name\n    description\n    tags\n    valueType\n    archived\n    version\n    createdAt\n    updatedAt\n    variations {\n      key\n      name\n      description\n      value\n    }\n    environments {\n      key\n      enabled\n      defaultVariation\n      offVariation\n      targeting {\n        ...TargetingFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment FlagFields on Flag {\n    id\n    projectKey\n    key\n    name\n    description\n    tags\n    valueType\n    archived\n    version\n    createdAt\n    updatedAt\n    variations {\n      key\n      name\n      description\n      value\n    }\n    environments {\n      key\n      enabled\n      defaultVariation\n      offVariation\n      targeting {\n        ...TargetingFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Project($key: String!) {\n    project(key: $key) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  query Project($key: String!) {\n    project(key: $key) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flags($projectKey: String!, $filter: FlagFilter, $first: Int, $after: String) {\n    flags(projectKey: $projectKey, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          key\n          name\n          description\n          tags\n          valueType\n          archived\n          version\n          updatedAt\n          environments {\n            key\n            enabled\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Flags($projectKey: String!, $filter: FlagFilter, $first: Int, $after: String) {\n    flags(projectKey: $projectKey, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          key\n          name\n          description\n          tags\n          valueType\n          archived\n          version\n          updatedAt\n          environments {\n            key\n            enabled\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flag($projectKey: String!, $key: String!) {\n    flag(projectKey: $projectKey, key: $key) {\n      ...FlagFields\n    }\n  }\n"): (typeof documents)["\n  query Flag($projectKey: String!, $key: String!) {\n    flag(projectKey: $projectKey, key: $key) {\n      ...FlagFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddEnvironment($input: AddEnvironmentInput!) {\n    addEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddEnvironment($input: AddEnvironmentInput!) {\n    addEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n    renameEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n    renameEnvironment(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEnvironmentReasonPolicy($input: SetEnvironmentReasonPolicyInput!) {\n    setEnvironmentReasonPolicy(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetEnvironmentReasonPolicy($input: SetEnvironmentReasonPolicyInput!) {\n    setEnvironmentReasonPolicy(input: $input) {\n      project {\n        ...ProjectFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFlag($input: CreateFlagInput!) {\n    createFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateFlag($input: CreateFlagInput!) {\n    createFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFlagDetails($input: UpdateFlagDetailsInput!) {\n    updateFlagDetails(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFlagDetails($input: UpdateFlagDetailsInput!) {\n    updateFlagDetails(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFlagVariations($input: SetFlagVariationsInput!) {\n    setFlagVariations(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetFlagVariations($input: SetFlagVariationsInput!) {\n    setFlagVariations(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ToggleFlag($input: ToggleFlagInput!) {\n    toggleFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ToggleFlag($input: ToggleFlagInput!) {\n    toggleFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDefaultVariation($input: SetEnvironmentVariationInput!) {\n    setDefaultVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetDefaultVariation($input: SetEnvironmentVariationInput!) {\n    setDefaultVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOffVariation($input: SetEnvironmentVariationInput!) {\n    setOffVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetOffVariation($input: SetEnvironmentVariationInput!) {\n    setOffVariation(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveFlag($input: FlagLifecycleInput!) {\n    archiveFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveFlag($input: FlagLifecycleInput!) {\n    archiveFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreFlag($input: FlagLifecycleInput!) {\n    restoreFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreFlag($input: FlagLifecycleInput!) {\n    restoreFlag(input: $input) {\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFlagTargeting($input: SetFlagTargetingInput!) {\n    setFlagTargeting(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetFlagTargeting($input: SetFlagTargetingInput!) {\n    setFlagTargeting(input: $input) {\n      flag {\n        ...FlagFields\n      }\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagChoices($projectKey: String!) {\n    flags(projectKey: $projectKey, first: 100) {\n      edges {\n        node {\n          id\n          key\n          name\n          valueType\n          variations {\n            key\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlagChoices($projectKey: String!) {\n    flags(projectKey: $projectKey, first: 100) {\n      edges {\n        node {\n          id\n          key\n          name\n          valueType\n          variations {\n            key\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentFields on Segment {\n    id\n    projectKey\n    key\n    name\n    description\n    included\n    excluded\n    rules {\n      id\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      weight\n      bucketBy\n    }\n    archived\n    version\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SegmentFields on Segment {\n    id\n    projectKey\n    key\n    name\n    description\n    included\n    excluded\n    rules {\n      id\n      clauses {\n        attribute\n        operator\n        values\n        negate\n      }\n      weight\n      bucketBy\n    }\n    archived\n    version\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segments($projectKey: String!, $archived: Boolean) {\n    segments(projectKey: $projectKey, archived: $archived, first: 100) {\n      edges {\n        node {\n          ...SegmentFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Segments($projectKey: String!, $archived: Boolean) {\n    segments(projectKey: $projectKey, archived: $archived, first: 100) {\n      edges {\n        node {\n          ...SegmentFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segment($projectKey: String!, $key: String!) {\n    segment(projectKey: $projectKey, key: $key) {\n      ...SegmentFields\n    }\n  }\n"): (typeof documents)["\n  query Segment($projectKey: String!, $key: String!) {\n    segment(projectKey: $projectKey, key: $key) {\n      ...SegmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveSegment($input: ArchiveSegmentInput!) {\n    archiveSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveSegment($input: ArchiveSegmentInput!) {\n    archiveSegment(input: $input) {\n      segment {\n        ...SegmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateFlag($projectKey: String!, $environment: String!, $key: String!, $context: JSON, $at: DateTime) {\n    evaluateFlag(projectKey: $projectKey, environment: $environment, key: $key, context: $context, at: $at) {\n      value\n      variant\n      reason\n      errorCode\n      errorMessage\n      matchedRuleId\n      matchedTarget\n      metadata\n      trace\n      snapshotPosition\n    }\n  }\n"): (typeof documents)["\n  query EvaluateFlag($projectKey: String!, $environment: String!, $key: String!, $context: JSON, $at: DateTime) {\n    evaluateFlag(projectKey: $projectKey, environment: $environment, key: $key, context: $context, at: $at) {\n      value\n      variant\n      reason\n      errorCode\n      errorMessage\n      matchedRuleId\n      matchedTarget\n      metadata\n      trace\n      snapshotPosition\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkKeyFields on SdkKey {\n    id\n    projectKey\n    environment\n    kind\n    name\n    displayPrefix\n    revoked\n  }\n"): (typeof documents)["\n  fragment SdkKeyFields on SdkKey {\n    id\n    projectKey\n    environment\n    kind\n    name\n    displayPrefix\n    revoked\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkKeys($projectKey: String!) {\n    sdkKeys(projectKey: $projectKey) {\n      ...SdkKeyFields\n    }\n  }\n"): (typeof documents)["\n  query SdkKeys($projectKey: String!) {\n    sdkKeys(projectKey: $projectKey) {\n      ...SdkKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSdkKey($input: CreateSdkKeyInput!) {\n    createSdkKey(input: $input) {\n      secret\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSdkKey($input: CreateSdkKeyInput!) {\n    createSdkKey(input: $input) {\n      secret\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSdkKey($input: RevokeSdkKeyInput!) {\n    revokeSdkKey(input: $input) {\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSdkKey($input: RevokeSdkKeyInput!) {\n    revokeSdkKey(input: $input) {\n      key {\n        ...SdkKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChangeRequestFields on ChangeRequest {\n    id\n    projectKey\n    environment\n    kind\n    title\n    ticket\n    reason\n    status\n    author {\n      subject\n      name\n    }\n    openedAt\n    updatedAt\n    applyAt\n    appliedAt\n    appliedBy {\n      subject\n      name\n    }\n    breakGlass\n    failure\n    requiredApprovals\n    policy {\n      allowSelfApproval\n      approverRoles\n      approverGroups\n      breakGlassRole\n    }\n    approvals {\n      subject\n      name\n      comment\n      at\n    }\n    rejection {\n      subject\n      name\n      comment\n      at\n    }\n    commands {\n      commandType\n      aggregateType\n      subjectKey\n      basedOnVersion\n      summary\n    }\n    diff {\n      subjectKind\n      subjectKey\n      field\n      before\n      after\n    }\n    version\n  }\n"): (typeof documents)["\n  fragment ChangeRequestFields on ChangeRequest {\n    id\n    projectKey\n    environment\n    kind\n    title\n    ticket\n    reason\n    status\n    author {\n      subject\n      name\n    }\n    openedAt\n    updatedAt\n    applyAt\n    appliedAt\n    appliedBy {\n      subject\n      name\n    }\n    breakGlass\n    failure\n    requiredApprovals\n    policy {\n      allowSelfApproval\n      approverRoles\n      approverGroups\n      breakGlassRole\n    }\n    approvals {\n      subject\n      name\n      comment\n      at\n    }\n    rejection {\n      subject\n      name\n      comment\n      at\n    }\n    commands {\n      commandType\n      aggregateType\n      subjectKey\n      basedOnVersion\n      summary\n    }\n    diff {\n      subjectKind\n      subjectKey\n      field\n      before\n      after\n    }\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChangeRequests($projectKey: String!, $status: ChangeRequestStatus, $after: String) {\n    changeRequests(projectKey: $projectKey, status: $status, first: 50, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          environment\n          kind\n          title\n          status\n          author {\n            name\n          }\n          openedAt\n          requiredApprovals\n          approvals {\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChangeRequests($projectKey: String!, $status: ChangeRequestStatus, $after: String) {\n    changeRequests(projectKey: $projectKey, status: $status, first: 50, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          environment\n          kind\n          title\n          status\n          author {\n            name\n          }\n          openedAt\n          requiredApprovals\n          approvals {\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChangeRequest($projectKey: String!, $id: ID!) {\n    changeRequest(projectKey: $projectKey, id: $id) {\n      ...ChangeRequestFields\n    }\n  }\n"): (typeof documents)["\n  query ChangeRequest($projectKey: String!, $id: ID!) {\n    changeRequest(projectKey: $projectKey, id: $id) {\n      ...ChangeRequestFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveChangeRequest($input: ReviewChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveChangeRequest($input: ReviewChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectChangeRequest($input: ReviewChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RejectChangeRequest($input: ReviewChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawChangeRequest($input: ReviewChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawChangeRequest($input: ReviewChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyChangeRequest($input: ApplyChangeRequestInput!) {\n    applyChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyChangeRequest($input: ApplyChangeRequestInput!) {\n    applyChangeRequest(input: $input) {\n      changeRequest {\n        ...ChangeRequestFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Protections($key: String!) {\n    project(key: $key) {\n      key\n      version\n      protections {\n        environment\n        requiredApprovals\n        approverRoles\n        approverGroups\n        allowSelfApproval\n        breakGlassRole\n      }\n    }\n  }\n"): (typeof documents)["\n  query Protections($key: String!) {\n    project(key: $key) {\n      key\n      version\n      protections {\n        environment\n        requiredApprovals\n        approverRoles\n        approverGroups\n        allowSelfApproval\n        breakGlassRole\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEnvironmentProtection($input: SetEnvironmentProtectionInput!) {\n    setEnvironmentProtection(input: $input) {\n      project {\n        key\n        version\n        protections {\n          environment\n          requiredApprovals\n          approverRoles\n          approverGroups\n          allowSelfApproval\n          breakGlassRole\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetEnvironmentProtection($input: SetEnvironmentProtectionInput!) {\n    setEnvironmentProtection(input: $input) {\n      project {\n        key\n        version\n        protections {\n          environment\n          requiredApprovals\n          approverRoles\n          approverGroups\n          allowSelfApproval\n          breakGlassRole\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PromoteFlags($input: PromoteFlagsInput!) {\n    promoteFlags(input: $input) {\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PromoteFlags($input: PromoteFlagsInput!) {\n    promoteFlags(input: $input) {\n      changeRequest {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComplianceReport($projectKey: String!, $from: DateTime!, $to: DateTime!) {\n    complianceReport(projectKey: $projectKey, from: $from, to: $to) {\n      generatedAt\n      chainHeadPosition\n      chainHeadHash\n      keyId\n      signature\n      bodySha256\n      changes {\n        ...ComplianceChangeFields\n      }\n      breakGlass {\n        ...ComplianceChangeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComplianceReport($projectKey: String!, $from: DateTime!, $to: DateTime!) {\n    complianceReport(projectKey: $projectKey, from: $from, to: $to) {\n      generatedAt\n      chainHeadPosition\n      chainHeadHash\n      keyId\n      signature\n      bodySha256\n      changes {\n        ...ComplianceChangeFields\n      }\n      breakGlass {\n        ...ComplianceChangeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ComplianceChangeFields on ComplianceChange {\n    position\n    effectiveAt\n    environment\n    subjectKind\n    subjectKey\n    eventType\n    fields\n    authorName\n    authorSubject\n    approvers\n    reason\n    ticket\n    throughApproval\n    changeRequestId\n  }\n"): (typeof documents)["\n  fragment ComplianceChangeFields on ComplianceChange {\n    position\n    effectiveAt\n    environment\n    subjectKind\n    subjectKey\n    eventType\n    fields\n    authorName\n    authorSubject\n    approvers\n    reason\n    ticket\n    throughApproval\n    changeRequestId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    position\n    eventId\n    eventType\n    occurredAt\n    actor {\n      subject\n      name\n      authentication\n    }\n    reason\n    origin\n    correlationId\n    projectKey\n    environment\n    subjectKind\n    subjectKey\n    flagKey\n    segmentKey\n    version\n    changes {\n      field\n      before\n      after\n    }\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    position\n    eventId\n    eventType\n    occurredAt\n    actor {\n      subject\n      name\n      authentication\n    }\n    reason\n    origin\n    correlationId\n    projectKey\n    environment\n    subjectKind\n    subjectKey\n    flagKey\n    segmentKey\n    version\n    changes {\n      field\n      before\n      after\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($filter: AuditFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($filter: AuditFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...AuditEntryFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      firstMismatch {\n        position\n        eventId\n        problem\n        expectedHash\n        recordedHash\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditChain {\n    verifyAuditChain {\n      valid\n      checked\n      firstMismatch {\n        position\n        eventId\n        problem\n        expectedHash\n        recordedHash\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlagAsOf($projectKey: String!, $key: String!, $at: DateTime!) {\n    flagAsOf(projectKey: $projectKey, key: $key, at: $at) {\n      ...FlagFields\n    }\n  }\n"): (typeof documents)["\n  query FlagAsOf($projectKey: String!, $key: String!, $at: DateTime!) {\n    flagAsOf(projectKey: $projectKey, key: $key, at: $at) {\n      ...FlagFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnvironmentAsOf($projectKey: String!, $environment: String!, $at: DateTime!) {\n    environmentAsOf(projectKey: $projectKey, environment: $environment, at: $at) {\n      projectKey\n      key\n      name\n      requireReason\n      flags {\n        id\n        key\n        name\n        valueType\n        archived\n        version\n        environment(key: $environment) {\n          key\n          enabled\n          defaultVariation\n          offVariation\n          targeting {\n            rules {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EnvironmentAsOf($projectKey: String!, $environment: String!, $at: DateTime!) {\n    environmentAsOf(projectKey: $projectKey, environment: $environment, at: $at) {\n      projectKey\n      key\n      name\n      requireReason\n      flags {\n        id\n        key\n        name\n        valueType\n        archived\n        version\n        environment(key: $environment) {\n          key\n          enabled\n          defaultVariation\n          offVariation\n          targeting {\n            rules {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveChangeFields on LiveChange {\n    projectKey\n    flagKey\n    segmentKey\n    environment\n    eventType\n    version\n    occurredAt\n    actor {\n      subject\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment LiveChangeFields on LiveChange {\n    projectKey\n    flagKey\n    segmentKey\n    environment\n    eventType\n    version\n    occurredAt\n    actor {\n      subject\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProjectChanged($projectKey: String!) {\n    projectChanged(projectKey: $projectKey) {\n      ...LiveChangeFields\n    }\n  }\n"): (typeof documents)["\n  subscription ProjectChanged($projectKey: String!) {\n    projectChanged(projectKey: $projectKey) {\n      ...LiveChangeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FlagChanged($projectKey: String!, $key: String!) {\n    flagChanged(projectKey: $projectKey, key: $key) {\n      ...LiveChangeFields\n    }\n  }\n"): (typeof documents)["\n  subscription FlagChanged($projectKey: String!, $key: String!) {\n    flagChanged(projectKey: $projectKey, key: $key) {\n      ...LiveChangeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduledChanges($projectKey: String!, $flagKey: String!) {\n    scheduledFlagChanges(projectKey: $projectKey, flagKey: $flagKey, first: 100) {\n      edges {\n        node {\n          id\n          environment\n          dueAt\n          kind\n          summary\n          status\n          reason\n          resolvedAt\n          delayMillis\n          failure\n          scheduledBy {\n            subject\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScheduledChanges($projectKey: String!, $flagKey: String!) {\n    scheduledFlagChanges(projectKey: $projectKey, flagKey: $flagKey, first: 100) {\n      edges {\n        node {\n          id\n          environment\n          dueAt\n          kind\n          summary\n          status\n          reason\n          resolvedAt\n          delayMillis\n          failure\n          scheduledBy {\n            subject\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleFlagChange($input: ScheduleFlagChangeInput!) {\n    scheduleFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleFlagChange($input: ScheduleFlagChangeInput!) {\n    scheduleFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelScheduledFlagChange($input: CancelScheduledFlagChangeInput!) {\n    cancelScheduledFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelScheduledFlagChange($input: CancelScheduledFlagChangeInput!) {\n    cancelScheduledFlagChange(input: $input) {\n      schedule {\n        id\n        status\n      }\n      flag {\n        ...FlagFields\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;